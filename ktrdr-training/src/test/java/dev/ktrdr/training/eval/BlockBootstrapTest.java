package dev.ktrdr.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlockBootstrapTest {
    private static final byte BUY = (byte) Label.BUY.index();
    private static final byte HOLD = (byte) Label.HOLD.index();
    private static final byte SELL = (byte) Label.SELL.index();
    private static final List<Symbol> AB = List.of(Symbol.of("AAA"), Symbol.of("BBB"));

    /**
     * AAA: 8 BUY, 2 SELL; BBB: 3 BUY, 7 SELL. Pooled: 11 BUY of 20, so the pooled majority is 11/20 = 0.55;
     * per symbol the majorities are 8 and 7, so the per-symbol baseline is 15/20 = 0.75. A model that always
     * says BUY is right 11 times: 0.55, level with the pooled majority but 20 points below the per-symbol one.
     */
    @Test
    void perSymbolBaselineIsTheRowWeightedMeanOfEachSymbolsOwnMajority() {
        byte[] actual = new byte[20];
        int[] sym = new int[20];
        for (int i = 0; i < 20; i++) {
            sym[i] = i < 10 ? 0 : 1;
            actual[i] = i < 10 ? (i < 8 ? BUY : SELL) : (i < 13 ? BUY : SELL);
        }
        byte[] predicted = new byte[20];
        java.util.Arrays.fill(predicted, BUY);
        byte[] momentum = new byte[20];
        java.util.Arrays.fill(momentum, HOLD);
        momentum[0] = BUY; // momentum right once: 1/20
        ScoredRows rows = ScoredRows.of(AB, sym, actual, predicted, momentum, new int[] {1, 1});

        BaselineFigures f = BaselineFigures.of(rows);
        assertThat(f.rows()).isEqualTo(20);
        assertThat(f.accuracy()).isEqualTo(0.55);
        assertThat(f.pooledMajorityAccuracy()).isEqualTo(0.55);
        assertThat(f.baselineAccuracy()).isEqualTo(0.75);
        assertThat(f.momentumAccuracy()).isEqualTo(0.05);
        assertThat(f.edge()).isCloseTo(-0.20, within(1e-15));
        assertThat(f.against()).isEqualTo(Edge.Against.PER_SYMBOL_MAJORITY);

        BaselineFigures a = BaselineFigures.ofSymbol(rows, 0);
        assertThat(a.accuracy()).isEqualTo(0.8);
        assertThat(a.baselineAccuracy()).isEqualTo(0.8);
        assertThat(a.pooledMajorityAccuracy()).isEqualTo(0.8);
        BaselineFigures b = BaselineFigures.ofSymbol(rows, 1);
        assertThat(b.accuracy()).isEqualTo(0.3);
        assertThat(b.baselineAccuracy()).isEqualTo(0.7);

        EdgeReport r = new BlockBootstrap(200, 0.95, 1).evaluate(rows);
        assertThat(r.summary("test_")).containsEntry("test_baseline_accuracy", 0.75)
                .containsEntry("test_pooled_majority_accuracy", 0.55).containsEntry("test_accuracy", 0.55)
                .containsEntry("test_momentum_accuracy", 0.05);
        // ten rows per symbol with a block of ⌈10^(1/3)⌉ = 3 rows: 3 + 3 = 6 blocks, too few for an interval
        assertThat(r.blockLengths()).containsEntry(Symbol.of("AAA"), 3);
        assertThat(r.verdict()).isEqualTo(Edge.Verdict.UNDETERMINED);
        assertThat(r.edge().low()).isNaN();
    }

    @Test
    void momentumIsTheBaselineWhenItIsStronger() {
        byte[] actual = {BUY, BUY, SELL, SELL, HOLD};
        byte[] momentum = {BUY, BUY, SELL, SELL, SELL};
        ScoredRows rows = ScoredRows.of(List.of(Symbol.of("AAA")), new int[5], actual, actual.clone(), momentum, new int[] {0});
        BaselineFigures f = BaselineFigures.of(rows);
        assertThat(f.baselineAccuracy()).isEqualTo(0.4);
        assertThat(f.momentumAccuracy()).isEqualTo(0.8);
        assertThat(f.against()).isEqualTo(Edge.Against.MOMENTUM);
        assertThat(f.edge()).isCloseTo(0.2, within(1e-15));
    }

    @Test
    void blockLengthIsAtLeastTheHorizonAndAtMostTheRows() {
        qt().withExamples(2000).forAll(integers().between(0, 5000), integers().between(0, 100_000)).checkAssert((h, n) -> {
            int l = BlockBootstrap.blockLength(h, n);
            assertThat(l).isLessThanOrEqualTo(n);
            assertThat(l).isGreaterThanOrEqualTo(Math.min(n, Math.max(h, 1)));
            assertThat(l).isGreaterThanOrEqualTo(Math.min(n, (int) Math.ceil(Math.cbrt(n))));
        });
        assertThat(BlockBootstrap.blockLength(24, 5000)).isEqualTo(24);
        assertThat(BlockBootstrap.blockLength(5, 5000)).isEqualTo(18);
        assertThat(BlockBootstrap.blockLength(0, 0)).isZero();
    }

    @Test
    void sameSeedSameIntervalOtherSeedOtherInterval() {
        ScoredRows rows = simulate(new SplittableRandom(7), 600, 8, 0.5);
        EdgeReport a = new BlockBootstrap(500, 0.95, 42).evaluate(rows);
        EdgeReport b = new BlockBootstrap(500, 0.95, 42).evaluate(rows);
        EdgeReport c = new BlockBootstrap(500, 0.95, 43).evaluate(rows);
        assertThat(a).isEqualTo(b);
        assertThat(a.edge().low()).isEqualTo(b.edge().low());
        assertThat(a.edge().high()).isEqualTo(b.edge().high());
        assertThat(new double[] {c.edge().low(), c.edge().high()}).isNotEqualTo(new double[] {a.edge().low(), a.edge().high()});
        assertThat(a.edge().point()).isEqualTo(c.edge().point());
        assertThat(a.blockLengths()).containsEntry(Symbol.of("AAA"), 9).containsEntry(Symbol.of("BBB"), 9);
    }

    /**
     * Labels come in runs of 8 bars (overlapping label windows), the model is right with probability 0.5,
     * each symbol's majority class has share 0.5, momentum is a coin among three: the true edge is 0. Over
     * 200 simulated data sets the 95% interval (block length ≥ the horizon of 8) covers 0 about 95% of the
     * time; told a horizon of 0 on runs of 40 bars, blocks are too short and it covers 0 far less often.
     */
    @Test
    void intervalCoversAZeroEdgeAboutNinetyFivePercentOfTheTime() {
        SplittableRandom rng = new SplittableRandom(2026);
        int covered = 0;
        int sims = 200;
        for (int s = 0; s < sims; s++) {
            ScoredRows rows = simulate(rng, 800, 8, 0.5);
            Edge e = new BlockBootstrap(400, 0.95, s).evaluate(rows).edge();
            if (e.low() <= 0 && 0 <= e.high()) {
                covered++;
            }
        }
        assertThat((double) covered / sims).isBetween(0.90, 0.99);

        int shortBlocks = 0;
        for (int s = 0; s < sims; s++) {
            ScoredRows rows = simulate(rng, 800, 40, 0.5, 0);
            EdgeReport r = new BlockBootstrap(400, 0.95, s).evaluate(rows);
            if (r.edge().low() <= 0 && 0 <= r.edge().high()) {
                shortBlocks++;
            }
        }
        assertThat((double) shortBlocks / sims).isLessThan(0.85);
    }

    @Test
    void aRealEdgeIsCalledAnEdge() {
        ScoredRows rows = simulate(new SplittableRandom(3), 3000, 8, 0.65);
        EdgeReport r = BlockBootstrap.withSeed(1).evaluate(rows);
        assertThat(r.verdict()).isEqualTo(Edge.Verdict.EDGE);
        assertThat(r.edge().low()).isGreaterThan(0);
        assertThat(r.line()).contains("per-symbol baseline").endsWith(": edge");
    }

    @Test
    void intervalOfAnyStatisticUsesTheSameResampling() {
        ScoredRows rows = simulate(new SplittableRandom(5), 600, 8, 0.5);
        BlockBootstrap b = new BlockBootstrap(300, 0.9, 11);
        byte[] actual = rows.actual();
        byte[] predicted = rows.predicted();
        BlockBootstrap.Interval acc = b.interval(rows, sample -> {
            int c = 0;
            for (int i : sample) {
                c += actual[i] == predicted[i] ? 1 : 0;
            }
            return (double) c / sample.length;
        });
        assertThat(acc.point()).isEqualTo(BaselineFigures.of(rows).accuracy());
        assertThat(acc.low()).isLessThan(acc.point());
        assertThat(acc.high()).isGreaterThan(acc.point());
        assertThat(acc.covers(acc.point())).isTrue();
    }

    /** The edge of a resample counted row by row (the bootstrap's definition), over one symbol or all (-1). */
    private static double edgeRowByRow(ScoredRows rows, int[] sample, int only) {
        int s = rows.symbols().size();
        long[] counts = new long[s * 3];
        long n = 0;
        long correct = 0;
        long mom = 0;
        for (int i : sample) {
            int k = rows.symbolAt(i);
            if (only >= 0 && k != only) {
                continue;
            }
            byte a = rows.actualAt(i);
            counts[k * 3 + a]++;
            n++;
            correct += rows.predictedAt(i) == a ? 1 : 0;
            mom += rows.hasMomentum() && rows.momentumAt(i) == a ? 1 : 0;
        }
        if (n == 0) {
            return Double.NaN;
        }
        long major = 0;
        for (int k = 0; k < s; k++) {
            major += Math.max(counts[k * 3], Math.max(counts[k * 3 + 1], counts[k * 3 + 2]));
        }
        double base = (double) major / n;
        if (rows.hasMomentum()) {
            base = Math.max(base, (double) mom / n);
        }
        return (double) correct / n - base;
    }

    /** Doubles compared bit for bit (NaN equal to NaN). */
    private static long bits(double x) {
        return Double.doubleToLongBits(x);
    }

    @Test
    void evaluateCountsBlocksExactlyAsResamplingRowByRow() {
        // symbols of very different sizes (none, one row, fewer rows than a block, many), rows interleaved
        int[] sizes = {0, 1, 9, 37, 400, 1500};
        int[] horizons = {5, 0, 20, 3, 12, 48};
        List<Symbol> syms = new java.util.ArrayList<>();
        for (int k = 0; k < sizes.length; k++) {
            syms.add(Symbol.of("S" + k));
        }
        for (boolean withMomentum : new boolean[] {true, false}) {
            SplittableRandom rng = new SplittableRandom(withMomentum ? 17 : 18);
            List<Integer> order = new java.util.ArrayList<>();
            for (int k = 0; k < sizes.length; k++) {
                for (int t = 0; t < sizes[k]; t++) {
                    order.add(k);
                }
            }
            java.util.Collections.shuffle(order, new java.util.Random(rng.nextLong()));
            int n = order.size();
            int[] sym = new int[n];
            byte[] actual = new byte[n];
            byte[] predicted = new byte[n];
            byte[] momentum = new byte[n];
            for (int i = 0; i < n; i++) {
                sym[i] = order.get(i);
                actual[i] = (byte) rng.nextInt(3);
                predicted[i] = rng.nextDouble() < 0.55 ? actual[i] : (byte) rng.nextInt(3);
                momentum[i] = rng.nextDouble() < 0.4 ? actual[i] : (byte) rng.nextInt(3);
            }
            ScoredRows rows = ScoredRows.of(syms, sym, actual, predicted, withMomentum ? momentum : null, horizons);
            BlockBootstrap b = new BlockBootstrap(300, 0.9, 23);
            EdgeReport r = b.evaluate(rows);
            BlockBootstrap.Interval all = b.interval(rows, sample -> edgeRowByRow(rows, sample, -1));
            assertThat(bits(r.edge().point())).isEqualTo(bits(all.point()));
            assertThat(bits(r.edge().low())).isEqualTo(bits(all.low()));
            assertThat(bits(r.edge().high())).isEqualTo(bits(all.high()));
            for (int k = 0; k < sizes.length; k++) {
                int only = k;
                BlockBootstrap.Interval one = b.interval(rows, sample -> edgeRowByRow(rows, sample, only));
                Edge e = r.perSymbolEdges().get(syms.get(k));
                assertThat(bits(e.point())).as("S%d", k).isEqualTo(bits(one.point()));
                int len = BlockBootstrap.blockLength(horizons[k], sizes[k]);
                if (sizes[k] > 0 && sizes[k] / len >= BlockBootstrap.MIN_BLOCKS) {
                    assertThat(bits(e.low())).as("S%d low", k).isEqualTo(bits(one.low()));
                    assertThat(bits(e.high())).as("S%d high", k).isEqualTo(bits(one.high()));
                } else {
                    assertThat(e.low()).as("S%d low", k).isNaN();
                    assertThat(e.high()).as("S%d high", k).isNaN();
                }
                // per-symbol figures from the symbol's own rows equal those of the symbol alone
                int[] mine = rows.rowsOf(k);
                byte[] a = new byte[mine.length];
                byte[] p = new byte[mine.length];
                byte[] m = new byte[mine.length];
                for (int t = 0; t < mine.length; t++) {
                    a[t] = actual[mine[t]];
                    p[t] = predicted[mine[t]];
                    m[t] = momentum[mine[t]];
                }
                ScoredRows alone = ScoredRows.of(List.of(syms.get(k)), new int[mine.length], a, p, withMomentum ? m : null,
                        new int[] {horizons[k]});
                assertThat(r.perSymbolFigures().get(syms.get(k))).isEqualTo(BaselineFigures.of(alone));
            }
        }
    }

    @Test
    void badInputIsRefusedWithItsRange() {
        assertThatThrownBy(() -> new BlockBootstrap(10, 0.95, 1)).hasMessageContaining("bootstrap.replicates")
                .hasMessageContaining("[100, 100000]");
        assertThatThrownBy(() -> new BlockBootstrap(1000, 1.0, 1)).hasMessageContaining("bootstrap.confidence");
        assertThatThrownBy(() -> ScoredRows.of(AB, new int[] {0}, new byte[] {Label.NONE}, new byte[] {0}, null,
                new int[] {0, 0})).hasMessageContaining("row 0: actual class -1");
        assertThatThrownBy(() -> ScoredRows.of(AB, new int[] {2}, new byte[] {0}, new byte[] {0}, null,
                new int[] {0, 0})).hasMessageContaining("symbol index 2");
        assertThatThrownBy(() -> ScoredRows.of(AB, new int[] {0}, new byte[] {0}, new byte[] {0}, null,
                new int[] {0, -1})).hasMessageContaining("BBB: horizon -1");
    }

    static ScoredRows simulate(SplittableRandom rng, int perSymbol, int run, double hit) {
        return simulate(rng, perSymbol, run, hit, run);
    }

    /**
     * Two symbols whose classes come in runs of {@code run} bars: AAA with shares BUY 0.5, HOLD 0.3, SELL 0.2,
     * BBB the mirror. The model is right with probability {@code hit}, drawn once per run; momentum guesses.
     */
    static ScoredRows simulate(SplittableRandom rng, int perSymbol, int run, double hit, int horizon) {
        int n = 2 * perSymbol;
        int[] sym = new int[n];
        byte[] actual = new byte[n];
        byte[] predicted = new byte[n];
        byte[] momentum = new byte[n];
        for (int k = 0; k < 2; k++) {
            byte cls = 0;
            boolean right = false;
            int wrongShift = 1;
            for (int t = 0; t < perSymbol; t++) {
                int i = k * perSymbol + t;
                if (t % run == 0) {
                    double u = rng.nextDouble();
                    int c = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
                    cls = (byte) (k == 0 ? c : 2 - c);
                    right = rng.nextDouble() < hit;
                    wrongShift = 1 + rng.nextInt(2);
                }
                sym[i] = k;
                actual[i] = cls;
                predicted[i] = right ? cls : (byte) ((cls + wrongShift) % 3);
                momentum[i] = (byte) rng.nextInt(3);
            }
        }
        return ScoredRows.of(AB, sym, actual, predicted, momentum, new int[] {horizon, horizon});
    }
}
