package dev.ktrdr.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingCalendar;
import dev.ktrdr.data.calendar.Calendars;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvBarsTest {
    private static final Symbol S = Symbol.of("TEST");

    static CsvBars.Loaded read(String text, Timeframe tf, TradingCalendar cal, ValidationPolicy policy) {
        return CsvBars.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "t.csv", S, tf, cal, policy);
    }

    static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Test
    void readsHeaderVariantsColumnOrderAndEveryTimestampForm() {
        String text = "Date, Vol ,OPEN,High,low,CLOSE\r\n"
                + "2020-01-02T14:00:00Z,10,1,2,0.5,1.5\r\n"
                + "2020-01-02T16:00:00+01:00,11,1,2,0.5,1.5\r\n"       // 15:00Z
                + "2020-01-02 16:00:00,12,1,2,0.5,1.5\r\n"             // no zone: UTC
                + "1577980800000,13,1,2,0.5,1.5\r\n"                    // 2020-01-02T16:00:00Z + 1h
                + "2020-01-02T17:00:00.000-01:00,14,1,2,0.5,1.5\r\n"   // 18:00Z
                + "\"2020-01-02T19:00Z\",15,1,2,0.5,1.5\r\n";
        BarSeries s = read(text.replace("1577980800000", String.valueOf(ms("2020-01-02T17:00:00Z"))), Timeframe.H1,
                Calendars.crypto(), ValidationPolicy.STRICT).series();
        assertThat(s.openTimes()).containsExactly(ms("2020-01-02T14:00:00Z"), ms("2020-01-02T15:00:00Z"),
                ms("2020-01-02T16:00:00Z"), ms("2020-01-02T17:00:00Z"), ms("2020-01-02T18:00:00Z"), ms("2020-01-02T19:00:00Z"));
        assertThat(s.volumes()).containsExactly(10, 11, 12, 13, 14, 15);
        assertThat(s.closeTime(0)).isEqualTo(ms("2020-01-02T15:00:00Z"));
    }

    @Test
    void utf8BomIsSkipped() {
        String text = "\uFEFFtimestamp,open,high,low,close,volume\n2020-01-02T14:00:00Z,1,2,0.5,1.5,3\n";
        assertThat(read(text, Timeframe.H1, Calendars.crypto(), ValidationPolicy.STRICT).series().size()).isEqualTo(1);
    }

    @Test
    void usEquityDailyBarBecomesKnownAtTheSessionCloseAndEarlyClose() {
        String text = "timestamp,open,high,low,close,volume\n"
                + "2019-07-02,1,2,0.5,1.5,3\n"            // regular: 16:00 EDT = 20:00Z
                + "2019-07-03T00:00:00Z,1,2,0.5,1.5,3\n"  // early close 13:00 EDT = 17:00Z
                + "2019-12-02,1,2,0.5,1.5,3\n";           // 16:00 EST = 21:00Z
        BarSeries s = read(text, Timeframe.D1, Calendars.usEquity(), ValidationPolicy.STRICT).series();
        assertThat(s.closeTimes()).containsExactly(ms("2019-07-02T20:00:00Z"), ms("2019-07-03T17:00:00Z"),
                ms("2019-12-02T21:00:00Z"));
    }

    @Test
    void forexAndCryptoDailyBarsAreUtcDaysKnownAtTheNextMidnight() {
        String text = "timestamp,open,high,low,close,volume\n2019-07-02,1,2,0.5,1.5,0\n2019-07-07,1,2,0.5,1.5,0\n";
        for (TradingCalendar cal : new TradingCalendar[] {Calendars.forex(), Calendars.crypto()}) {
            BarSeries s = read(text, Timeframe.D1, cal, ValidationPolicy.STRICT).series();
            assertThat(s.closeTimes()).containsExactly(ms("2019-07-03T00:00:00Z"), ms("2019-07-08T00:00:00Z"));
        }
    }

    @Test
    void repairReportsEveryDroppedAndFixedRowAndKeepsTheRest() {
        String text = "timestamp,open,high,low,close,volume\n"
                + "2020-01-02T15:00:00Z,1,2,0.5,1.5,3\n"    // line 2: out of order (moved)
                + "2020-01-02T14:00:00Z,1,2,0.5,1.5,3\n"    // line 3
                + "2020-01-02T15:00:00Z,9,9,9,9,9\n"        // line 4: duplicate of line 2 (dropped)
                + "2020-01-02T16:00:00Z,1,0.9,0.5,1.5,3\n"  // line 5: high below close (fixed to 1.5)
                + "2020-01-02T17:00:00Z,NaN,2,0.5,1.5,3\n"  // line 6: dropped
                + "2020-01-02T18:30:00Z,1,2,0.5,1.5,3\n"    // line 7: off grid (dropped)
                + "2020-01-02T19:00:00Z,1,2,0.5,1.5,-1\n"   // line 8: negative volume (dropped)
                + "2020-01-02T20:00:00Z,1,2,0.5,1.5,3\n";
        CsvBars.Loaded l = read(text, Timeframe.H1, Calendars.crypto(), ValidationPolicy.REPAIR);
        BarSeries s = l.series();
        assertThat(s.openTimes()).containsExactly(ms("2020-01-02T14:00:00Z"), ms("2020-01-02T15:00:00Z"),
                ms("2020-01-02T16:00:00Z"), ms("2020-01-02T20:00:00Z"));
        assertThat(s.open(1)).isEqualTo(1); // the first row of the duplicated timestamp was kept
        assertThat(s.high(2)).isEqualTo(1.5);
        ValidationReport r = l.report();
        assertThat(r.rowsRead()).isEqualTo(8);
        assertThat(r.rowsKept()).isEqualTo(4);
        assertThat(r.issues()).extracting(RowIssue::line, RowIssue::rule, RowIssue::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3L, ValidationRule.UNSORTED, RowIssue.Action.FIXED),
                org.assertj.core.groups.Tuple.tuple(4L, ValidationRule.DUPLICATE, RowIssue.Action.DROPPED),
                org.assertj.core.groups.Tuple.tuple(5L, ValidationRule.HIGH_BELOW_OPEN_CLOSE, RowIssue.Action.FIXED),
                org.assertj.core.groups.Tuple.tuple(6L, ValidationRule.PRICE_NOT_FINITE, RowIssue.Action.DROPPED),
                org.assertj.core.groups.Tuple.tuple(7L, ValidationRule.OFF_GRID, RowIssue.Action.DROPPED),
                org.assertj.core.groups.Tuple.tuple(8L, ValidationRule.VOLUME, RowIssue.Action.DROPPED));
    }

    @Test
    void writtenFilesReadBackIdenticallyPlainAndGzip(@TempDir Path dir) {
        BarSeries s = read("timestamp,open,high,low,close,volume\n2020-01-02T14:00:00Z,1.31977,1.32005,1.3192,1.31985,0\n"
                + "2020-01-02T15:00:00Z,0.1,0.30000000000000004,0.05,0.2,1e3\n", Timeframe.H1, Calendars.forex(),
                ValidationPolicy.STRICT).series();
        for (String name : new String[] {"A_1h.csv", "A_1h.csv.gz"}) {
            CsvBars.write(dir.resolve(name), s);
            BarSeries back = CsvBars.read(dir.resolve(name), S, Timeframe.H1, Calendars.forex());
            assertThat(back.openTimes()).containsExactly(s.openTimes());
            assertThat(back.closeTimes()).containsExactly(s.closeTimes());
            assertThat(back.highs()).containsExactly(s.highs());
            assertThat(back.volumes()).containsExactly(s.volumes());
        }
    }

    @Test
    void gzipIsRecognisedByContentNotName(@TempDir Path dir) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write("timestamp,open,high,low,close,volume\n2020-01-02T14:00:00Z,1,2,0.5,1.5,3\n".getBytes(StandardCharsets.UTF_8));
        }
        Path f = dir.resolve("plain-name.csv");
        Files.write(f, bytes.toByteArray());
        assertThat(CsvBars.read(f, S, Timeframe.H1, Calendars.crypto()).size()).isEqualTo(1);
    }

    @Test
    void numbersParseExactlyAsJavaDoesForShortestDecimalForms() {
        CsvParser p = new CsvParser("x", Timeframe.H1, ValidationPolicy.STRICT);
        qt().forAll(doubles().between(1e-9, 1e12)).checkAssert(x -> {
            byte[] b = Double.toString(x).getBytes(StandardCharsets.US_ASCII);
            assertThat(p.parseNumber(b, 0, b.length)).isEqualTo(x);
            byte[] plain = new java.math.BigDecimal(x).round(new java.math.MathContext(12)).toPlainString()
                    .getBytes(StandardCharsets.US_ASCII);
            String t = new String(plain, StandardCharsets.US_ASCII);
            assertThat(p.parseNumber(plain, 0, plain.length)).isEqualTo(Double.parseDouble(t));
        });
    }
}
