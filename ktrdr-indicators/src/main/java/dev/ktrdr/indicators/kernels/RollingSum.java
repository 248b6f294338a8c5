package dev.ktrdr.indicators.kernels;

/**
 * The sum (and mean) of the last {@code period} values, kept as a running total that is re-summed from
 * the window whenever it could have drifted. O(1) amortised per value, nothing allocated after
 * construction. Not thread-safe.
 *
 * <p>Exactness. Beside the running total the kernel keeps the window's mass {@code M = Σ|x|} and a
 * first-order bound on the rounding error the running total has accumulated since it was last summed
 * afresh (each add or subtract contributes at most one unit roundoff of the magnitudes involved). When
 * that bound exceeds {@link #TOLERANCE} × M the total is re-summed from the ring buffer (compensated
 * summation, oldest value first) and the bound restarts at 0. Hence at every bar
 * {@code |sum - exact| <= ~1e-12 * Σ|x|} of the window, whatever came before: after a spike (1e15, 1e300)
 * leaves the window the bound exceeds the tolerance at once and the very bar it leaves is re-summed,
 * so nothing of the spike survives. On steady data a re-sum happens every few hundred values (cost
 * {@code period} additions), i.e. O(1) amortised; only a series whose magnitude falls by more than
 * about 1000x within one window re-sums more often. The schedule depends only on the values added, so
 * two instances fed the same values agree bit for bit (batch and streaming use this same class).
 *
 * <p>Degenerate windows. A flat window (the last {@code period} values all equal, detected exactly by
 * the run length of equal consecutive values) has {@link #mean()} equal to that value and
 * {@link #sum()} equal to {@code period × value} rounded once; a window of zeros sums to exactly 0.
 * Warm-up: {@link #sum()} is the sum of the values so far, {@link #mean()} is NaN until the window is
 * full. A NaN or infinite value makes the sum NaN or infinite while it is in the window only (the first
 * bar after it has left is re-summed), and so does a window whose exact sum overflows.
 */
public final class RollingSum {
    /** The rounding-error bound, relative to the window's mass, beyond which the total is re-summed. */
    public static final double TOLERANCE = 1e-12;
    private static final double U = 0x1p-53;
    private final double[] ring;
    private final int period;
    private int count;
    private int pos;
    private double sum;
    private double mass;
    private double err;
    private int run;
    private double last = Double.NaN;

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
        double before = mass;
        if (count >= period) {
            double old = ring[pos];
            sum -= old;
            mass -= Math.abs(old);
        } else {
            count++;
        }
        ring[pos] = x;
        sum += x;
        mass += Math.abs(x);
        // two roundings of the total, two of the mass, each at most U times the larger magnitude
        err += 2 * U * (before + mass);
        run = x == last ? (run < period ? run + 1 : run) : 1;
        last = x;
        pos = pos + 1 == period ? 0 : pos + 1;
        if (!(err <= TOLERANCE * mass)) {
            resum();
        }
    }

    /** Sums the window afresh (Neumaier-compensated, oldest first) and restarts the error bound. */
    private void resum() {
        int start = count < period ? 0 : pos;
        double s = 0;
        double c = 0;
        double m = 0;
        for (int k = 0, i = start; k < count; k++) {
            double v = ring[i];
            double t = s + v;
            c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
            m += Math.abs(v);
            i = i + 1 == period ? 0 : i + 1;
        }
        sum = s + c;
        mass = m;
        err = 0;
    }

    /** @return the sum of the values in the window ({@code period × value} in a flat full window) */
    public double sum() {
        return run >= period ? period * last : sum;
    }

    /** @return the window mean (the value itself in a flat window), NaN until the window is full */
    public double mean() {
        if (count < period) {
            return Double.NaN;
        }
        return run >= period ? last : sum / period;
    }

    /** @return true when the last {@code period} values are all equal (exact comparison) */
    public boolean flat() {
        return run >= period;
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
