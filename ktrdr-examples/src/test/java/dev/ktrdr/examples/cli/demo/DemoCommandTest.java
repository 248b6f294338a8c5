package dev.ktrdr.examples.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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

/** The demo end to end on a small synthetic market (one run shared by the tests of this class). */
class DemoCommandTest {
    @TempDir
    static Path dir;
    static Path out;
    static int code;
    static final StringWriter OUT = new StringWriter();
    static final StringWriter ERR = new StringWriter();

    static int run(StringWriter o, StringWriter e, String... args) {
        CommandLine cl = KtrdrCli.commandLine();
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        return cl.execute(args);
    }

    @BeforeAll
    static void runDemo() {
        out = dir.resolve("demo");
        // A relative --out, as the README's command gives it (the store hands back absolute paths).
        Path relativeOut = Path.of("").toAbsolutePath().relativize(out);
        assertThat(relativeOut.isAbsolute()).isFalse();
        code = run(OUT, ERR, "demo", "--out", relativeOut.toString(), "--bars", "4000");
    }

    @Test
    void demoTrainsStoresResolvesBacktestsAndPrintsTheSummaryTable() {
        assertThat(code).as(ERR.toString()).isZero();
        assertThat(OUT.toString()).contains("rung UNIVERSAL").contains("never seen in training")
                .contains("universal model on ETHUSDT (never seen)").contains("ETHUSDT's own model").contains("buy and hold")
                .contains("accuracy").contains("baseline").contains("report:");
        // progress bars and step lines go to stderr, not stdout
        assertThat(ERR.toString()).contains("demo epoch").contains("resolved universal_demo for ETHUSDT: rung UNIVERSAL");
        assertThat(OUT.toString()).doesNotContain("demo epoch");
    }

    @Test
    void demoStoresBothModelsAndWritesBacktestsAndAReportWithEveryChart() throws IOException {
        assertThat(code).as(ERR.toString()).isZero();
        assertThat(out.resolve("models/universal_demo/universal_1h-4h-1d_v1/manifest.json")).exists();
        assertThat(out.resolve("models/universal_demo/ETHUSDT_1h-4h-1d_v1/manifest.json")).exists();
        for (String b : List.of("universal-ETHUSDT", "own-ETHUSDT")) {
            for (String f : List.of("equity.csv", "trades.csv", "buy_and_hold.csv", "metrics.json")) {
                assertThat(out.resolve("backtests").resolve(b).resolve(f)).exists();
            }
        }
        String html = Files.readString(out.resolve("report/index.html"));
        for (String chart : List.of("Equity vs buy-and-hold", "Drawdown", "Training and validation loss",
                "Training and validation accuracy", "Accuracy per symbol", "Confusion matrix", "Calibration",
                "Symbol embedding map")) {
            // the equity chart's alt text goes on with its first and last values
            assertThat(html.contains("alt=\"" + chart + "\"") || html.contains("alt=\"" + chart + ": ")).as("chart %s", chart).isTrue();
        }
        for (String kind : List.of("timeframe", "fuzzy set", "indicator")) {
            assertThat(html).containsPattern("alt=\"Accuracy drop when all columns of one " + kind
                    + " are shuffled together \\(\\d+ rows, 5 repeats, whiskers: 95% interval over the repeats\\)\"");
        }
        assertThat(html.contains("<td>ETHUSDT (crypto)</td>")).as("unseen symbol row").isTrue();
        assertThat(html.contains("<td>UNIVERSAL, unknown-symbol slot</td>")).as("rung row").isTrue();
    }

