package dev.ktrdr.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ktrdr.api.Alignment;
import dev.ktrdr.api.AlignmentGap;
import dev.ktrdr.api.AlignmentRequest;
import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Session;
import dev.ktrdr.api.StalenessPolicy;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TimeframeTrack;
import dev.ktrdr.api.TradingCalendar;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Rules 3 to 5 as properties, over synthetic series with random gaps, calendar closures, timeframe
 * sets, warm-up lengths and staleness bounds, and over US-equity sessions whose data run past the
 * calendar's close (early closes, after-close prints), checked against a brute-force oracle.
 */
class AlignerPropertiesTest {
    private static final Timeframe[] BASES = {Timeframe.M5, Timeframe.M15, Timeframe.H1};
    private static final Timeframe[] COARSE = {Timeframe.M15, Timeframe.M30, Timeframe.H1, Timeframe.H2, Timeframe.H4,
                                               Timeframe.D1, Timeframe.W1};

    record Case(AlignmentRequest request, BarSeries base, List<BarSeries> others) {
    }

    static Case randomCase(long seed, int cls, int baseIdx, int gapPct) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        AssetClass ac = TestSeries.CLASSES[cls];
        MarketCalendar cal = Calendars.forAssetClass(ac);
        Timeframe baseTf = BASES[baseIdx];
        BarSeries base = TestSeries.withGaps(seed, ac, baseTf, 1500, gapPct / 100.0);
        CalendarResampler res = new CalendarResampler(cal);
        List<TimeframeTrack> tracks = new ArrayList<>();
        List<BarSeries> others = new ArrayList<>();
        for (Timeframe tf : COARSE) {
            if (tf.millis() > baseTf.millis() && (!tf.isIntraday() || tf.millis() % baseTf.millis() == 0) && r.nextInt(3) > 0) {
                // Coarser series come from an independently holed copy, so their gaps differ from the base's.
                BarSeries src = TestSeries.drop(base, r, r.nextInt(0, 20) / 100.0);
                BarSeries s = res.resample(src, tf, r.nextBoolean()).series();
                if (s.isEmpty()) {
                    continue;
                }
                others.add(s);
                Duration stale = r.nextBoolean() ? null : Duration.ofMillis(tf.millis() * r.nextInt(1, 4));
                tracks.add(new TimeframeTrack(tf, s.openTimes(), s.closeTimes(), r.nextInt(0, Math.min(4, s.size())), stale));
            }
        }
        Optional<TradingCalendar> calendar = r.nextBoolean() ? Optional.of(cal) : Optional.empty();
        TimeframeTrack baseTrack = new TimeframeTrack(baseTf, base.openTimes(), base.closeTimes(), r.nextInt(0, 20), null);
        return new Case(new AlignmentRequest(baseTrack, tracks, StalenessPolicy.DROP_ROW, calendar), base, others);
    }

    /**
     * The instant each bar of a track becomes usable, by brute force: its close, or the close of a later
     * base bar of its span when the track is coarser than the base (intraday: the base bars opening in
     * [open, open + tf); daily: those whose trading day, by {@link TradingCalendar#tradingDay}, is the
     * bar's date label; weekly: those whose trading day falls in the ISO week of its Monday label;
     * without a calendar trading days are UTC dates), never before the bar before it.
     */
    static long[] usable(TimeframeTrack t, TimeframeTrack base, Optional<TradingCalendar> calendar) {
        long[] open = t.openTimes();
        long[] u = t.closeTimes();
        if (t.timeframe().millis() <= base.timeframe().millis()) {
            return u;
        }
        long[] bOpen = base.openTimes();
        long[] bClose = base.closeTimes();
        long prev = Long.MIN_VALUE;
        for (int k = 0; k < open.length; k++) {
            LocalDate label = LocalDate.ofEpochDay(Math.floorDiv(open[k], 86_400_000L));
            for (int i = 0; i < bOpen.length; i++) {
                boolean inside;
                if (t.timeframe().isIntraday()) {
                    inside = bOpen[i] >= open[k] && bOpen[i] < open[k] + t.timeframe().millis();
                } else {
                    LocalDate day = calendar.isPresent() ? calendar.get().tradingDay(bOpen[i])
                            : LocalDate.ofEpochDay(Math.floorDiv(bOpen[i], 86_400_000L));
                    inside = t.timeframe() == Timeframe.D1 ? day.equals(label)
                            : !day.isBefore(label) && day.isBefore(label.plusDays(7));
                }
                if (inside) {
                    u[k] = Math.max(u[k], bClose[i]);
                }
            }
            u[k] = Math.max(u[k], prev);
            prev = u[k];
        }
        return u;
    }

    /** Session time between a and b by walking the calendar's days: an independent oracle for the aligner's clock. */
    static long openBetween(MarketCalendar cal, long a, long b) {
        long total = 0;
        for (LocalDate d = cal.tradingDay(a).minusDays(1); !d.isAfter(cal.tradingDay(b).plusDays(1)); d = d.plusDays(1)) {
            Optional<Session> s = cal.session(d);
            if (s.isPresent()) {
                long lo = Math.max(a, s.get().openMillis());
                long hi = Math.min(b, s.get().closeMillis());
                total += Math.max(0, hi - lo);
            }
        }
        return total;
    }

    @Test
    void alignedRowsUseTheLatestClosedBarAndMissNoBaseBar() {
        qt().withExamples(80).forAll(longs().all(), integers().between(0, 2), integers().between(0, 2), integers().between(0, 30))
                .checkAssert((seed, cls, baseIdx, gapPct) -> {
                    Case c = randomCase(seed, cls, baseIdx, gapPct);
                    checkAgainstOracle(c.request());
                });
    }

    /** Checks one alignment against the brute-force oracle row by row; returns it. */
    static Alignment checkAgainstOracle(AlignmentRequest req) {
        Alignment a = new LookaheadFreeAligner().align(req);
        Map<Timeframe, long[]> usable = new HashMap<>();
        for (TimeframeTrack t : req.others()) {
            usable.put(t.timeframe(), usable(t, req.base(), req.calendar()));
        }
        long[] bClose = req.base().closeTimes();
        int[] rows = a.baseRows();
        // Rows strictly increasing: in order, no duplicates.
        for (int i = 1; i < rows.length; i++) {
            assertThat(rows[i]).isGreaterThan(rows[i - 1]);
        }
        assertThat(a.sourceRows(req.base().timeframe())).containsExactly(rows);
        // Oracle: brute force, row by row.
        List<Integer> expectRows = new ArrayList<>();
        Set<Integer> gapRows = new HashSet<>();
        int warm = 0;
        boolean warmedUp = false;
        for (int i = 0; i < bClose.length; i++) {
            boolean isWarm = i < req.base().firstValid();
            boolean stale = false;
            for (TimeframeTrack t : req.others()) {
                long[] cl = usable.get(t.timeframe());
                int latest = -1;
                for (int k = 0; k < cl.length; k++) {
                    if (cl[k] <= bClose[i]) {
                        latest = k;
                    }
                }
                if (latest < t.firstValid()) {
                    isWarm = true;
                    continue;
                }
                long age = bClose[i] - cl[latest];
                if (req.calendar().isPresent()) {
                    age = openBetween(Calendars.of(req.calendar().get()), cl[latest], bClose[i]);
                }
                if (age > t.maxStaleness().toMillis()) {
                    stale = true;
                }
            }
            if (isWarm) {
                assertThat(warmedUp).as("warm-up rows form a prefix").isFalse();
                warm++;
            } else {
                warmedUp = true;
                if (stale) {
                    gapRows.add(i);
                } else {
                    expectRows.add(i);
                }
            }
        }
        assertThat(rows).containsExactly(expectRows.stream().mapToInt(Integer::intValue).toArray());
        assertThat(a.warmupDropped()).isEqualTo(warm);
        assertThat(a.gaps().stream().map(g -> java.util.Arrays.binarySearch(req.base().openTimes(), g.baseOpenTime()))
                .distinct().count()).isEqualTo(gapRows.size());
        // No missing base bar after warm-up: every base bar is a row, a warm-up row or a reported gap.
        assertThat(rows.length + warm + gapRows.size()).isEqualTo(bClose.length);
        // Each source bar closes no later than the base bar, and is the latest such bar.
        for (TimeframeTrack t : req.others()) {
            int[] src = a.sourceRows(t.timeframe());
            long[] cl = usable.get(t.timeframe());
            assertThat(a.usableFrom(t.timeframe())).containsExactly(cl);
            for (int k = 0; k < rows.length; k++) {
                long bc = bClose[rows[k]];
                assertThat(cl[src[k]]).isLessThanOrEqualTo(bc);
                assertThat(src[k] + 1 == cl.length || cl[src[k] + 1] > bc).isTrue();
                assertThat(src[k]).isGreaterThanOrEqualTo(t.firstValid());
            }
        }
        for (AlignmentGap g : a.gaps()) {
            TimeframeTrack t = req.others().stream().filter(x -> x.timeframe() == g.timeframe()).findFirst().orElseThrow();
            assertThat(g.ageMillis()).isGreaterThan(t.maxStaleness().toMillis());
        }
        return a;
    }

    /**
     * US-equity sessions around a random early-close day whose data run past the calendar's close: each
     * session keeps random slots (gaps) and gets after-close prints (at least one on early-close days,
     * sometimes on regular days), up to three base bars past the close. Daily bars come as a file
     * would stamp them (the calendar's close: 13:00 on half-days) or resampled; 4h, 1w and, over a finer
     * base, 1h are resampled.
     */
    static Case lateSessionCase(long seed, int baseIdx, int lateMax) {
        SplittableRandom r = new SplittableRandom(seed);
        MarketCalendar cal = Calendars.usEquity();
        Timeframe baseTf = BASES[baseIdx];
        long tf = baseTf.millis();
        LocalDate yearStart = LocalDate.of(r.nextInt(1995, 2031), 1, 1);
        List<LocalDate> early = new ArrayList<>();
        for (LocalDate d = yearStart; d.getYear() == yearStart.getYear(); d = d.plusDays(1)) {
            if (cal.session(d).map(Session::earlyClose).orElse(false)) {
                early.add(d);
            }
        }
        LocalDate pivot = early.get(r.nextInt(early.size()));
        LocalDate from = pivot.minusDays(r.nextInt(baseTf == Timeframe.M5 ? 10 : 14, baseTf == Timeframe.M5 ? 16 : 35));
        LocalDate to = pivot.plusDays(r.nextInt(1, 10));
        List<Long> opens = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Optional<Session> s = cal.session(d);
            if (s.isEmpty()) {
                continue;
            }
            // LEAN stamps the first hourly bar 09:00 (it holds 09:30-10:00): slots on the timeframe's grid
            long t = Math.floorDiv(s.get().openMillis(), tf) * tf;
            for (; t < s.get().closeMillis(); t += tf) {
                if (r.nextInt(10) > 0) {
                    opens.add(t);
                }
            }
            int late = s.get().earlyClose() ? r.nextInt(1, lateMax + 2) : r.nextInt(4) == 0 ? r.nextInt(0, lateMax + 1) : 0;
            for (int k = 0; k < late; k++, t += tf) {
                opens.add(t);
            }
        }
        int n = opens.size();
        long[] ot = new long[n];
        long[] ct = new long[n];
        double[][] v = new double[5][n];
        double p = 100;
        for (int i = 0; i < n; i++) {
            ot[i] = opens.get(i);
            ct[i] = ot[i] + tf;
            double q = p * (1 + 0.002 * (r.nextDouble() - 0.5));
            v[0][i] = p;
            v[1][i] = Math.max(p, q) * 1.001;
            v[2][i] = Math.min(p, q) * 0.999;
            v[3][i] = q;
            v[4][i] = 1000 + r.nextInt(1000);
            p = q;
        }
        BarSeries base = new BarSeries(dev.ktrdr.api.Symbol.of("LATE"), baseTf, ot, ct, v[0], v[1], v[2], v[3], v[4]);
        CalendarResampler res = new CalendarResampler(cal);
        List<TimeframeTrack> tracks = new ArrayList<>();
        List<BarSeries> others = new ArrayList<>();
        BarSeries d1 = res.resample(base, Timeframe.D1, true).series();
        if (r.nextInt(4) > 0) {
            // a daily file: the same bars, known at the calendar's close by the label alone
            d1 = new BarSeries(d1.symbol(), Timeframe.D1, d1.openTimes(), CsvBars.closeTimes(d1.openTimes(), Timeframe.D1, cal),
                    d1.opens(), d1.highs(), d1.lows(), d1.closes(), d1.volumes());
        }
        List<BarSeries> candidates = new ArrayList<>(List.of(d1));
        if (baseTf != Timeframe.H1 && r.nextBoolean()) {
            candidates.add(res.resample(base, Timeframe.H1, true).series());
        }
        if (r.nextBoolean()) {
            candidates.add(res.resample(base, Timeframe.H4, true).series());
        }
        if (r.nextInt(3) == 0) {
            candidates.add(res.resample(base, Timeframe.W1, true).series());
        }
        for (BarSeries s : candidates) {
            others.add(s);
            // staleness generous enough that overnight and weekend closures keep most rows
            tracks.add(new TimeframeTrack(s.timeframe(), s.openTimes(), s.closeTimes(),
                    s.timeframe() == Timeframe.W1 ? 0 : r.nextInt(0, Math.min(3, s.size())), Duration.ofDays(10)));
        }
        TimeframeTrack baseTrack = new TimeframeTrack(baseTf, ot, ct, r.nextInt(0, 10), null);
        return new Case(new AlignmentRequest(baseTrack, tracks, StalenessPolicy.DROP_ROW, Optional.of(cal)), base, others);
    }

    @Test
    void sessionsRunningPastTheCalendarCloseNeverPutABarInARowBeforeItsLastBaseBarHasClosed() {
        int[] heldBack = new int[1];
        qt().withExamples(60).forAll(longs().all(), integers().between(0, 2), integers().between(0, 3))
                .checkAssert((seed, baseIdx, lateMax) -> {
                    Case c = lateSessionCase(seed, baseIdx, lateMax);
                    AlignmentRequest req = c.request();
                    Alignment a = checkAgainstOracle(req);
                    MarketCalendar cal = Calendars.usEquity();
                    long[] bOpen = req.base().openTimes();
                    long[] bClose = req.base().closeTimes();
                    int[] rows = a.baseRows();
                    assertThat(rows).isNotEmpty();
                    for (int j = 0; j < req.others().size(); j++) {
                        TimeframeTrack t = req.others().get(j);
                        BarSeries s = c.others().get(j);
                        // per bar, the close of the last base bar that belongs to it (its period or session)
                        long[] lastBase = new long[s.size()];
                        for (int p = 0; p < s.size(); p++) {
                            LocalDate label = LocalDate.ofEpochDay(Math.floorDiv(s.openTime(p), 86_400_000L));
                            lastBase[p] = Long.MIN_VALUE;
                            for (int i = 0; i < bOpen.length; i++) {
                                LocalDate day = cal.tradingDay(bOpen[i]);
                                boolean inside = t.timeframe().isIntraday()
                                        ? bOpen[i] >= s.openTime(p) && bOpen[i] < s.openTime(p) + t.timeframe().millis()
                                        : t.timeframe() == Timeframe.D1 ? day.equals(label)
                                        : !day.isBefore(label) && day.isBefore(label.plusDays(7));
                                if (inside) {
                                    lastBase[p] = Math.max(lastBase[p], bClose[i]);
                                }
                            }
                        }
                        int[] src = a.sourceRows(t.timeframe());
                        for (int k = 0; k < rows.length; k++) {
                            long bc = bClose[rows[k]];
                            int used = src[k];
                            // the property itself: the used bar's last base bar has closed by the row's close
                            assertThat(lastBase[used]).as("%s bar %s in the row of base bar %s", t.timeframe(),
                                    java.time.Instant.ofEpochMilli(s.openTime(used)), java.time.Instant.ofEpochMilli(bOpen[rows[k]]))
                                    .isLessThanOrEqualTo(bc);
                            assertThat(a.usableFrom(t.timeframe(), used)).isLessThanOrEqualTo(bc)
                                    .isGreaterThanOrEqualTo(Math.max(s.closeTime(used), lastBase[used]));
                            if (used + 1 < s.size() && s.closeTime(used + 1) <= bc) {
                                heldBack[0]++; // the next bar had closed by the calendar, its data had not
                            }
                        }
                    }
                });
        // the generated cases hold rows where the calendar alone would have used a bar too early
        assertThat(heldBack[0]).isPositive();
    }

    @Test
    void failPolicyNamesTheStaleTimeframeAndBaseBar() {
        BarSeries h1 = TestSeries.full(3, AssetClass.CRYPTO, Timeframe.H1, 200);
        BarSeries h4 = new CalendarResampler(Calendars.crypto()).resample(h1.slice(0, 40), Timeframe.H4);
        AlignmentRequest req = new AlignmentRequest(TimeframeTrack.of(h1, 0), List.of(TimeframeTrack.of(h4, 0)),
                StalenessPolicy.FAIL, Optional.empty());
        assertThatThrownBy(() -> new LookaheadFreeAligner().align(req)).isInstanceOf(DataException.class)
                .hasMessageStartingWith("timeframe 4h is stale at base bar ");
        Alignment dropped = new LookaheadFreeAligner().align(new AlignmentRequest(TimeframeTrack.of(h1, 0),
                List.of(TimeframeTrack.of(h4, 0)), StalenessPolicy.DROP_ROW, Optional.empty()));
        assertThat(dropped.gaps()).isNotEmpty();
        assertThat(dropped.rows() + dropped.warmupDropped() + dropped.gaps().size()).isEqualTo(h1.size());
    }

    @Test
    void alignerNeverUsesAnUnclosedBar() {
        // A 4h bar opening 08:00 closes 12:00: the 1h bars closing 09:00..11:00 must use the 04:00 bar.
        BarSeries h1 = TestSeries.full(11, AssetClass.CRYPTO, Timeframe.H1, 48);
        BarSeries h4 = new CalendarResampler(Calendars.crypto()).resample(h1, Timeframe.H4);
        Alignment a = new LookaheadFreeAligner().align(new AlignmentRequest(TimeframeTrack.of(h1, 0),
                List.of(TimeframeTrack.of(h4, 0)), StalenessPolicy.DROP_ROW, Optional.empty()));
        int[] rows = a.baseRows();
        int[] src = a.sourceRows(Timeframe.H4);
        for (int k = 0; k < rows.length; k++) {
            assertThat(h4.closeTime(src[k])).isLessThanOrEqualTo(h1.closeTime(rows[k]));
            if (src[k] + 1 < h4.size()) {
                assertThat(h4.closeTime(src[k] + 1)).isGreaterThan(h1.closeTime(rows[k]));
            }
        }
    }
}
