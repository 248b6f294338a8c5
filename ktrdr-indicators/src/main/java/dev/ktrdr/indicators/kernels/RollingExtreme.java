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
}