    @Test
    void reportRebuildsChartsFromTheStoredModelAndFromABacktestDirectory() throws IOException {
        assertThat(code).as(ERR.toString()).isZero();
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        Path model = out.resolve("models/universal_demo/universal_1h-4h-1d_v1");
        // a model version folder is checksummed: its report goes elsewhere, and never below it
        Path modelReport = out.resolve("model-report");
        assertThat(run(o, e, "report", model.toString(), "--out", modelReport.toString())).as(e.toString()).isZero();
        assertThat(model.resolve("report")).doesNotExist();
        assertThat(run(o, e, "report", model.toString(), "--out", model.resolve("report").toString())).isEqualTo(2);
        assertThat(e.toString()).contains("is inside the checksummed model version").contains("choose another --out");
        assertThat(model.resolve("report")).doesNotExist();
        String html = Files.readString(modelReport.resolve("index.html"));
        assertThat(html).contains("alt=\"Training and validation loss\"").contains("alt=\"Accuracy per symbol\"")
                .contains("alt=\"Accuracy drop when all columns of one timeframe are shuffled together (").contains("alt=\"Confusion matrix\"")
                .contains("alt=\"Symbol embedding map\"").doesNotContain("alt=\"Equity vs buy-and-hold");
        Path bt = out.resolve("backtests/universal-ETHUSDT");
        assertThat(run(o, e, "report", bt.toString())).as(e.toString()).isZero();
        String btHtml = Files.readString(bt.resolve("report/index.html"));
        assertThat(btHtml).contains("alt=\"Equity vs buy-and-hold: strategy equity from ").contains(", buy and hold from ")
                .containsPattern("<title>Backtest: universal-ETHUSDT, 20[0-9-]+ to 20[0-9-]+ \\(UTC\\)</title>").contains("alt=\"Drawdown\"").contains("sharpe")
                .doesNotContain("alt=\"Confusion matrix\"");
        assertThat(o.toString()).contains("report/index.html (2 charts");
    }

    @Test
    void jsonDocumentsTheRunWithoutProgressBars() throws IOException {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertThat(run(o, e, "demo", "--out", dir.resolve("json").toString(), "--bars", "3000", "--json"))
                .as(e.toString()).isZero();
        JsonNode j = new ObjectMapper().readTree(o.toString());
        assertThat(j.path("rung").asText()).isEqualTo("UNIVERSAL");
        assertThat(j.path("unknown_symbol_slot").asBoolean()).isTrue();
        assertThat(j.path("unseen_symbol").asText()).isEqualTo("ETHUSDT");
        assertThat(j.path("trained_symbols")).hasSize(5);
        assertThat(j.path("backtests")).hasSize(2);
        assertThat(j.path("backtests").path(0).path("total_return").isNumber()).isTrue();
        assertThat(j.path("universal_training").path("test_accuracy").isNumber()).isTrue();
        // three group-importance charts (timeframe, fuzzy set, indicator) and seven others
        assertThat(j.path("charts").asInt()).isEqualTo(10 + 1);
        assertThat(e.toString()).doesNotContain("demo epoch");
    }

    @Test
    void aDataFolderWithoutTheSymbolsIsOneLineAndExitTwo() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertThat(run(o, e, "demo", "--data-dir", empty.toString(), "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(e.toString().strip()).doesNotContain("\n").contains("no hourly bars for EURUSD");
        StringWriter e2 = new StringWriter();
        assertThat(run(o, e2, "demo", "--data", "csv:" + empty, "--out", dir.resolve("x").toString())).isEqualTo(2);
        assertThat(e2.toString().strip()).doesNotContain("\n").contains("csv:" + empty + ": no hourly bars for EURUSD");
        StringWriter e3 = new StringWriter();
        assertThat(run(o, e3, "demo", "--data", "csv:" + empty, "--data-dir", empty.toString(), "--out",
                dir.resolve("x").toString())).isEqualTo(2);
        assertThat(e3.toString().strip()).doesNotContain("\n").contains("give --data-dir or --data, not both");
    }

    @Test
    void anUnseenSymbolThatIsAlsoTrainedOnIsRefusedInOneLine() {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertThat(run(o, e, "demo", "--train", "EURUSD,BTCUSDT", "--unseen", "BTCUSDT", "--out", dir.resolve("y").toString()))
                .isEqualTo(2);
        assertThat(e.toString().strip()).doesNotContain("\n").contains("--unseen").contains("BTCUSDT is also a training symbol");
    }

    @Test
    void reportOnAFolderThatIsNeitherIsOneLineAndExitTwo() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("neither"));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        assertThat(run(o, e, "report", empty.toString())).isEqualTo(2);
        assertThat(e.toString().strip()).doesNotContain("\n").contains("neither a model version directory");
    }
}
