package dev.ktrdr.training.eval;

import java.util.Locale;

/**
 * An accuracy's edge over the stronger of its baselines (the per-symbol majority baseline and the momentum
 * baseline, see {@link BaselineFigures}), with a bootstrap confidence interval and a verdict. All values are
 * fractions (0.012 = 1.2 points).
 *
 * <p>Verdict: {@link Verdict#EDGE} when the interval lies above 0, {@link Verdict#BELOW_BASELINE} when it lies
 * below 0, {@link Verdict#NO_EDGE} when it covers 0, {@link Verdict#UNDETERMINED} when the interval could not
 * be computed (no rows, or fewer than {@link BlockBootstrap#MIN_BLOCKS} blocks to resample: then the bounds
 * are NaN).
 *
 * @param point accuracy minus the stronger baseline on the evaluated rows
 * @param low lower bound of the interval, NaN when undetermined
 * @param high upper bound of the interval, NaN when undetermined
 * @param confidence the interval's nominal coverage, e.g. 0.95
 * @param against which baseline was the stronger on the evaluated rows
 * @param verdict what the interval says
 */
public record Edge(double point, double low, double high, double confidence, Against against, Verdict verdict) {
    /** Which baseline the edge is measured against. */
    public enum Against {
        /** The row-weighted mean of each symbol's own majority-class share. */
        PER_SYMBOL_MAJORITY("per-symbol baseline"),
        /** The momentum baseline. */
        MOMENTUM("momentum baseline");

        private final String label;

        Against(String label) {
            this.label = label;
        }

        /** @return the text shown to people, e.g. {@code per-symbol baseline} */
        public String label() {
            return label;
        }
    }

    /** What an edge's interval says. */
    public enum Verdict {
        /** The interval lies above 0. */
        EDGE("edge"),
        /** The interval covers 0: the accuracy is not distinguishable from the stronger baseline. */
        NO_EDGE("no edge"),
        /** The interval lies below 0: the accuracy is worse than the stronger baseline. */
        BELOW_BASELINE("below baseline"),
        /** No interval: too few rows or blocks. */
        UNDETERMINED("undetermined");

        private final String label;

        Verdict(String label) {
            this.label = label;
        }

        /** @return the text shown to people and written to JSON, e.g. {@code no edge} */
        public String label() {
            return label;
        }

        /**
         * @param low lower bound (NaN when none)
         * @param high upper bound (NaN when none)
         * @return the verdict of that interval
         */
        public static Verdict of(double low, double high) {
            if (Double.isNaN(low) || Double.isNaN(high)) {
                return UNDETERMINED;
            }
            return low > 0 ? EDGE : high < 0 ? BELOW_BASELINE : NO_EDGE;
        }
    }

    /** Checks the values. */
    public Edge {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence " + confidence + " is not in (0, 1)");
        }
        java.util.Objects.requireNonNull(against, "against");
        java.util.Objects.requireNonNull(verdict, "verdict");
        if (!Double.isNaN(low) && !(low <= high)) {
            throw new IllegalArgumentException("interval [" + low + ", " + high + "] is out of order");
        }
    }

    /**
     * One line for people, e.g. {@code edge +1.20 pts [-0.40, +2.80] (95%) over per-symbol baseline: no edge}.
     *
     * @return the line
     */
    public String line() {
        if (Double.isNaN(low)) {
            return String.format(Locale.ROOT, "edge %+.2f pts (no interval) over %s: %s", 100 * point, against.label(),
                    verdict.label());
        }
        return String.format(Locale.ROOT, "edge %+.2f pts [%+.2f, %+.2f] (%.0f%%) over %s: %s", 100 * point, 100 * low,
                100 * high, 100 * confidence, against.label(), verdict.label());
    }

    @Override
    public String toString() {
        return line();
    }
}
