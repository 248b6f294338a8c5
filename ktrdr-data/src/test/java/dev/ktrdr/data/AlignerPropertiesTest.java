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
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Rules 3 to 5 as properties, over synthetic series with random gaps, calendar closures, timeframe
 * sets, warm-up lengths and staleness bounds, checked against a brute-force oracle.
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
                    AlignmentRequest req = c.request();
                    Alignment a = new LookaheadFreeAligner().align(req);
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
                            long[] cl = t.closeTimes();
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
                        long[] cl = t.closeTimes();
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
                });
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
