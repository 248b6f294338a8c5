package dev.ktrdr.training.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ktrdr.training.sampling.internal.MultiSymbolSampler.Strategy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** The balance properties of the in-memory sampler's tests, for the streaming form, plus the cap. */
class StreamingSamplerTest {
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
                    int[][] first = new StreamingSampler(strategy, seed, 0).batches(n, b, 3);
                    assertThat(new StreamingSampler(strategy, seed, 0).batches(n, b, 3)).isDeepEqualTo(first);
                    for (int[] batch : first) {
                        assertThat(batch.length).isBetween(1, b);
                        for (int i : batch) {
                            assertThat(i).isBetween(0, total(n) - 1);
                        }
                    }
                });
    }

    @Test
    void uncappedConcatenateAndInterleaveUseEveryRowExactlyOncePerEpoch() {
        qt().withExamples(150).forAll(counts(), integers().between(1, 64), longs().all())
                .checkAssert((c, b, seed) -> {
                    int[] n = arr(c);
                    for (Strategy s : new Strategy[] {Strategy.CONCATENATE, Strategy.INTERLEAVE}) {
                        int[] seen = new int[total(n)];
                        int[][] batches = new StreamingSampler(s, seed, 0).batches(n, b, 0);
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
        int[][] b = new StreamingSampler(Strategy.INTERLEAVE, 7, 0).batches(n, 100, 0);
        int[] symbols = java.util.Arrays.stream(b[0]).map(i -> symbolOf(i, n)).toArray();
        assertThat(symbols).containsExactly(0, 1, 2, 0, 2, 0);
    }

    @Test
    void balancedBatchesHoldFloorOrCeilOfBOverKRowsOfEverySymbolAndRowsCycleEvenly() {
        qt().withExamples(200).forAll(counts(), integers().between(1, 64), longs().all(), integers().between(0, 500))
                .checkAssert((c, b, seed, cap) -> {
                    int[] n = arr(c);
                    int k = 0;
                    for (int x : n) {
                        k += x > 0 ? 1 : 0;
                    }
                    StreamingSampler sampler = new StreamingSampler(Strategy.BALANCED, seed, cap);
                    if (k == 0) {
                        assertThat(sampler.batches(n, b, 0)).isEmpty();
                        return;
                    }
                    int[][] batches = sampler.batches(n, b, 1);
                    if (cap > 0) {
                        assertThat((long) batches.length * b).isLessThan(Math.max(cap, 1) + (long) b);
                    }
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
                            if (n[s] > 0 && b >= k) {
                                assertThat(count[s]).isBetween(b / k, (b + k - 1) / k);
                            }
                            assertThat(count[s]).isLessThanOrEqualTo((b + k - 1) / k);
                            perSymbol[s] += count[s];
                        }
                    }
                    int at = 0;
                    for (int s = 0; s < n.length; s++) {
                        for (int r = 0; r < n[s]; r++) {
                            // rows of a symbol appear floor or ceil of its draws / its rows
                            assertThat(uses[at + r]).isBetween(perSymbol[s] / n[s], (perSymbol[s] + n[s] - 1) / n[s]);
                            if (cap == 0) {
                                assertThat(uses[at + r]).isGreaterThanOrEqualTo(1);
                            }
                        }
                        at += n[s];
                    }
                });
    }

    @Test
    void balancedWithMoreSymbolsThanBatchRowsGivesEverySymbolItsShare() {
        int[] n = new int[1000];
        java.util.Arrays.fill(n, 50);
        n[7] = 3;
        int[][] batches = new StreamingSampler(Strategy.BALANCED, 5, 20_000).batches(n, 64, 0);
        int[] perSymbol = new int[n.length];
        for (int[] batch : batches) {
            for (int i : batch) {
                perSymbol[symbolOf(i, n)]++;
            }
        }
        assertThat(batches.length * 64).isBetween(20_000, 20_063);
        for (int s = 0; s < n.length; s++) {
            assertThat(perSymbol[s]).isBetween(20_000 / 1000, 20_063 / 1000 + 1);
        }
    }

    @Test
    void weightedSharesFollowTheSquareRootWeightsWithinOneRow() {
        qt().withExamples(100).forAll(counts(), integers().between(1, 64), longs().all(), integers().between(0, 400))
                .checkAssert((c, b, seed, cap) -> {
                    int[] n = arr(c);
                    int total = total(n);
                    if (total == 0) {
                        return;
                    }
                    int[][] batches = new StreamingSampler(Strategy.WEIGHTED, seed, cap).batches(n, b, 0);
                    int m = cap > 0 ? Math.min(cap, total) : total;
                    int[] count = new int[n.length];
                    int t = 0;
                    for (int[] batch : batches) {
                        for (int i : batch) {
                            count[symbolOf(i, n)]++;
                            t++;
                        }
                    }
                    assertThat(t).isEqualTo(m);
                    double sum = 0;
                    for (int x : n) {
                        sum += Math.sqrt(x);
                    }
                    for (int s = 0; s < n.length; s++) {
                        assertThat((double) count[s]).isCloseTo(m * Math.sqrt(n[s]) / sum, within(1.0 + 1e-9));
                    }
                });
    }

    @Test
    void capBoundsEveryStrategyAndDrawsWithoutRepeatsUntilARowSetIsExhausted() {
        qt().withExamples(100).forAll(counts(), integers().between(1, 64), longs().all(), integers().between(1, 300))
                .checkAssert((c, b, seed, cap) -> {
                    int[] n = arr(c);
                    int total = total(n);
                    for (Strategy s : new Strategy[] {Strategy.CONCATENATE, Strategy.INTERLEAVE, Strategy.WEIGHTED}) {
                        int drawn = 0;
                        boolean[] seen = new boolean[total];
                        for (int[] batch : new StreamingSampler(s, seed, cap).batches(n, b, 2)) {
                            for (int i : batch) {
                                drawn++;
                                if (s != Strategy.WEIGHTED) {
                                    assertThat(seen[i]).as("row %d drawn twice", i).isFalse();
                                }
                                seen[i] = true;
                            }
                        }
                        assertThat(drawn).isEqualTo(Math.min(cap, total));
                    }
                });
    }

    @Test
    void epochsShuffleDifferentlyAndTheCapIsValidated() {
        int[] n = {50, 30};
        StreamingSampler s = new StreamingSampler(Strategy.BALANCED, 11, 0);
        assertThat(s.batches(n, 8, 0)).isNotEqualTo(s.batches(n, 8, 1));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StreamingSampler(Strategy.WEIGHTED, 1, -1))
                .hasMessageContaining("training.samples_per_epoch");
    }

    @Test
    void lazyShuffleIsAPermutationPerCycle() {
        qt().withExamples(100).forAll(integers().between(1, 300), longs().all()).checkAssert((n, seed) -> {
            StreamingSampler.LazyShuffle l = new StreamingSampler.LazyShuffle(n, 10, new java.util.SplittableRandom(seed));
            for (int cycle = 0; cycle < 3; cycle++) {
                boolean[] seen = new boolean[n];
                for (int i = 0; i < n; i++) {
                    int v = l.next() - 10;
                    assertThat(seen[v]).isFalse();
                    seen[v] = true;
                }
            }
        });
    }
}
