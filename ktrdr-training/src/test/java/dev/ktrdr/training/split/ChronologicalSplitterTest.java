package dev.ktrdr.training.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Labels;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.TestBars;
import dev.ktrdr.training.TestData;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.labels.ZigZagForwardLabeler;
import dev.ktrdr.training.labels.ZigZagSegmentLabeler;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ChronologicalSplitterTest {

    @Test
    void purgesHorizonBarsBeforeEachCutByHand() {
        BarSeries s = TestBars.randomWalk("AAA", 3, 100);
        SymbolDataset d = SymbolDataset.pair(TestData.features(s, 0, 0), new ZigZagForwardLabeler(0.001, 5, 1).label(s));
        // 95 labelled rows (0..94). Validation cut at row floor(0.6*95)=57, test cut at row floor(0.8*95)=76.
        SplitPlan p = new ChronologicalSplitter(0.6, 0.2, 0.2).split(List.of(d));
        assertThat(p.validationCut()).isEqualTo(s.openTime(57));
        assertThat(p.testCut()).isEqualTo(s.openTime(76));
        SymbolSplit sp = p.of(s.symbol());
        assertThat(sp.train()).isEqualTo(IntStream.rangeClosed(0, 51).toArray());
        assertThat(sp.validation()).isEqualTo(IntStream.rangeClosed(57, 70).toArray());
        assertThat(sp.test()).isEqualTo(IntStream.rangeClosed(76, 94).toArray());
        assertThat(sp.purged()).isEqualTo(10);
    }

    @Test
    void purgesEachSymbolWithItsOwnHorizon() {
        qt().withExamples(40).forAll(longs().between(0, 1_000_000), integers().between(1, 4), integers().between(5, 40))
                .checkAssert((seed, small, large) -> {
                    BarSeries a = TestBars.randomWalk("SHORT", seed, 300);
                    BarSeries b = TestBars.randomWalk("LONG", seed + 1, 300);
                    List<SymbolDataset> data = List.of(
                            SymbolDataset.pair(TestData.features(a, 0, 0), new ZigZagForwardLabeler(0.002, small, 1).label(a)),
                            SymbolDataset.pair(TestData.features(b, 1, 0), new ZigZagForwardLabeler(0.002, large, 1).label(b)));
                    SplitPlan p = new ChronologicalSplitter(0.6, 0.2, 0.2).split(data);
                    for (SymbolDataset d : data) {
                        int h = d.horizon();
                        SymbolSplit sp = p.of(d.symbol());
                        assertThat(sp.horizon()).isEqualTo(h);
                        for (int r : sp.train()) {
                            assertThat(d.labelEnd(r, h)).isLessThan(p.validationCut());
                        }
                        for (int r : sp.validation()) {
                            assertThat(d.labelEnd(r, h)).isLessThan(p.testCut());
                        }
                        int crossingTrain = 0;
                        int crossingValidation = 0;
                        for (int r = 0; r < d.rows(); r++) {
                            long t = d.time(r);
                            if (d.classAt(r) < 0) {
                                continue;
                            }
                            if (t < p.validationCut() && d.labelEnd(r, h) >= p.validationCut()) {
                                crossingTrain++;
                            } else if (t >= p.validationCut() && t < p.testCut() && d.labelEnd(r, h) >= p.testCut()) {
                                crossingValidation++;
                            }
                        }
                        assertThat(sp.purgedTrain()).as(d.symbol().value()).isEqualTo(crossingTrain);
                        assertThat(sp.purgedValidation()).as(d.symbol().value()).isEqualTo(crossingValidation);
                        assertThat(sp.purged()).isEqualTo(crossingTrain + crossingValidation);
                    }
                    // the short-horizon symbol loses only its own horizon before each cut, not the other's
                    assertThat(p.of(a.symbol()).purgedTrain()).isLessThanOrEqualTo(small);
                });
    }

    @Test
    void segmentLabelsArePurgedWithTheirActualHorizon() {
        BarSeries s = TestBars.randomWalk("SEG", 11, 3000);
        Labels labels = new ZigZagSegmentLabeler(0.01).label(s);
        SymbolDataset d = SymbolDataset.pair(TestData.features(s, 0, 0), labels);
        assertThat(d.horizon()).isEqualTo(labels.horizon()).isPositive();
        SplitPlan p = new ChronologicalSplitter(0.7, 0.15, 0.15).split(List.of(d));
        SymbolSplit sp = p.of(s.symbol());
        for (int r : sp.train()) {
            assertThat(d.labelEnd(r)).isLessThan(p.validationCut());
        }
        // the purge before each cut is at most the horizon, so most labelled rows are placed
        assertThat(sp.purged()).isBetween(1, 2 * labels.horizon());
        assertThat(sp.train().length + sp.validation().length + sp.test().length).isGreaterThan(2500);
    }

    static List<SymbolDataset> randomSymbols(long seed, int k, int horizon) {
        List<SymbolDataset> out = new ArrayList<>();
        ZigZagForwardLabeler labeler = new ZigZagForwardLabeler(0.002, horizon, 1);
        for (int i = 0; i < k; i++) {
            int n = 80 + (int) Math.floorMod(seed * (i + 7), 200L);
            long offset = Math.floorMod(seed * (i + 3), 150L);
            BarSeries s = TestBars.randomWalk("S" + i, seed + i, n, offset, Timeframe.H1);
            out.add(SymbolDataset.pair(TestData.features(s, i, 3 + i), labeler.label(s)));
        }
        return out;
    }

    @Test
    void noTrainingRowsLabelWindowReachesPastACutAndCutsAreTheSameForEverySymbol() {
        qt().withExamples(80).forAll(longs().between(0, 1_000_000), integers().between(1, 4), integers().between(1, 12))
                .checkAssert((seed, k, horizon) -> {
                    List<SymbolDataset> data = randomSymbols(seed, k, horizon);
                    SplitPlan p = new ChronologicalSplitter(0.6, 0.25, 0.15).split(data);
                    for (SymbolDataset d : data) {
                        SymbolSplit s = p.of(d.symbol());
                        int placed = 0;
                        for (int r : s.train()) {
                            assertThat(d.time(r)).isLessThan(p.validationCut());
                            assertThat(d.labelEnd(r)).isLessThan(p.validationCut());
                        }
                        for (int r : s.validation()) {
                            assertThat(d.time(r)).isGreaterThanOrEqualTo(p.validationCut()).isLessThan(p.testCut());
                            assertThat(d.labelEnd(r)).isLessThan(p.testCut());
                        }
                        for (int r : s.test()) {
                            assertThat(d.time(r)).isGreaterThanOrEqualTo(p.testCut());
                        }
                        placed = s.train().length + s.validation().length + s.test().length;
                        // nothing labelled is lost except purged rows, and only rows whose window crosses a cut are purged
                        int crossing = 0;
                        for (int r = 0; r < d.rows(); r++) {
                            if (d.classAt(r) < 0) {
                                continue;
                            }
                            long t = d.time(r);
                            if (t < p.validationCut() ? d.labelEnd(r) >= p.validationCut()
                                    : t < p.testCut() && d.labelEnd(r) >= p.testCut()) {
                                crossing++;
                            }
                        }
                        assertThat(s.purged()).isEqualTo(crossing);
                        assertThat(placed + s.purged()).isEqualTo(d.labelledRows());
                    }
                });
    }

    @Test
    void walkForwardFoldsTrainBeforeTheirTestWindowWithPurge() {
        qt().withExamples(40).forAll(longs().between(0, 1_000_000), integers().between(1, 5))
                .checkAssert((seed, folds) -> {
                    List<SymbolDataset> data = randomSymbols(seed, 3, 6);
                    for (boolean expanding : new boolean[] {true, false}) {
                        List<SplitPlan> plans = ChronologicalSplitter.walkForward(data, folds, expanding);
                        assertThat(plans).hasSize(folds);
                        for (int f = 0; f < folds; f++) {
                            SplitPlan p = plans.get(f);
                            if (f > 0) {
                                assertThat(p.testCut()).isGreaterThanOrEqualTo(plans.get(f - 1).testCut());
                                assertThat(p.trainStart()).isEqualTo(expanding ? Long.MIN_VALUE : plans.get(f - 1).testCut());
                            }
                            for (SymbolDataset d : data) {
                                SymbolSplit s = p.of(d.symbol());
                                assertThat(s.validation()).isEmpty();
                                for (int r : s.train()) {
                                    assertThat(d.time(r)).isGreaterThanOrEqualTo(p.trainStart());
                                    assertThat(d.labelEnd(r)).isLessThan(p.testCut());
                                }
                                for (int r : s.test()) {
                                    assertThat(d.time(r)).isGreaterThanOrEqualTo(p.testCut()).isLessThan(p.testEnd());
                                }
                            }
                        }
                    }
                });
    }
}
