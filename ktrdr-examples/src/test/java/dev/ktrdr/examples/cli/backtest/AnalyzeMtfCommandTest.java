package dev.ktrdr.examples.cli.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.testing.MarketData;
import dev.ktrdr.examples.cli.KtrdrCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ktrdr analyze mtf} in-process, as a user would run it. */
class AnalyzeMtfCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        CommandLine cl = KtrdrCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** Hourly bars of a crypto pair rising by {@code step} every hour, 24/7, for {@code days} days. */
    void risingHourly(String symbol, int days, double step) throws IOException {
        StringBuilder sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
        long t = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        double p = 1000;
        for (int i = 0; i < days * 24; i++) {
            double c = p + step;
            sb.append(Instant.ofEpochMilli(t + i * 3_600_000L)).append(',').append(p).append(',')
                    .append(Math.max(p, c) + 0.5).append(',').append(Math.min(p, c) - 0.5).append(',').append(c)
                    .append(",10\n");
            p = c;
        }
        Files.writeString(dir.resolve(symbol + "_1h.csv"), sb.toString());
    }

    @Test
    void aSteadyRiseOnEveryTimeframeIsHighConfluenceLong() throws IOException {
        risingHourly("BTCUSDT", 60, 1);
        Run r = run("analyze", "mtf", "--symbol", "BTCUSDT", "--data-dir", dir.toString(), "--timeframes", "1h,4h,1d");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("level HIGH  bias LONG").contains("Strong long confluence (3 of 3 timeframes up");
        assertThat(r.out().lines().filter(l -> l.contains(" UP ")).count()).isEqualTo(3);
    }

    @Test
    void jsonCarriesEveryTimeframeAndTheVerdict() throws IOException {
        risingHourly("BTCUSDT", 60, -0.5);
        Run r = run("analyze", "mtf", "--symbol", "BTCUSDT", "--data-dir", dir.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(j.get("timeframes")).hasSize(3);
        assertThat(j.get("timeframes").get(2).get("timeframe").asText()).isEqualTo("1d");
        assertThat(j.get("timeframes").get(0).get("direction").asText()).isEqualTo("down");
        assertThat(j.get("level").asText()).isEqualTo("high");
        assertThat(j.get("bias").asText()).isEqualTo("short");
        assertThat(j.get("score").asDouble()).isEqualTo(1.0);
    }

    @Test
    void theInstantLimitsWhatIsRead() throws IOException {
        risingHourly("BTCUSDT", 60, 1);
        // On day 10 the 1d series has 9 completed bars: fewer than the 29 the trend needs.
        Run r = run("analyze", "mtf", "--symbol", "BTCUSDT", "--data-dir", dir.toString(), "--at", "2024-01-10T00:00:00Z");
        assertThat(r.code()).isEqualTo(KtrdrCli.BAD_INPUT);
        assertThat(r.err()).contains("1d").contains("needs 29");
    }

    @Test
    void badInputGivesOneLineAndExitCode2() throws IOException {
        risingHourly("BTCUSDT", 60, 1);
        Run tf = run("analyze", "mtf", "--symbol", "BTCUSDT", "--data-dir", dir.toString(), "--timeframes", "1h,3h");
        assertThat(tf.code()).isEqualTo(KtrdrCli.BAD_INPUT);
        assertThat(tf.err()).contains("'3h' is not a timeframe").hasLineCount(1);
        Run sym = run("analyze", "mtf", "--symbol", "../etc", "--data-dir", dir.toString());
        assertThat(sym.code()).isEqualTo(KtrdrCli.BAD_INPUT);
        Run missing = run("analyze", "mtf", "--symbol", "ETHUSDT", "--data-dir", dir.toString());
        assertThat(missing.code()).isEqualTo(KtrdrCli.BAD_INPUT);
        assertThat(missing.err()).contains("ETHUSDT");
        Run at = run("analyze", "mtf", "--symbol", "BTCUSDT", "--data-dir", dir.toString(), "--at", "yesterday");
        assertThat(at.code()).isEqualTo(KtrdrCli.BAD_INPUT);
        assertThat(at.err()).contains("--at");
    }

    @Test
    void realDataGivesAVerdictForThreeTimeframes() {
        Run r = run("analyze", "mtf", "--symbol", "EURUSD", "--data-dir", MarketData.folder().toString(),
                "--timeframes", "1h,4h,1d");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("  1h ").contains("  4h ").contains("  1d ").containsPattern("level (HIGH|MEDIUM|LOW)");
    }
}
