package dev.ktrdr.indicators.kernels;

/**
 * The sum of the last {@code period} values, kept as a running total (add the new value, subtract the
 * one that leaves) in the same order as TA-Lib's SMA. O(1) per value, nothing allocated after
 * construction. A NaN input makes every later sum NaN (running sums do not recover): feed finite
 * values. Not thread-safe.
 */
public final class RollingSum {
    private final double[] ring;
    private final int period;
    private int count;
    private int pos;
    private double sum;

    /** @param period window length, at least 1 */
    public RollingSum(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period " + period + " < 1");
        }
        this.period = period;
        this.ring = new double[period];
    }

    /**
     * Adds a value; once full, the oldest leaves.
     *
     * @param x the value
     */
    public void add(double x) {
        if (count >= period) {
            sum -= ring[pos];
        } else {
            count++;
        }
        ring[pos] = x;
        sum += x;
        pos = pos + 1 == period ? 0 : pos + 1;
    }

    /** @return the sum of the values in the window */
    public double sum() {
        return sum;
    }

    /** @return the window mean, NaN until the window is full */
    public double mean() {
        return count >= period ? sum / period : Double.NaN;
    }

    /** @return true when {@code period} values have been added */
    public boolean full() {
        return count >= period;
    }

    /** @return the window length */
    public int period() {
        return period;
    }

    /**
     * @param back 0 for the latest value, 1 for the one before, ... (less than the values held)
     * @return that value
     */
    public double get(int back) {
        int i = pos - 1 - back;
        return ring[i < 0 ? i + period : i];
    }
}
