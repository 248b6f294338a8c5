package dev.ktrdr.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GapAnalyzerPropertiesTest {
    private static final Timeframe[] TFS = {Timeframe.M15, Timeframe.H1, Timeframe.D1};

    @Test
    void everyRemovedBarIsFoundAsMissingAndClosuresAreNot() {
        qt().withExamples(60).forAll(longs().all(), integers().between(0, 2), integers().between(0, 2), integers().between(0, 30))
                .checkAssert((seed, cls, tfIdx, pct) -> {
                    AssetClass ac = TestSeries.CLASSES[cls];
                    MarketCalendar cal = Calendars.forAssetClass(ac);
                    BarSeries full = TestSeries.full(seed, ac, TFS[tfIdx], 800);
                    BarSeries holed = TestSeries.drop(full, new SplittableRandom(seed + 1), pct / 100.0);
                    GapReport g = GapAnalyzer.analyze(holed, cal);
                    assertThat(g.expected()).isEqualTo(full.size());
                    assertThat(g.missing() + g.holidayWindowMissing() + g.breakMissing()).isEqualTo(full.size() - holed.size());
                    assertThat(g.unexpectedRows()).isZero();
                    assertThat(g.runs().stream().mapToLong(GapReport.GapRun::length).sum()).isEqualTo(g.missing());
                    for (GapReport.GapRun r : g.runs()) {
                        assertThat(java.util.Arrays.binarySearch(holed.openTimes(), r.start())).isNegative();
                        assertThat(java.util.Arrays.binarySearch(full.openTimes(), r.start())).isNotNegative();
                    }
                });
    }
}
