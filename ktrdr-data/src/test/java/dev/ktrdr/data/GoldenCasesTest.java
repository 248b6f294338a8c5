package dev.ktrdr.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.Alignment;
import dev.ktrdr.api.AlignmentGap;
import dev.ktrdr.api.AlignmentRequest;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Resampler;
import dev.ktrdr.api.StalenessPolicy;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TimeframeTrack;
import dev.ktrdr.data.calendar.Calendars;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Hand-checked cases. Every expected instant below was worked out by hand from the calendar rules:
 * New York is UTC−5 in winter (EST) and UTC−4 in summer (EDT); US daylight saving began on
 * Sunday 2021-03-14.
 */
class GoldenCasesTest {

    static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    /** Hourly bars at the given open times; bar k has open k+1, high k+1.5, low k+0.5, close k+1.25, volume 10(k+1). */
    static BarSeries hourly(String symbol, String... opens) {
        int n = opens.length;
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            t[k] = ms(opens[k]);
            o[k] = k + 1;
            h[k] = k + 1.5;
            l[k] = k + 0.5;
            c[k] = k + 1.25;
            v[k] = 10 * (k + 1);
        }
        return BarSeries.ofOpenTimes(Symbol.of(symbol), Timeframe.H1, t, o, h, l, c, v);
    }

    @Test
    void forexAcrossTheDaylightSavingWeekend() {
        // Friday 2021-03-12 closes at 17:00 EST = 22:00Z; Sunday 2021-03-14 opens at 17:00 EDT = 21:00Z.
        BarSeries h1 = hourly("EURUSD", "2021-03-12T18:00:00Z", "2021-03-12T19:00:00Z", "2021-03-12T20:00:00Z",
                "2021-03-12T21:00:00Z", "2021-03-14T21:00:00Z", "2021-03-14T22:00:00Z", "2021-03-14T23:00:00Z",
                "2021-03-15T00:00:00Z", "2021-03-15T01:00:00Z", "2021-03-15T02:00:00Z");
        Resampler r = new CalendarResampler(Calendars.forex());
        // 4h buckets start at 17:00 New York: Friday 13:00 EST = 18:00Z (to 22:00Z); Sunday 17:00 EDT =
        // 21:00Z (to 01:00Z) and 01:00Z (to 05:00Z, incomplete: the last bar closes 03:00Z).
        Resampler.Resampled h4 = r.resample(h1, Timeframe.H4, true);
        BarSeries s4 = h4.series();
        assertThat(s4.openTimes()).containsExactly(ms("2021-03-12T18:00:00Z"), ms("2021-03-14T21:00:00Z"), ms("2021-03-15T01:00:00Z"));
        assertThat(s4.closeTimes()).containsExactly(ms("2021-03-12T22:00:00Z"), ms("2021-03-15T01:00:00Z"), ms("2021-03-15T05:00:00Z"));
        assertThat(h4.lastIncomplete()).isTrue();
        assertThat(s4.opens()).containsExactly(1, 5, 9);
        assertThat(s4.highs()).containsExactly(4.5, 8.5, 10.5);
        assertThat(s4.lows()).containsExactly(0.5, 4.5, 8.5);
        assertThat(s4.closes()).containsExactly(4.25, 8.25, 10.25);
        assertThat(s4.volumes()).containsExactly(100, 260, 190);
        assertThat(r.resample(h1, Timeframe.H4).size()).isEqualTo(2);

        // Days: Friday's session is labelled 2021-03-12 and closes 22:00Z; the Sunday evening bars
        // belong to Monday 2021-03-15, which closes at 17:00 EDT = 21:00Z (incomplete here).
        Resampler.Resampled d1 = r.resample(h1, Timeframe.D1, true);
        assertThat(d1.series().openTimes()).containsExactly(ms("2021-03-12T00:00:00Z"), ms("2021-03-15T00:00:00Z"));
        assertThat(d1.series().closeTimes()).containsExactly(ms("2021-03-12T22:00:00Z"), ms("2021-03-15T21:00:00Z"));
        assertThat(d1.lastIncomplete()).isTrue();

        // Aligning 1h on 4h: the Sunday 21:00Z bar (closing 22:00Z) uses Friday's 18:00Z bucket. Its
        // age is 48h of wall time but 1h of market time: fresh with the calendar, a gap without.
        BarSeries c4 = r.resample(h1, Timeframe.H4);
        AlignmentRequest withCal = new AlignmentRequest(TimeframeTrack.of(h1, 0), List.of(TimeframeTrack.of(c4, 0)),
                StalenessPolicy.DROP_ROW, Optional.of(Calendars.forex()));
        Alignment a = new LookaheadFreeAligner().align(withCal);
        assertThat(a.warmupDropped()).isEqualTo(3); // 18:00Z..20:00Z close before the first 4h bar
        assertThat(a.baseRows()).containsExactly(3, 4, 5, 6, 7, 8, 9);
        assertThat(a.sourceRows(Timeframe.H4)).containsExactly(0, 0, 0, 0, 1, 1, 1);
        assertThat(a.gaps()).isEmpty();

        Alignment noCal = new LookaheadFreeAligner().align(new AlignmentRequest(TimeframeTrack.of(h1, 0),
                List.of(TimeframeTrack.of(c4, 0)), StalenessPolicy.DROP_ROW, Optional.empty()));
        assertThat(noCal.baseRows()).containsExactly(3, 7, 8, 9);
        assertThat(noCal.gaps()).extracting(AlignmentGap::baseOpenTime).containsExactly(ms("2021-03-14T21:00:00Z"),
                ms("2021-03-14T22:00:00Z"), ms("2021-03-14T23:00:00Z"));
        assertThat(noCal.gaps().get(0).ageMillis()).isEqualTo(48 * 3_600_000L);
    }

    @Test
    void forexDailyUtcBarsGroupIntoTradingWeeks() {
        // UTC-day labels as in the OANDA daily files: Sunday 2021-03-07 holds the first hours of the week of
        // Monday 2021-03-08, whose last session closes Friday 2021-03-12 17:00 EST = 22:00Z; the Friday
        // UTC bar itself is known at Saturday 00:00Z, so the week closes then.
        String[] days = {"2021-03-05", "2021-03-07", "2021-03-08", "2021-03-09", "2021-03-10", "2021-03-11", "2021-03-12",
                         "2021-03-14"};
        long[] t = new long[days.length];
        double[] one = new double[days.length];
        double[] vol = new double[days.length];
        for (int k = 0; k < days.length; k++) {
            t[k] = ms(days[k] + "T00:00:00Z");
            one[k] = 1;
            vol[k] = k + 1;
        }
        BarSeries d1 = new BarSeries(Symbol.of("EURUSD"), Timeframe.D1, t, CsvBars.closeTimes(t, Timeframe.D1, Calendars.forex()),
                one, one, one, one, vol);
        Resampler.Resampled w = new CalendarResampler(Calendars.forex()).resample(d1, Timeframe.W1, true);
        assertThat(w.series().openTimes()).containsExactly(ms("2021-03-01T00:00:00Z"), ms("2021-03-08T00:00:00Z"),
                ms("2021-03-15T00:00:00Z"));
        assertThat(w.series().volumes()).containsExactly(1, 2 + 3 + 4 + 5 + 6 + 7, 8);
        assertThat(w.series().closeTime(1)).isEqualTo(ms("2021-03-13T00:00:00Z"));
        assertThat(w.lastIncomplete()).isTrue();
    }

    @Test
    void usEquityAcrossAnEarlyCloseAndAHoliday() {
        // 2019-07-02 regular (09:00..15:00 EDT bars = 13:00Z..19:00Z), 2019-07-03 early close at 13:00
        // EDT = 17:00Z (bars 09:00..12:00), 2019-07-04 Independence Day, 2019-07-05 regular.
        BarSeries h1 = hourly("SPY", "2019-07-02T13:00:00Z", "2019-07-02T14:00:00Z", "2019-07-02T15:00:00Z",
                "2019-07-02T16:00:00Z", "2019-07-02T17:00:00Z", "2019-07-02T18:00:00Z", "2019-07-02T19:00:00Z",
                "2019-07-03T13:00:00Z", "2019-07-03T14:00:00Z", "2019-07-03T15:00:00Z", "2019-07-03T16:00:00Z",
                "2019-07-05T13:00:00Z", "2019-07-05T14:00:00Z", "2019-07-05T15:00:00Z", "2019-07-05T16:00:00Z",
                "2019-07-05T17:00:00Z", "2019-07-05T18:00:00Z", "2019-07-05T19:00:00Z");
        GapReport g = GapAnalyzer.analyze(h1, Calendars.usEquity());
        assertThat(g.expected()).isEqualTo(18);
        assertThat(g.missing()).isZero();
        assertThat(g.unexpectedRows()).isZero();
        assertThat(g.closedDays()).isEqualTo(1);

        Resampler r = new CalendarResampler(Calendars.usEquity());
        BarSeries d1 = r.resample(h1, Timeframe.D1);
        assertThat(d1.openTimes()).containsExactly(ms("2019-07-02T00:00:00Z"), ms("2019-07-03T00:00:00Z"), ms("2019-07-05T00:00:00Z"));
        assertThat(d1.closeTimes()).containsExactly(ms("2019-07-02T20:00:00Z"), ms("2019-07-03T17:00:00Z"), ms("2019-07-05T20:00:00Z"));
        assertThat(d1.opens()).containsExactly(1, 8, 12);
        assertThat(d1.highs()).containsExactly(7.5, 11.5, 18.5);
        assertThat(d1.volumes()).containsExactly(280, 380, 1050);

        // 4h buckets from New York midnight: 08:00-12:00 (12:00Z-16:00Z) and 12:00-16:00 EDT, the
        // latter cut at 13:00 EDT = 17:00Z on the early-close day.
        BarSeries h4 = r.resample(h1, Timeframe.H4);
        assertThat(h4.openTimes()).containsExactly(ms("2019-07-02T12:00:00Z"), ms("2019-07-02T16:00:00Z"),
                ms("2019-07-03T12:00:00Z"), ms("2019-07-03T16:00:00Z"), ms("2019-07-05T12:00:00Z"), ms("2019-07-05T16:00:00Z"));
        assertThat(h4.closeTimes()).containsExactly(ms("2019-07-02T16:00:00Z"), ms("2019-07-02T20:00:00Z"),
                ms("2019-07-03T16:00:00Z"), ms("2019-07-03T17:00:00Z"), ms("2019-07-05T16:00:00Z"), ms("2019-07-05T20:00:00Z"));

        // The 2019-07-05 09:00 EDT bar (closing 14:00Z) sees the early-closed 2019-07-03 day, never
        // the 2019-07-05 day that is still open.
        Alignment a = new LookaheadFreeAligner().align(new AlignmentRequest(TimeframeTrack.of(h1, 0),
                List.of(TimeframeTrack.of(d1, 0)), StalenessPolicy.DROP_ROW, Optional.of(Calendars.usEquity())));
        int row = java.util.Arrays.binarySearch(a.baseRows(), 11);
        assertThat(a.sourceRows(Timeframe.D1)[row]).isEqualTo(1);
        assertThat(a.sourceRows(Timeframe.D1)[a.rows() - 1]).isEqualTo(2); // the 15:00 bar closes with the session
        assertThat(a.warmupDropped()).isEqualTo(6);
        assertThat(a.gaps()).isEmpty();
        // A missing hour is a gap; the holiday is not.
        BarSeries holed = hourly("SPY", "2019-07-03T16:00:00Z", "2019-07-05T13:00:00Z", "2019-07-05T15:00:00Z");
        GapReport gh = GapAnalyzer.analyze(holed, Calendars.usEquity());
        assertThat(gh.missing()).isEqualTo(1);
        assertThat(gh.runs()).containsExactly(new GapReport.GapRun(ms("2019-07-05T14:00:00Z"), ms("2019-07-05T14:00:00Z"), 1));
    }
}
