package dev.ktrdr.examples.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.examples.cli.KtrdrCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BacktestCommandTest {
    @TempDir
    static Path dir;
    static Path data;
    static Path store;
    static Path strategy;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    @BeforeAll
    static void trainOnce() throws IOException {
        data = dir.resolve("data");
        store = dir.resolve("models");
        TinyModels.writeData(data, 1200);
        strategy = TinyModels.writeStrategy(dir, TinyModels.STRATEGY);
        TinyModels.trainAndSave(TinyModels.STRATEGY, data, store, List.of(Symbol.of("BTCUSDT"), Symbol.of("ETHUSDT")));
    }

    int run(String... args) {
        CommandLine cl = KtrdrCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void backtestSaysWhichRungServedAndPrintsTheReport() {
        assertThat(run("backtest", strategy.toString(), "--symbol", "BTCUSDT", "--data-dir", data.toString(),
                "--models-dir", store.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("tiny_universal on BTCUSDT: model from the universal rung: universal_")
                .doesNotContain("unknown-symbol slot").contains("sharpe").contains("max_drawdown").contains("trade_count")
                .contains("buy_hold_return");
    }

    @Test
    void jsonAndOutWriteOneDocumentAndTheCsvFiles() throws IOException {
        Path o = dir.resolve("out");
        assertThat(run("backtest", strategy.toString(), "--symbol", "ETHUSDT", "--data-dir", data.toString(),
                "--models-dir", store.toString(), "--json", "--out", o.toString(), "--commission", "0.002",
                "--slippage", "3")).as(err.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("model").get("rung").asText()).isEqualTo("universal");
        assertThat(doc.get("model").get("unseen_symbol").asBoolean()).isFalse();
        assertThat(doc.get("execution").get("slippage_bps").asDouble()).isEqualTo(3.0);
        assertThat(doc.get("metrics").get("final_equity").isNumber()).isTrue();
        assertThat(Files.readAllLines(o.resolve("equity.csv"))).hasSize(doc.get("bars").asInt() + 1);
        assertThat(Files.readAllLines(o.resolve("trades.csv")).get(0)).startsWith("entry_time,exit_time,direction");
        assertThat(Files.readAllLines(o.resolve("trades.csv"))).hasSize((int) doc.get("metrics").get("trade_count").asDouble() + 1);
        assertThat(new ObjectMapper().readTree(o.resolve("summary.json").toFile())).isEqualTo(doc);
    }

    @Test
    void aSymbolOutsideTrainingIsServedThroughTheUnknownSlot() throws IOException {
        assertThat(run("backtest", strategy.toString(), "--symbol", "EURUSD", "--data-dir", data.toString(),
                "--models-dir", store.toString(), "--json")).as(err.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("model").get("unseen_symbol").asBoolean()).isTrue();
    }

    @Test
    void aNewerVersionThatCannotServeIsListedWhenTheOlderOneDoes() throws IOException {
        Path models = dir.resolve("rollback-models");
        Path strat = models.resolve("tiny_universal");
        Files.createDirectories(strat);
        Path v1 = null;
        try (var s = Files.list(store.resolve("tiny_universal"))) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = strat.resolve(p.getFileName().toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                    try (var f = Files.list(p)) {
                        for (Path q : (Iterable<Path>) f::iterator) {
                            Files.copy(q, t.resolve(q.getFileName().toString()));
                        }
                    }
                    v1 = t;
                } else {
                    Files.copy(p, t);
                }
            }
        }
        String name1 = v1.getFileName().toString();
        String name2 = name1.substring(0, name1.length() - 1) + "2";
        // v2 is v1 without its manifest, and the pointer names it: it must be listed, not skipped.
        Files.createDirectories(strat.resolve(name2));
        Files.copy(v1.resolve("model.bin"), strat.resolve(name2).resolve("model.bin"));
        Files.writeString(strat.resolve("latest-" + name1.substring(0, name1.lastIndexOf("_v"))), name2 + "\n");
        assertThat(run("backtest", strategy.toString(), "--symbol", "BTCUSDT", "--data-dir", data.toString(),
                "--models-dir", models.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("model from the universal rung: " + name1)
                .contains("  refused " + name2 + ": has no manifest.json: a damaged version");
        out.getBuffer().setLength(0);
        assertThat(run("backtest", strategy.toString(), "--symbol", "BTCUSDT", "--data-dir", data.toString(),
                "--models-dir", models.toString(), "--json")).as(err.toString()).isZero();
        JsonNode refusals = new ObjectMapper().readTree(out.toString()).get("model").get("refusals");
        assertThat(refusals).hasSize(1);
        assertThat(refusals.get(0).get("candidate").asText()).isEqualTo(name2);
        assertThat(refusals.get(0).get("reason").asText()).startsWith("has no manifest.json");
    }

    @Test
    void noModelListsEveryRefusalAndBadCostsExitTwo() throws IOException {
        Path other = TinyModels.writeStrategy(dir.resolve("other"), TinyModels.STRATEGY.replace("tiny_universal", "never_trained"));
        assertThat(run("backtest", other.toString(), "--symbol", "BTCUSDT", "--data-dir", data.toString(),
                "--models-dir", store.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("no model of strategy never_trained serves BTCUSDT").contains("universal rung");
        assertThat(run("backtest", strategy.toString(), "--symbol", "BTCUSDT", "--data-dir", data.toString(),
                "--models-dir", store.toString(), "--commission", "1.5")).isEqualTo(2);
        assertThat(err.toString()).contains("commission");
    }

    @Test
    void analyzeMtfTakesTheBaseTimeframesTrendFromTheModel() throws IOException {
        assertThat(run("analyze", "mtf", "--symbol", "BTCUSDT", "--data-dir", data.toString(), "--timeframes", "1h,4h",
                "--models-dir", store.toString(), "--json")).as(err.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        JsonNode rows = doc.get("timeframes");
        assertThat(rows.get(0).get("timeframe").asText()).isEqualTo("1h");
        assertThat(rows.get(0).get("basis").asText()).startsWith("model buy").contains("tiny_universal/universal_")
                .contains("universal rung");
        assertThat(rows.get(1).get("basis").asText()).doesNotStartWith("model");
        out.getBuffer().setLength(0);
        assertThat(run("analyze", "mtf", "--symbol", "BTCUSDT", "--data-dir", data.toString(), "--timeframes", "1h,4h",
                "--json")).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("timeframes").get(0).get("basis").asText())
                .doesNotStartWith("model");
    }

    @Test
    void aModelSavedByKtrdrTrainIsBacktestedThroughTheStore() throws IOException {
        Path models = dir.resolve("cli-models");
        Path yaml = TinyModels.writeStrategy(dir.resolve("cli"), TinyModels.STRATEGY.replace("tiny_universal", "cli_trained"));
        assertThat(run("train", yaml.toString(), "--data-dir", data.toString(), "--models-dir", models.toString()))
                .as(err.toString()).isZero();
        out.getBuffer().setLength(0);
        assertThat(run("backtest", yaml.toString(), "--symbol", "BTCUSDT", "--data-dir", data.toString(),
                "--models-dir", models.toString(), "--json")).as(err.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("strategy").asText()).isEqualTo("cli_trained");
        assertThat(doc.get("model").get("rung").asText()).isEqualTo("universal");
        assertThat(doc.get("model").get("directory").asText()).contains("cli-models");
    }

    @Test
    void backtestReadsTheShardsKtrdrTrainWroteAndCacheDirAndNoFeatureCacheWorkAsForTrain() throws IOException {
        Path models = dir.resolve("cache-models");
        Path yaml = TinyModels.writeStrategy(dir.resolve("cache"), TinyModels.STRATEGY.replace("tiny_universal", "cached"));
        assertThat(run("train", yaml.toString(), "--data-dir", data.toString(), "--models-dir", models.toString(), "--json"))
                .as(err.toString()).isZero();
        Path defaultCache = models.resolve(".feature-cache");
        List<Path> shards = shards(defaultCache);
        assertThat(shards).hasSize(2);
        FileTime stamp = FileTime.fromMillis(1_000_000L);
        for (Path f : shards) {
            Files.setLastModifiedTime(f, stamp);
        }
        String[] backtest = {"backtest", yaml.toString(), "--symbol", "BTCUSDT", "--data-dir", data.toString(),
            "--models-dir", models.toString(), "--json"};
        String first = json(backtest);
        String second = json(backtest);
        assertThat(second).isEqualTo(first);
        // the training run's shards served both: none was written
        assertThat(shards(defaultCache)).isEqualTo(shards);
        for (Path f : shards) {
            assertThat(Files.getLastModifiedTime(f)).as(f.toString()).isEqualTo(stamp);
        }
        // another folder: built there, the same figures
        Path other = dir.resolve("other-cache");
        assertThat(json(concat(backtest, "--cache-dir", other.toString()))).isEqualTo(first);
        assertThat(shards(other)).hasSize(1);
        // the portfolio backtest reads them too
        json("backtest", yaml.toString(), "--portfolio", "--symbols", "BTCUSDT,ETHUSDT", "--data-dir", data.toString(),
                "--models-dir", models.toString(), "--cache-dir", other.toString(), "--json");
        assertThat(shards(other)).hasSize(2);
        // off: nothing written anywhere
        Path unused = dir.resolve("unused-cache");
        assertThat(new ObjectMapper().readTree(json(concat(backtest, "--no-feature-cache", "--cache-dir", unused.toString())))
                .get("metrics").get("final_equity").isNumber()).isTrue();
        assertThat(unused).doesNotExist();
        assertThat(shards(defaultCache)).isEqualTo(shards);
    }

    String json(String... args) {
        out.getBuffer().setLength(0);
        assertThat(run(args)).as(err.toString()).isZero();
        return out.toString();
    }

    static String[] concat(String[] a, String... b) {
        String[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    static List<Path> shards(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (var s = Files.list(cache)) {
            return s.filter(p -> p.toString().endsWith(".kshard")).sorted().toList();
        }
    }

    @Test
    void fromStartsTheWindowLaterAndTheInSampleOverlapIsSaid() throws IOException {
        assertThat(run("backtest", strategy.toString(), "--symbol", "BTCUSDT", "--data-dir", data.toString(),
                "--models-dir", store.toString())).isZero();
        assertThat(out.toString()).contains("note: the window starts before the model's training rows end");
        out.getBuffer().setLength(0);
        assertThat(run("backtest", strategy.toString(), "--symbol", "BTCUSDT", "--data-dir", data.toString(),
                "--models-dir", store.toString(), "--from", "2024-02-10", "--json")).as(err.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("from").asText()).isEqualTo("2024-02-10T00:00:00Z");
        assertThat(doc.get("in_sample_overlap").asBoolean()).isFalse();
        assertThat(run("backtest", strategy.toString(), "--symbol", "BTCUSDT", "--data-dir", data.toString(),
                "--models-dir", store.toString(), "--from", "10 Feb")).isEqualTo(2);
        assertThat(err.toString()).contains("--from");
    }
}
