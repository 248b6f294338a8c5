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
}
