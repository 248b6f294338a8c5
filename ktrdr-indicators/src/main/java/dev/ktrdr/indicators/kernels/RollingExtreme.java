package dev.ktrdr.indicators.kernels;

/**
 * The largest (or smallest) of the last {@code period} values and the position where it occurred, by a
 * monotonic deque: amortized O(1) per value, O(period) memory, nothing allocated after construction.
 * On ties the most recent position wins (as TA-Lib's AROON). Not thread-safe.
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

    /** @param period window length, at least 1 @return a rolling maximum */
    public static RollingExtreme max(int period) {
        return new RollingExtreme(period, true);
    }

    /** @param period window length, at least 1 @return a rolling minimum */
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
        if (n < p) {
            return out;
        }
        double[] g = new double[n];
        double[] h = new double[n];
        // blocks of p values: g = running extreme from the block start, h = running extreme to the block end
        for (int start = 0; start < n; start += p) {
            int end = Math.min(start + p, n);
            double acc = x[start];
            g[start] = acc;
            for (int i = start + 1; i < end; i++) {
                double v = x[i];
                acc = max ? (v > acc ? v : acc) : (v < acc ? v : acc);
                g[i] = acc;
            }
            acc = x[end - 1];
            h[end - 1] = acc;
            for (int i = end - 2; i >= start; i--) {
                double v = x[i];
                acc = max ? (v > acc ? v : acc) : (v < acc ? v : acc);
                h[i] = acc;
            }
        }
        for (int i = p - 1; i < n; i++) {
            double a = h[i - p + 1];
            double b = g[i];
            out[i] = max ? (a > b ? a : b) : (a < b ? a : b);
        }
        return out;
    }
}
