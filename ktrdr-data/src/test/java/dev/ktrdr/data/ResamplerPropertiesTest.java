package dev.ktrdr.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ResamplerPropertiesTest {
    private static final Timeframe[][] CHAINS = {
        {Timeframe.M1, Timeframe.M15, Timeframe.H1},
        {Timeframe.M1, Timeframe.M5, Timeframe.M15},
        {Timeframe.M1, Timeframe.M30, Timeframe.H2},
        {Timeframe.M1, Timeframe.H1, Timeframe.H4},
        {Timeframe.M1, Timeframe.H1, Timeframe.D1},
        {Timeframe.M1, Timeframe.H4, Timeframe.D1},
        {Timeframe.M1, Timeframe.D1, Timeframe.W1},
    };

    static void assertSame(BarSeries a, BarSeries b) {
        assertThat(a.timeframe()).isEqualTo(b.timeframe());
        assertThat(a.openTimes()).containsExactly(b.openTimes());
        assertThat(a.closeTimes()).containsExactly(b.closeTimes());
        assertThat(a.opens()).containsExactly(b.opens());
        assertThat(a.highs()).containsExactly(b.highs());
        assertThat(a.lows()).containsExactly(b.lows());
        assertThat(a.closes()).containsExactly(b.closes());
        assertThat(a.volumes()).containsExactly(b.volumes());
    }

    @Test
    void resamplingIsAssociativeAndPreservesVolumeHighAndLow() {
        qt().withExamples(60).forAll(longs().all(), integers().between(0, 2), integers().between(0, CHAINS.length - 1),
                integers().between(0, 40)).checkAssert((seed, cls, chain, gapPct) -> {
            AssetClass ac = TestSeries.CLASSES[cls];
            MarketCalendar cal = Calendars.forAssetClass(ac);
            Timeframe[] c = CHAINS[chain];
            int bars = c[2] == Timeframe.W1 ? 12_000 : 3_000;
            BarSeries m1 = TestSeries.withGaps(seed, ac, c[0], bars, gapPct / 100.0);
            CalendarResampler r = new CalendarResampler(cal);
            BarSeries mid = r.resample(m1, c[1], true).series();
            BarSeries viaMid = r.resample(mid, c[2], true).series();
            BarSeries direct = r.resample(m1, c[2], true).series();
            assertSame(viaMid, direct);
            assertThat(Arrays.stream(direct.volumes()).sum()).isEqualTo(Arrays.stream(m1.volumes()).sum());
            assertThat(Arrays.stream(direct.highs()).max()).isEqualTo(Arrays.stream(m1.highs()).max());
            assertThat(Arrays.stream(direct.lows()).min()).isEqualTo(Arrays.stream(m1.lows()).min());
            // Every resampled intraday bar becomes known no earlier than each source bar it holds.
            if (c[2].isIntraday()) {
                long[] opens = direct.openTimes();
                for (int i = 0; i < m1.size(); i++) {
                    int b = Arrays.binarySearch(opens, m1.openTime(i));
                    b = b >= 0 ? b : -b - 2;
                    assertThat(direct.closeTime(b)).isGreaterThanOrEqualTo(m1.closeTime(i));
                }
            }
        });
    }

    @Test
    void incompleteLastBucketIsFlaggedAndLeftOutByDefault() {
        BarSeries m1 = TestSeries.full(7, AssetClass.CRYPTO, Timeframe.M1, 90); // 1.5 hours
        CalendarResampler r = new CalendarResampler(Calendars.crypto());
        BarSeries kept = r.resample(m1, Timeframe.H1, true).series();
        assertThat(r.resample(m1, Timeframe.H1, true).lastIncomplete()).isEqualTo(Math.floorMod(m1.openTime(0), 3_600_000L) != 0
                || (m1.openTime(89) + 60_000) % 3_600_000L != 0);
        assertThat(r.resample(m1, Timeframe.H1).size()).isEqualTo(kept.size() - 1);
    }

    @Test
    void refusesTargetsThatAreNotCoarserMultiples() {
        BarSeries h1 = TestSeries.full(7, AssetClass.CRYPTO, Timeframe.H1, 10);
        CalendarResampler r = new CalendarResampler(Calendars.crypto());
        assertThatThrownBy(() -> r.resample(h1, Timeframe.M15)).isInstanceOf(ConfigurationException.class)
                .hasMessage("target: cannot resample 1h to 15m: the target must be coarser than the source");
        BarSeries m15 = TestSeries.full(7, AssetClass.CRYPTO, Timeframe.M15, 10);
        assertThat(r.resample(m15, Timeframe.H1).timeframe()).isEqualTo(Timeframe.H1);
        BarSeries m30 = r.resample(m15, Timeframe.M30);
        assertThatThrownBy(() -> new CalendarResampler(Calendars.crypto()).resample(TestSeries.withGaps(1, AssetClass.CRYPTO,
                Timeframe.H2, 10, 0), Timeframe.H1)).isInstanceOf(ConfigurationException.class);
        assertThat(m30.size()).isGreaterThan(0);
    }
}
