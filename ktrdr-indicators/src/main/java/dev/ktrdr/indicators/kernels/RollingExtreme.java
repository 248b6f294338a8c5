package dev.ktrdr.indicators.kernels;

/**
 * The largest (or smallest) of the last {@code period} values and the position where it occurred, by a
 * monotonic deque: amortized O(1) per value, O(period) memory, nothing allocated after construction.
 * On ties the most recent position wins (as TA-Lib's AROON). Not thread-safe.
 *
 * <p>Exact: only comparisons, no arithmetic, so the value is always one of the window's inputs and a
 * spike is gone the bar it leaves the window. A flat window's extreme is its value; during warm-up
 * {@link #value()} is the extreme of the values so far.
 */
public final class RollingExtreme {
    private final int period;
    private final boolean max;
    private final double[] vals;
    private final long[] idx;
    private int head;
    private int size;
    private long n;

    private RollingExtreme(int period, boolean max) {
        if (period < 1) {
            throw new IllegalArgumentException("period " + period + " < 1");
        }
        this.period = period;
        this.max = max;
        this.vals = new double[period];
        this.idx = new long[period];
    }

    /**
     * @param period window length, at least 1
     * @return a rolling maximum
     */
    public static RollingExtreme max(int period) {
        return new RollingExtreme(period, true);
    }

    /**
     * @param period window length, at least 1
     * @return a rolling minimum
     */
    public static RollingExtreme min(int period) {
        return new RollingExtreme(period, false);
    }

    /** @param x the next value (finite) */
    public void add(double x) {
        long i = n++;
        // drop the oldest if it left the window
        if (size > 0 && idx[head] <= i - period) {
            head = head + 1 == period ? 0 : head + 1;
            size--;
        }
        // pop dominated values from the back: ties go to the newer value
        while (size > 0) {
            int back = head + size - 1;
            if (back >= period) {
                back -= period;
            }
            if (max ? vals[back] <= x : vals[back] >= x) {
                size--;
            } else {
                break;
            }
        }
        int at = head + size;
        if (at >= period) {
            at -= period;
        }
        vals[at] = x;
        idx[at] = i;
        size++;
    }

    /** @return the extreme of the window (of the values so far while fewer than period), NaN before any */
    public double value() {
        return size == 0 ? Double.NaN : vals[head];
    }

    /** @return how many values ago the extreme occurred (0 = the latest), -1 before any */
    public int age() {
        return size == 0 ? -1 : (int) (n - 1 - idx[head]);
    }

    /** @return the number of values added so far */
    public long count() {
        return n;
    }

    /** @return true once period values were added */
    public boolean full() {
        return n >= period;
    }

    /**
     * Batch rolling maximum by the van Herk/Gil-Werman block method: three passes, O(n) whatever the
     * period, and value i depends on x[0..i] only.
     *
     * @param x values (finite)
     * @param period window length, at least 1
     * @return out[i] = max(x[i-period+1..i]) for i &gt;= period-1; NaN before
     */
    public static double[] maxOf(double[] x, int period) {
        return extremeOf(x, period, true);
    }

    /**
     * Batch rolling minimum, as {@link #maxOf}.
     *
     * @param x values (finite)
     * @param period window length, at least 1
     * @return out[i] = min(x[i-period+1..i]) for i &gt;= period-1; NaN before
     */
    public static double[] minOf(double[] x, int period) {
        return extremeOf(x, period, false);
    }

    private static double[] extremeOf(double[] x, int p, boolean max) {
        int n = x.length;
        double[] out = new double[n];
        java.util.Arrays.fill(out, 0, Math.min(n, p - 1), Double.NaN);
        double[] suf = new double[p];
        // van Herk/Gil-Werman, one block at a time: suffix extremes of block [s, s+p) combined with the
        // running prefix extreme of the next block give every window that starts in this block
        for (int s = 0; s < n; s += p) {
            int end = Math.min(s + p, n);
            double acc = x[end - 1];
            suf[end - 1 - s] = acc;
            for (int i = end - 2; i >= s; i--) {
                double v = x[i];
                acc = max ? (v > acc ? v : acc) : (v < acc ? v : acc);
                suf[i - s] = acc;
            }
            if (end - s == p) {
                out[s + p - 1] = suf[0];
            }
            int stop = Math.min(s + 2 * p - 1, n);
            double pre = 0;
            for (int i = s + p; i < stop; i++) {
                double v = x[i];
                pre = i == s + p ? v : max ? (v > pre ? v : pre) : (v < pre ? v : pre);
                double a = suf[i - p + 1 - s];
                out[i] = max ? (a > pre ? a : pre) : (a < pre ? a : pre);
            }
        }
        return out;
    }

    /**
     * Batch form of {@link #age()}: for each bar, how many bars ago the extreme of the last
     * {@code period} values occurred, ties going to the most recent bar (TA-Lib AROON). O(n), blockwise
     * like {@link #maxOf}; value i depends on x[0..i] only.
     *
     * @param x values (finite)
     * @param period window length, at least 1
     * @param max true for the maximum, false for the minimum
     * @return ages, -1 before index period-1
     */
    public static int[] agesOf(double[] x, int period, boolean max) {
        int p = period;
        int n = x.length;
        int[] out = new int[n];
        java.util.Arrays.fill(out, 0, Math.min(n, p - 1), -1);
        int[] suf = new int[p];
        for (int s = 0; s < n; s += p) {
            int end = Math.min(s + p, n);
            int acc = end - 1;
            suf[end - 1 - s] = acc;
            for (int i = end - 2; i >= s; i--) {
                // strictly better only: on ties the later index stays
                if (max ? x[i] > x[acc] : x[i] < x[acc]) {
                    acc = i;
                }
                suf[i - s] = acc;
            }
            if (end - s == p) {
                out[s + p - 1] = s + p - 1 - suf[0];
            }
            int stop = Math.min(s + 2 * p - 1, n);
            int pre = 0;
            for (int i = s + p; i < stop; i++) {
                if (i == s + p || (max ? x[i] >= x[pre] : x[i] <= x[pre])) {
                    pre = i;
                }
                int a = suf[i - p + 1 - s];
                // the later part wins ties
                int best = (max ? x[pre] >= x[a] : x[pre] <= x[a]) ? pre : a;
                out[i] = i - best;
            }
        }
        return out;
    }
}
