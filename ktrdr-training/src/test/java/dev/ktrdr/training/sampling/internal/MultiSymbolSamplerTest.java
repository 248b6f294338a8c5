package dev.ktrdr.training.sampling.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ktrdr.training.sampling.internal.MultiSymbolSampler.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class MultiSymbolSamplerTest {
    static Gen<List<Integer>> counts() {
        return lists().of(integers().between(0, 120)).ofSizeBetween(1, 6);
    }

    static int[] arr(List<Integer> l) {
        return l.stream().mapToInt(Integer::intValue).toArray();
    }

    static int symbolOf(int index, int[] n) {
        int at = 0;
        for (int k = 0; k < n.length; k++) {
            if (index < at + n[k]) {
                return k;
            }
            at += n[k];
        }
        throw new AssertionError("index " + index + " beyond " + at + " training rows");
    }

    static int total(int[] n) {
        int t = 0;
        for (int x : n) {
            t += x;
        }
        return t;
    }

    @Test
    void everyStrategyDrawsOnlyTrainingRowsAndIsDeterministicForASeed() {
        qt().withExamples(200).forAll(counts(), integers().between(1, 64), longs().all(), integers().between(0, 3))
                .checkAssert((c, b, seed, s) -> {
                    int[] n = arr(c);
                    Strategy strategy = Strategy.values()[s];
                    int[][] first = new MultiSymbolSampler(strategy, seed).batches(n, b, 3);
                    assertThat(new MultiSymbolSampler(strategy, seed).batches(n, b, 3)).isDeepEqualTo(first);
                    for (int[] batch : first) {
                        assertThat(batch.length).isBetween(1, b);
                        for (int i : batch) {
                            assertThat(i).isBetween(0, total(n) - 1);
                        }
                    }
                });
    }

    @Test
    void concatenateAndInterleaveUseEveryRowExactlyOncePerEpoch() {
        qt().withExamples(150).forAll(counts(), integers().between(1, 64), longs().all())
                .checkAssert((c, b, seed) -> {
                    int[] n = arr(c);
                    for (Strategy s : new Strategy[] {Strategy.CONCATENATE, Strategy.INTERLEAVE}) {
                        int[] seen = new int[total(n)];
                        int[][] batches = new MultiSymbolSampler(s, seed).batches(n, b, 0);
                        for (int t = 0; t < batches.length; t++) {
                            if (t < batches.length - 1) {
                                assertThat(batches[t]).hasSize(b);
                            }
                            for (int i : batches[t]) {
                                seen[i]++;
                            }
                        }
                        for (int v : seen) {
                            assertThat(v).isEqualTo(1);
                        }
                    }
                });
    }

    @Test
    void interleaveAlternatesSymbolsRoundByRound() {
        int[] n = {3, 1, 2};
        int[][] b = new MultiSymbolSampler(Strategy.INTERLEAVE, 7).batches(n, 100, 0);
        int[] symbols = java.util.Arrays.stream(b[0]).map(i -> symbolOf(i, n)).toArray();
        assertThat(symbols).containsExactly(0, 1, 2, 0, 2, 0);
    }

    @Test
    void balancedBatchesHoldFloorOrCeilOfBOverKRowsOfEverySymbolAndSmallerSymbolsCycle() {
        qt().withExamples(200).forAll(counts(), integers().between(1, 64), longs().all())
                .checkAssert((c, b, seed) -> {
                    int[] n = arr(c);
                    int k = 0;
                    for (int x : n) {
                        k += x > 0 ? 1 : 0;
                    }
                    if (k == 0) {
                        assertThat(new MultiSymbolSampler(Strategy.BALANCED, seed).batches(n, b, 0)).isEmpty();
                        return;
                    }
                    int[][] batches = new MultiSymbolSampler(Strategy.BALANCED, seed).batches(n, b, 1);
                    int[] uses = new int[total(n)];
                    int[] perSymbol = new int[n.length];
                    for (int[] batch : batches) {
                        assertThat(batch).hasSize(b);
                        int[] count = new int[n.length];
                        for (int i : batch) {
                            count[symbolOf(i, n)]++;
                            uses[i]++;
                        }
                        for (int s = 0; s < n.length; s++) {
                            if (n[s] > 0) {
                                assertThat(count[s]).isBetween(b / k, (b + k - 1) / k);
                            }
                            perSymbol[s] += count[s];
                        }
                    }
                    int at = 0;
                    for (int s = 0; s < n.length; s++) {
                        for (int r = 0; r < n[s]; r++) {
                            // every row appears, and rows of a symbol appear floor or ceil of its draws / its rows
                            assertThat(uses[at + r]).isBetween(perSymbol[s] / n[s], (perSymbol[s] + n[s] - 1) / n[s])
                                    .isGreaterThanOrEqualTo(1);
                        }
                        at += n[s];
                    }
                });
    }

    @Test
    void weightedSharesFollowTheWeights() {
        qt().withExamples(100).forAll(integers().between(1, 200), integers().between(1, 200), integers().between(1, 200),
                longs().all()).checkAssert((a, b, c, seed) -> {
                    int[] n = {a, b, c};
                    double[] w = {1, 2, 5};
                    int[][] batches = MultiSymbolSampler.weighted(seed, w).batches(n, 16, 0);
                    int[] count = new int[3];
                    int t = 0;
                    for (int[] batch : batches) {
                        for (int i : batch) {
                            count[symbolOf(i, n)]++;
                            t++;
                        }
                    }
                    assertThat(t).isEqualTo(a + b + c);
                    for (int s = 0; s < 3; s++) {
                        assertThat((double) count[s]).isCloseTo(t * w[s] / 8.0, org.assertj.core.api.Assertions.within(3.0));
                    }
                });
    }

    @Test
    void epochsShuffleDifferently() {
        int[] n = {50, 30};
        MultiSymbolSampler s = new MultiSymbolSampler(Strategy.BALANCED, 11);
        assertThat(s.batches(n, 8, 0)).isNotEqualTo(s.batches(n, 8, 1));
        assertThat(Strategy.parse("weighted")).isEqualTo(Strategy.WEIGHTED);
    }
}
