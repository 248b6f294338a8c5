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

    /** One-minute bars of a crypto pair for {@code minutes} minutes from {@code start}. */
    void minutes(String symbol, String start, int minutes) throws IOException {
        StringBuilder sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
        long t = Instant.parse(start).toEpochMilli();
        for (int i = 0; i < minutes; i++) {
            double p = 1000 + i * 0.1;
            sb.append(Instant.ofEpochMilli(t + i * 60_000L)).append(',').append(p).append(',').append(p + 0.5).append(',')
                    .append(p - 0.5).append(',').append(p + 0.1).append(",1\n");
        }
        Files.writeString(dir.resolve(symbol + "_1m.csv"), sb.toString());
    }

    /** Daily bars of a US equity on weekdays from 2018-03-01 to {@code last}, rising. */
    void weekdays(String symbol, String last) throws IOException {
        StringBuilder sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
        double p = 100;
        for (java.time.LocalDate d = java.time.LocalDate.parse("2018-03-01"); !d.isAfter(java.time.LocalDate.parse(last));
             d = d.plusDays(1)) {
            if (d.getDayOfWeek().getValue() >= 6) {
                continue;
            }
            sb.append(d).append("T00:00:00Z,").append(p).append(',').append(p + 1.5).append(',').append(p - 0.5).append(',')
                    .append(p + 1).append(",1000\n");
            p += 1;
        }
        Files.writeString(dir.resolve(symbol + "_1d.csv"), sb.toString());
    }

    @Test
    void aTimeframeResampledFromAFileThatEndedLongBeforeIsStaleAndLeftOut() throws IOException {
        risingHourly("BTCUSDT", 60, 1);
        // 5m can only come from the 1m file, which ends on 3 January: stale at the end of February
        minutes("BTCUSDT", "2024-01-03T00:00:00Z", 300);
        Run r = run("analyze", "mtf", "--symbol", "BTCUSDT", "--data-dir", dir.toString(), "--timeframes", "5m,1h,1d", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("latency_ms").isIntegralNumber()).isTrue();
        assertThat(j.get("latency_ms").asLong()).isGreaterThanOrEqualTo(0);
        JsonNode m5 = j.get("timeframes").get(0);
        assertThat(m5.get("timeframe").asText()).isEqualTo("5m");
        assertThat(m5.get("status").asText()).isEqualTo("stale");
        assertThat(m5.get("newest_bar").asText()).isEqualTo("2024-01-03T04:55:00Z");
        assertThat(m5.has("direction")).isFalse();
        assertThat(j.get("timeframes").get(1).get("status").asText()).isEqualTo("used");
        assertThat(j.get("used_timeframes").toString()).isEqualTo("[\"1h\",\"1d\"]");
        // every used timeframe is up: the stale one does not dilute the score
        assertThat(j.get("score").asDouble()).isEqualTo(1.0);
        Run text = run("analyze", "mtf", "--symbol", "BTCUSDT", "--data-dir", dir.toString(), "--timeframes", "5m,1h,1d");
        assertThat(text.out()).contains("5m   STALE    left out: newest bar closed 2024-01-03T05:00:00Z")
                .contains("analysis on 2 of 3 timeframes [1h, 1d]; left out: 5m stale");
    }

    @Test
    void aMissingTimeframeDegradesTheAnalysisToTheOthersAndADailyBarFromFridayIsFreshOnMonday() throws IOException {
        weekdays("SPY", "2018-06-01");
        Run r = run("analyze", "mtf", "--symbol", "SPY", "--data-dir", dir.toString(), "--timeframes", "1h,4h,1d",
                "--at", "2018-06-04T14:00:00Z", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("timeframes").get(0).get("status").asText()).isEqualTo("missing");
        assertThat(j.get("timeframes").get(0).get("newest_bar").isNull()).isTrue();
        assertThat(j.get("timeframes").get(0).get("reason").asText()).contains("no SPY_1h file");
        assertThat(j.get("timeframes").get(1).get("status").asText()).isEqualTo("missing");
        JsonNode d1 = j.get("timeframes").get(2);
        assertThat(d1.get("status").asText()).isEqualTo("used");
        assertThat(d1.get("newest_bar").asText()).isEqualTo("2018-06-01T00:00:00Z");
        assertThat(j.get("used_timeframes").toString()).isEqualTo("[\"1d\"]");
        // on Tuesday morning Monday's bar should be there: the only timeframe is stale, nothing is left to analyse
        Run tue = run("analyze", "mtf", "--symbol", "SPY", "--data-dir", dir.toString(), "--timeframes", "1h,4h,1d",
                "--at", "2018-06-05T14:00:00Z");
        assertThat(tue.code()).isEqualTo(KtrdrCli.BAD_INPUT);
        assertThat(tue.err()).contains("SPY: no timeframe is fresh at 2018-06-05T14:00:00Z").contains("1d stale").hasLineCount(1);
    }
}
