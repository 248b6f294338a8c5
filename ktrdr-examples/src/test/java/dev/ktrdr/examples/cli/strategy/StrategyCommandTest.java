package dev.ktrdr.examples.cli.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.examples.cli.KtrdrCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StrategyCommandTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = KtrdrCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    Path copy(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/strategies/" + name)) {
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    @Test
    void validateAcceptsTheSharedStrategies() throws IOException {
        for (String f : new String[] {"mtf_single.yaml", "universal_multi.yaml", "legacy_v2.yaml"}) {
            assertThat(run("strategy", "validate", copy(f).toString())).as(f + err).isZero();
        }
        assertThat(out.toString()).contains("universal_mean_reversion, scope universal").contains("older layout");
        // files written for the Python original carry label_lookahead beside zigzag: a warning, not a failure
        assertThat(err.toString()).contains("legacy_v2.yaml: 1 warning\n  warning: training.labels.label_lookahead: "
                + "not used by source zigzag");
    }

    @Test
    void validateListsEveryProblemWithItsPathAndExitsTwo() throws IOException {
        Path p = copy("mtf_single.yaml");
        Files.writeString(p, Files.readString(p).replace("base_timeframe: \"1h\"", "base_timeframe: \"2h\"")
                .replace("epochs: 50", "epochs: -1"));
        assertThat(run("strategy", "validate", p.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("mtf_single.yaml: 2 errors, 1 warning\n")
                .contains("  training_data.timeframes.base_timeframe: '2h' is not in list [1h, 4h, 1d]")
                .contains("  training.epochs: -1 is not in [1, 100000]");
    }

    @Test
    void migrateWritesAFileThatValidatesInTheCurrentLayout() throws IOException {
        Path old = copy("legacy_v2.yaml");
        Path migrated = dir.resolve("new.yaml");
        assertThat(run("strategy", "migrate", old.toString(), "--out", migrated.toString())).as(err.toString()).isZero();
        String text = Files.readString(migrated, StandardCharsets.UTF_8);
        assertThat(text).contains("training_data:").contains("epochs: 100");
        assertThat(run("strategy", "validate", migrated.toString())).isZero();
        assertThat(out.toString()).contains("current layout");
        assertThat(run("strategy", "migrate", old.toString(), "--out", old.toString())).isEqualTo(2);
        assertThat(run("strategy", "validate", dir.resolve("missing.yaml").toString())).isEqualTo(2);
    }

    static final String ISSUE_EXAMPLE = """
            name: bad
            training_data:
              symbols: {mode: single, symbol: EURUSD}
              timeframes: {mode: single, timeframe: 1h}
            indicators:
              r: {type: rsii, period: 14}
              s: {type: sma, period: -3}
            fuzzy_sets:
              r:
                indicator: r
                low: [0, 30]
                high: [50, 70, 100]
              s:
                indicator: s
                input_transform: {type: price_ratio}
                near: [0.99, 1, 1.01]
            training:
              labels: {source: zigzag, zigzag_threshold: 0.05, label_lookahead: 20}
            """;

    @Test
    void validateTrainAndBacktestReportTheSameProblemsOnePerLineAndExitTwo() throws IOException {
        Path p = dir.resolve("bad.yaml");
        Files.writeString(p, ISSUE_EXAMPLE);
        List<String> expected = List.of(
                "  indicators.r.type: unknown indicator type 'rsii' for indicator 'r'; did you mean 'rsi'? "
                        + "('ktrdr indicators list' shows every type)",
                "  indicators.s.period: indicator 's' (sma) parameter 'period' = -3 is out of range [2, 500]",
                "  fuzzy_sets.r.low: triangular needs 3 parameters, got 2 [0, 30]; valid: triangular [a,b,c], "
                        + "trapezoidal [a,b,c,d], gaussian [mu,sigma], bell [a,b,c], sigmoid [c,k], left_shoulder [a,b], "
                        + "right_shoulder [a,b]",
                "  warning: training.labels.label_lookahead: not used by source zigzag (its labels reach up to the bar "
                        + "confirming each leg's end); ignored. Keys of zigzag: [zigzag_threshold]");
        String header = p + ": 3 errors, 1 warning";
        Path data = Files.createDirectories(dir.resolve("data"));
        Path models = Files.createDirectories(dir.resolve("models"));
        String[][] commands = {
            {"strategy", "validate", p.toString()},
            {"train", p.toString(), "--data-dir", data.toString()},
            {"backtest", p.toString(), "--symbol", "EURUSD", "--data-dir", data.toString(), "--models-dir", models.toString()}};
        for (String[] c : commands) {
            err.getBuffer().setLength(0);
            assertThat(run(c)).as(String.join(" ", c)).isEqualTo(2);
            List<String> lines = err.toString().lines().toList();
            assertThat(lines.get(0)).as(c[0]).endsWith(header);
            assertThat(lines.subList(1, lines.size())).as(c[0]).isEqualTo(expected);
        }
        assertThat(out.toString()).isEmpty();
    }
}
