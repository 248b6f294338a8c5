package dev.ktrdr.training.eval;

import dev.ktrdr.api.Label;
import java.util.Locale;

/**
 * An accuracy and the baselines it must beat, on one set of evaluated rows.
 *
 * <ul>
 *   <li>{@code baselineAccuracy}: the <b>per-symbol</b> majority baseline, the row-weighted mean of each
 *       symbol's own majority-class share on the evaluated rows, i.e. the accuracy of a model that always
 *       predicts each symbol's most frequent class. A universal model that only learned each symbol's class
 *       mix reaches it without knowing anything about the market.</li>
 *   <li>{@code pooledMajorityAccuracy}: the share of the most frequent class of all rows pooled (the old
 *       {@code baseline_accuracy}); kept for reference, it is at most the per-symbol baseline.</li>
 *   <li>{@code momentumAccuracy}: the momentum baseline's accuracy on the same rows ({@link MomentumBaseline});
 *       NaN when no momentum predictions were given.</li>
 * </ul>
 * For one symbol the per-symbol and the pooled baselines coincide. Every ratio is NaN on zero rows.
 *
 * @param rows evaluated rows
 * @param accuracy share of the model's correct predictions
 * @param baselineAccuracy per-symbol majority baseline
 * @param pooledMajorityAccuracy majority-class share of all rows pooled
 * @param momentumAccuracy momentum baseline's accuracy, NaN when absent
 */
public record BaselineFigures(long rows, double accuracy, double baselineAccuracy, double pooledMajorityAccuracy,
                              double momentumAccuracy) {
    /** Checks the row count. */
    public BaselineFigures {
        if (rows < 0) {
            throw new IllegalArgumentException("rows " + rows + " is negative");
        }
    }

    /**
     * @param rows the evaluated rows
     * @return the figures over all of them
     */
    public static BaselineFigures of(ScoredRows rows) {
        return over(rows, null);
    }

    /**
     * @param rows the evaluated rows
     * @param symbol index of a symbol in {@link ScoredRows#symbols()}
     * @return the figures over that symbol's rows (its per-symbol and pooled baselines are equal)
     */
    public static BaselineFigures ofSymbol(ScoredRows rows, int symbol) {
        java.util.Objects.checkIndex(symbol, rows.symbols().size());
        // that symbol's rows only (a scan of every row per symbol made a 1,000-symbol evaluation quadratic)
        return over(rows, rows.rowsOf(symbol));
    }

    /** Over the given rows of one symbol, or over every row ({@code only} null) with counts per symbol. */
    private static BaselineFigures over(ScoredRows r, int[] only) {
        int n = only == null ? r.rows() : only.length;
        long[] counts = new long[(only == null ? r.symbols().size() : 1) * Label.COUNT];
        long correct = 0;
        long mom = 0;
        boolean hasMomentum = r.hasMomentum();
        for (int j = 0; j < n; j++) {
            int i = only == null ? j : only[j];
            int slot = only == null ? r.symbolAt(i) : 0;
            byte a = r.actualAt(i);
            counts[slot * Label.COUNT + a]++;
            if (r.predictedAt(i) == a) {
                correct++;
            }
            if (hasMomentum && r.momentumAt(i) == a) {
                mom++;
            }
        }
        return fromCounts(n, correct, hasMomentum ? mom : -1, counts);
    }

    /**
     * From counts: the common core of {@link #of} and the bootstrap.
     *
     * @param n rows
     * @param correct rows the model got right
     * @param momentumCorrect rows the momentum baseline got right, or -1 when absent
     * @param counts per symbol and class, {@code counts[symbol * 3 + class]}
     * @return the figures
     */
    static BaselineFigures fromCounts(long n, long correct, long momentumCorrect, long[] counts) {
        if (n == 0) {
            return new BaselineFigures(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        long perSymbolMajority = 0;
        long[] pooled = new long[Label.COUNT];
        for (int k = 0; k < counts.length / Label.COUNT; k++) {
            long m = 0;
            for (int c = 0; c < Label.COUNT; c++) {
                long x = counts[k * Label.COUNT + c];
                m = Math.max(m, x);
                pooled[c] += x;
            }
            perSymbolMajority += m;
        }
        long pooledMajority = Math.max(pooled[0], Math.max(pooled[1], pooled[2]));
        return new BaselineFigures(n, (double) correct / n, (double) perSymbolMajority / n, (double) pooledMajority / n,
                momentumCorrect < 0 ? Double.NaN : (double) momentumCorrect / n);
    }

    /** @return the stronger of the per-symbol and the momentum baseline (the per-symbol one when momentum is NaN) */
    public double strongerBaseline() {
        return Double.isNaN(momentumAccuracy) ? baselineAccuracy : Math.max(baselineAccuracy, momentumAccuracy);
    }

    /** @return which baseline {@link #strongerBaseline()} is */
    public Edge.Against against() {
        return !Double.isNaN(momentumAccuracy) && momentumAccuracy > baselineAccuracy ? Edge.Against.MOMENTUM
                : Edge.Against.PER_SYMBOL_MAJORITY;
    }

    /** @return accuracy minus the stronger baseline, as a fraction (NaN on zero rows) */
    public double edge() {
        return accuracy - strongerBaseline();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "accuracy %.2f%%, per-symbol baseline %.2f%% (pooled majority %.2f%%), "
                + "momentum %.2f%% on %d rows", 100 * accuracy, 100 * baselineAccuracy, 100 * pooledMajorityAccuracy,
                100 * momentumAccuracy, rows);
    }
}
