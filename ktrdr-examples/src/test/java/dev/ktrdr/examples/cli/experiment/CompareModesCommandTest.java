package dev.ktrdr.examples.cli.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.examples.cli.KtrdrCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CompareModesCommandTest {
    @TempDir
    Path dir;

    static final String STRATEGY = "name: cmp\n"
            + "version: \"3.0\"\n"
            + "scope: universal\n"
            + "training_data:\n"
            + "  symbols: {mode: multi_symbol, list: [BTCUSDT, ETHUSDT, AAPL]}\n"
            + "  timeframes: {mode: multi_timeframe, list: [1h, 4h], base_timeframe: 1h}\n"
            + "deployment:\n"
            + "  target_symbols: {mode: universal}\n"
            + "indicators:\n"
            + "  rsi_14: {type: rsi, period: 14}\n"
            + "fuzzy_sets:\n"
            + "  rsi_14: {indicator: rsi_14, low: [0, 30, 50], mid: [30, 50, 70], high: [50, 70, 100]}\n"
            + "model:\n"
            + "  architecture: {hidden_layers: [8]}\n"
            + "decisions: {confidence_threshold: 0.36, allow_short: true}\n"
            + "training:\n"
            + "  labels: {source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}\n"
            + "  epochs: 2\n"
            + "  batch_size: 64\n";

    @Test
    void compareModesWritesTheTableAsCsvAndMarkdownWithNaForHeldOutPerSymbolRows() throws IOException {
        Path data = dir.resolve("data");
        SyntheticMarket.Config c = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2024-01-01T00:00:00Z"), 1200, 3);
        SyntheticMarket.writeFolder(data, c, SyntheticMarket.generate(c));
        Path s = dir.resolve("s.yaml");
        Files.writeString(s, STRATEGY);
        Path o = dir.resolve("out");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = KtrdrCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("experiment", "compare-modes", s.toString(), "--data-dir", data.toString(), "--windows", "2",
                "--holdout", "AAPL", "--out", o.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("training [BTCUSDT, ETHUSDT], held out [AAPL]")
                .contains("| per_symbol | AAPL | held out | n/a |").contains("| universal_embedding | AAPL | held out | 2 |");
        List<String> csv = Files.readAllLines(o.resolve("compare_modes.csv"));
        assertThat(csv).hasSize(1 + 3 * 3);
        assertThat(csv.get(0)).startsWith("mode,symbol,role,windows,test_rows,accuracy,sharpe,profit_factor,max_drawdown");
        assertThat(Files.readString(o.resolve("compare_modes.md"))).startsWith("cmp: 2 rolling walk-forward windows")
                .contains("| mode | symbol | role |");
        assertThat(err.toString()).contains("[window 2/2] universal").contains("[train ").contains("universal window 1/2: epoch");
        assertThat(out.toString()).contains("Accuracy per window on the common rows")
                .contains("per_symbol − universal: accuracy ").contains("universal − universal_embedding: accuracy ")
                .containsPattern("per_symbol: accuracy \\d+\\.\\d+% \\| per-symbol baseline");
        JsonNode j = new ObjectMapper().readTree(o.resolve("compare_modes.json").toFile());
        assertThat(j.get("rows")).hasSize(9);
        assertThat(j.get("paired_differences")).hasSize(3);
        assertThat(j.get("per_window")).hasSize(2 * (3 + 3 + 2));
        // the portfolio view: per mode and window the training portfolio; the held-out one where the mode serves AAPL
        assertThat(out.toString()).contains("Portfolio view: per window").containsPattern(
                "universal +held-out window 2:  1 symbols, return +[-+][0-9]+\\.[0-9]{2} %, Sharpe").contains("per_symbol − universal (training symbols, 2 windows): Sharpe ");
        JsonNode pw = j.get("portfolio").get("windows");
        assertThat(pw).hasSize(3 * 2 + 2 * 2);
        assertThat(pw.get(0).get("symbols").asInt()).isEqualTo(2);
        assertThat(j.get("portfolio").get("paired_differences")).hasSize(3 + 1);
    }

    @Test
    void jsonCarriesRowsBaselinesWindowsAndPairedDifferencesWithoutProgress() throws IOException {
        Path data = dir.resolve("data");
        SyntheticMarket.Config c = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2024-01-01T00:00:00Z"), 1200, 3);
        SyntheticMarket.writeFolder(data, c, SyntheticMarket.generate(c));
        Path s = dir.resolve("s.yaml");
        Files.writeString(s, STRATEGY);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = KtrdrCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("experiment", "compare-modes", s.toString(), "--data-dir", data.toString(), "--windows", "2",
                "--symbols", "BTCUSDT,ETHUSDT", "--json");
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).isEmpty();
        JsonNode j = new ObjectMapper().readTree(out.toString());
        assertThat(j.get("training_symbols").toString()).isEqualTo("[\"BTCUSDT\",\"ETHUSDT\"]");
        assertThat(j.get("bootstrap").get("replicates").asInt()).isEqualTo(1000);
        JsonNode row = j.get("rows").get(0);
        for (String key : List.of("mode", "symbol", "role", "available", "windows", "test_rows", "lost_rows", "accuracy",
                "baseline_accuracy", "pooled_majority_accuracy", "momentum_accuracy", "edge", "edge_ci_low", "edge_ci_high",
                "edge_against", "verdict", "sharpe", "trades")) {
            assertThat(row.has(key)).as(key).isTrue();
        }
        // every mode has a model for both symbols: the same rows in every mode
        for (JsonNode r : j.get("rows")) {
            String sym = r.get("symbol").asText();
            assertThat(r.get("test_rows").asInt()).isEqualTo(j.get("rows").get(sym.equals("BTCUSDT") ? 0 : 1).get("test_rows").asInt());
        }
        JsonNode d = j.get("paired_differences").get(0);
        assertThat(d.get("a").asText()).isEqualTo("per_symbol");
        assertThat(d.get("b").asText()).isEqualTo("universal");
        assertThat(d.get("rows").asInt()).isEqualTo(row.get("test_rows").asInt() + j.get("rows").get(1).get("test_rows").asInt());
        assertThat(d.get("verdict").asText()).matches("per_symbol better at 95%|universal better at 95%|not distinguishable at 95%");
        assertThat(d.get("per_symbol").has("ETHUSDT")).isTrue();
        assertThat(d.get("per_window")).hasSize(2);
        assertThat(j.get("overall_training_symbols").has("universal_embedding")).isTrue();
        assertThat(j.get("caveat").isNull()).isTrue();
    }
}
