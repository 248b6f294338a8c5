package dev.ktrdr.examples.cli.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.examples.cli.KtrdrCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FuzzyCommandsTest {
    private static final String STRATEGY = """
            indicators:
              rsi_14: {type: rsi, period: 14}
              macd_12_26_9: {type: macd, fast_period: 12, slow_period: 26, signal_period: 9}
            fuzzy_sets:
              rsi_14:
                indicator: rsi_14
                oversold: [0, 25, 40]
                overbought: {type: trapezoidal, parameters: [60, 75, 100, 100]}
              macd_hist:
                indicator: macd_12_26_9.histogram
                input_transform: {type: percent_of_price}
                neutral: {type: gaussian, parameters: [0, 0.1]}
            nn_inputs:
              - fuzzy_set: rsi_14
                timeframes: all
              - fuzzy_set: macd_hist
                timeframes: ["1h"]
            training_data:
              timeframes: {list: ["1h", "4h", "1d"], base_timeframe: "1h"}
            """;

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeData() throws IOException {
        SyntheticMarket.Config cfg = SyntheticMarket.Config.of(List.of(SyntheticMarket.defaultUniverse().get(2)),
                Timeframe.H1, Instant.parse("2021-01-04T00:00:00Z"), 24 * 60, 5);
        SyntheticMarket.writeFolder(dir.resolve("data"), cfg, SyntheticMarket.generate(cfg));
        Files.writeString(dir.resolve("s.yaml"), STRATEGY);
        Files.writeString(dir.resolve("bad.yaml"), STRATEGY.replace("[0, 25, 40]", "[40, 25, 0]"));
        // plain Jackson YAML would hand *low over as the string "low": a silently wrong membership
        Files.writeString(dir.resolve("alias.yaml"), STRATEGY.replace("oversold: [0, 25, 40]", "oversold: &low [0, 25, 40]")
                .replace("overbought: {type: trapezoidal, parameters: [60, 75, 100, 100]}", "overbought: *low"));
        Files.writeString(dir.resolve("bomb.yaml"), billionLaughs() + STRATEGY);
    }

    /** The classic "billion laughs": 9 levels of 9 aliases, 9^9 strings when expanded. */
    private static String billionLaughs() {
        StringBuilder sb = new StringBuilder("l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            sb.append('l').append(i).append(": &l").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                sb.append(j == 0 ? "" : ", ").append("*l").append(i - 1);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine cl = KtrdrCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void featuresWritesTheFrameWithSourceTimes() throws IOException {
        Path out = dir.resolve("features.csv");
        Run r = run("features", "--strategy", dir.resolve("s.yaml").toString(), "--data-dir", dir.resolve("data").toString(),
                "--symbol", "BTCUSDT", "--out", out.toString(), "--with-source-times");
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("timestamp,1h_source_open,4h_source_open,1d_source_open,"
                + "1h_source_close,4h_source_close,1d_source_close,"
                + "1h_rsi_14_oversold,1h_rsi_14_overbought,1h_macd_hist_neutral,"
                + "4h_rsi_14_oversold,4h_rsi_14_overbought,1d_rsi_14_oversold,1d_rsi_14_overbought");
        assertThat(r.out()).startsWith("wrote " + (lines.size() - 1) + " rows x 7 features of BTCUSDT");
        assertThat(lines.size()).isGreaterThan(24 * 30);
        String[] first = lines.get(1).split(",");
        assertThat(first).hasSize(14);
        // the row's own 1h bar, and a daily bar that closed by the 1h bar's close
        assertThat(first[1]).isEqualTo(first[0]);
        assertThat(Instant.parse(first[3]).plusSeconds(86_400)).isBeforeOrEqualTo(Instant.parse(first[0]).plusSeconds(3600));
        // used from: the 1h bar's own close; the crypto UTC day's end for the daily bar, no later than the row
        assertThat(Instant.parse(first[4])).isEqualTo(Instant.parse(first[0]).plusSeconds(3600));
        assertThat(Instant.parse(first[6])).isEqualTo(Instant.parse(first[3]).plusSeconds(86_400));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            for (int k = 5; k <= 6; k++) {
                assertThat(Instant.parse(f[k])).isBeforeOrEqualTo(Instant.parse(f[4]));
            }
        }
        for (int i = 7; i < first.length; i++) {
            assertThat(Double.parseDouble(first[i])).isBetween(0.0, 1.0);
        }
    }

    @Test
    void featuresHonoursTimeframeOverrides() {
        Run r = run("features", "--strategy", dir.resolve("s.yaml").toString(), "--data-dir", dir.resolve("data").toString(),
                "--symbol", "BTCUSDT", "--timeframes", "1h,4h", "--base", "1h");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).isEqualTo(
                "timestamp,1h_rsi_14_oversold,1h_rsi_14_overbought,1h_macd_hist_neutral,4h_rsi_14_oversold,4h_rsi_14_overbought");
    }

    @Test
    void fuzzyWritesMembershipsOfOneFile() {
        Run r = run("fuzzy", "--strategy", dir.resolve("s.yaml").toString(),
                "--data", dir.resolve("data").resolve("BTCUSDT_1h.csv.gz").toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("timestamp,rsi_14_oversold,rsi_14_overbought,macd_hist_neutral");
        // 24 * 60 bars minus the MACD warm-up (33 bars)
        assertThat(lines).hasSize(1 + 24 * 60 - 33);
        assertThat(lines.get(1).split(",")).hasSize(4).doesNotContain("NaN");
    }

    @Test
    void aBadMembershipExitsTwoWithOneLineNamingItsPath() {
        Run r = run("fuzzy", "--strategy", dir.resolve("bad.yaml").toString(),
                "--data", dir.resolve("data").resolve("BTCUSDT_1h.csv.gz").toString());
        assertThat(r.code()).isEqualTo(KtrdrCli.BAD_INPUT);
        assertThat(r.err().lines().toList()).hasSize(1);
        assertThat(r.err()).contains("fuzzy_sets.rsi_14.oversold").contains("[40, 25, 0]").contains("bad.yaml");
        Run f = run("features", "--strategy", dir.resolve("bad.yaml").toString(), "--data-dir",
                dir.resolve("data").toString(), "--symbol", "BTCUSDT");
        assertThat(f.code()).isEqualTo(KtrdrCli.BAD_INPUT);
        assertThat(f.err()).contains("fuzzy_sets.rsi_14.oversold");
    }

    @Test
    void aYamlAliasInAStrategyIsAClearErrorInEveryCommand() {
        String alias = dir.resolve("alias.yaml").toString();
        String data = dir.resolve("data").toString();
        for (Run r : List.of(
                run("fuzzy", "--strategy", alias, "--data", dir.resolve("data").resolve("BTCUSDT_1h.csv.gz").toString()),
                run("features", "--strategy", alias, "--data-dir", data, "--symbol", "BTCUSDT"),
                run("indicators", "--strategy", alias, "--data", dir.resolve("data").resolve("BTCUSDT_1h.csv.gz").toString()))) {
            assertThat(r.code()).as(r.err()).isEqualTo(KtrdrCli.BAD_INPUT);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).contains("alias.yaml").contains("line 8").contains("YAML aliases (*low)");
        }
    }

    @Test
    void anAliasBombStrategyIsRefusedQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            Run r = run("features", "--strategy", dir.resolve("bomb.yaml").toString(), "--data-dir",
                    dir.resolve("data").toString(), "--symbol", "BTCUSDT");
            assertThat(r.code()).isEqualTo(KtrdrCli.BAD_INPUT);
            assertThat(r.err()).contains("bomb.yaml").contains("line 2").contains("YAML aliases (*l0)");
        });
    }

    @Test
    void aMissingSymbolOrBadTimeframeExitsTwo() {
        Run r = run("features", "--strategy", dir.resolve("s.yaml").toString(), "--data-dir", dir.resolve("data").toString(),
                "--symbol", "NOPE");
        assertThat(r.code()).isEqualTo(KtrdrCli.BAD_INPUT);
        assertThat(r.err()).contains("NOPE");
        Run t = run("features", "--strategy", dir.resolve("s.yaml").toString(), "--data-dir", dir.resolve("data").toString(),
                "--symbol", "BTCUSDT", "--timeframes", "1h,3x");
        assertThat(t.code()).isEqualTo(KtrdrCli.BAD_INPUT);
        assertThat(t.err()).contains("3x");
        Run p = run("features", "--strategy", dir.resolve("s.yaml").toString(), "--data-dir", dir.resolve("data").toString(),
                "--symbol", "../etc");
        assertThat(p.code()).isEqualTo(KtrdrCli.BAD_INPUT);
    }
}
