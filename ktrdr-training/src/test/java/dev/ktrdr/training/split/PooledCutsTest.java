package dev.ktrdr.training.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.TestBars;
import dev.ktrdr.training.TestData;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.labels.ZigZagForwardLabeler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PooledCutsTest {

    @Test
    void histogramCutsAndPartsEqualTheSplitter() {
        qt().withExamples(30).forAll(longs().between(0, 1_000_000), integers().between(1, 30), integers().between(0, 3))
                .checkAssert((seed, horizon, testTenths) -> {
                    List<SymbolDataset> data = new ArrayList<>();
                    for (int k = 0; k < 3; k++) {
                        // different lengths and starts, so the pooled times overlap only partly
                        BarSeries s = TestBars.randomWalk("S" + k, seed + k, 150 + 40 * k);
                        BarSeries cut = s.slice(10 * k, s.size());
                        data.add(SymbolDataset.pair(TestData.features(cut, k, 0),
                                new ZigZagForwardLabeler(0.002, horizon + k, 1).label(cut)));
                    }
                    double test = testTenths / 10.0;
                    double validation = 0.15;
                    double train = 1 - validation - test;
                    SplitPlan plan = new ChronologicalSplitter(train, validation, test).split(data);
                    TreeMap<Long, Long> hist = new TreeMap<>();
                    for (SymbolDataset d : data) {
                        for (int r = 0; r < d.rows(); r++) {
                            if (d.classAt(r) != Label.NONE) {
                                hist.merge(d.time(r), 1L, Long::sum);
                            }
                        }
                    }
                    long[] times = hist.keySet().stream().mapToLong(Long::longValue).toArray();
                    long[] counts = hist.values().stream().mapToLong(Long::longValue).toArray();
                    PooledCuts cuts = PooledCuts.of(times, counts, train, validation, test);
                    assertThat(cuts.validationCut()).isEqualTo(plan.validationCut());
                    assertThat(cuts.testCut()).isEqualTo(plan.testCut());
                    for (SymbolDataset d : data) {
                        SymbolSplit sp = plan.of(d.symbol());
                        List<Integer> tr = new ArrayList<>();
                        List<Integer> va = new ArrayList<>();
                        List<Integer> te = new ArrayList<>();
                        int purged = 0;
                        for (int r = 0; r < d.rows(); r++) {
                            switch (cuts.part(d.classAt(r), d.time(r), d.labelEnd(r))) {
                                case PooledCuts.TRAIN -> tr.add(r);
                                case PooledCuts.VALIDATION -> va.add(r);
                                case PooledCuts.TEST -> te.add(r);
                                case PooledCuts.PURGED -> purged++;
                                default -> assertThat(d.classAt(r)).isEqualTo(Label.NONE);
                            }
                        }
                        assertThat(tr.stream().mapToInt(Integer::intValue).toArray()).isEqualTo(sp.train());
                        assertThat(va.stream().mapToInt(Integer::intValue).toArray()).isEqualTo(sp.validation());
                        assertThat(te.stream().mapToInt(Integer::intValue).toArray()).isEqualTo(sp.test());
                        assertThat(purged).isEqualTo(sp.purged());
                    }
                });
    }

    @Test
    void refusesBadHistogramsAndFractions() {
        assertThatThrownBy(() -> PooledCuts.of(new long[] {1, 1}, new long[] {1, 1}, 0.7, 0.15, 0.15))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ascending");
        assertThatThrownBy(() -> PooledCuts.of(new long[] {1}, new long[] {0}, 0.7, 0.15, 0.15))
                .hasMessageContaining("below 1");
        assertThatThrownBy(() -> PooledCuts.of(new long[0], new long[0], 0.7, 0.15, 0.15))
                .hasMessageContaining("no labelled rows");
        assertThatThrownBy(() -> PooledCuts.of(new long[] {1}, new long[] {1}, 0.7, 0.2, 0.2))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("training.data_split");
    }

    @Test
    void budgetSampleKeepsTheSmallestKeysWhateverTheCandidateOrderOfOtherRows() {
        qt().withExamples(50).forAll(longs().between(0, 1_000_000), integers().between(1, 400), integers().between(1, 300))
                .checkAssert((seed, n, budget) -> {
                    Symbol sym = Symbol.of("EURUSD");
                    long[] times = new long[n];
                    int[] all = new int[n];
                    for (int i = 0; i < n; i++) {
                        times[i] = 1_600_000_000_000L + 3_600_000L * i;
                        all[i] = i;
                    }
                    int[] kept = SampleBudget.select(seed, sym, times, all, budget);
                    assertThat(kept).hasSize(Math.min(n, budget)).isSorted();
                    long bound = Arrays.stream(kept).mapToLong(r -> SampleBudget.key(seed, sym, times[r])).max().orElseThrow();
                    int smaller = 0;
                    for (int i = 0; i < n; i++) {
                        long k = SampleBudget.key(seed, sym, times[i]);
                        assertThat(k).isNotNegative();
                        if (k <= bound) {
                            smaller++;
                        }
                    }
                    assertThat(smaller).isEqualTo(kept.length);
                    if (n <= budget) {
                        assertThat(SampleBudget.threshold(n, budget)).isEqualTo(Long.MAX_VALUE);
                    }
                });
        assertThatThrownBy(() -> SampleBudget.select(1, Symbol.of("A"), new long[1], new int[1], 0))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("budget");
    }
}
