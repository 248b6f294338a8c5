package dev.ktrdr.indicators.kernels;

/**
 * Mean and population variance of the last {@code period} values from anchored, self-checking running
 * sums. O(1) amortised per value, nothing allocated after construction. Not thread-safe.
 *
 * <p>Method. The sums are kept of {@code d = x - a}, where the anchor {@code a} is the window's mean at
 * the last re-anchoring: {@code S1 = Σd}, {@code S2 = Σd²}, mass {@code M1 = Σ|d|}; then
 * {@code mean = a + S1/n} and {@code variance = S2/n - (S1/n)²}. Centring removes the cancellation of the
 * textbook {@code Σx²/n - mean²} (which at a price of 50,000 loses seven digits). As in
 * {@link RollingSum}, a first-order bound on the rounding error accumulated since the last re-anchoring
 * is kept for S1 (against M1) and S2 (against S2, whose terms are all positive); the window is
 * re-anchored (mean summed afresh with compensation, then S1, S2, M1 recomputed) when either bound
 * exceeds {@link #TOLERANCE} of its mass, or when the anchor lies more than 8 standard deviations from
 * the mean. Together these keep the variance within about 2e-11 of the exact population variance of
 * the window (relative), and the mean within about 1e-13 of the window's mean absolute deviation from
 * the anchor, at any price level; after an extreme value leaves the window the bar it leaves is
 * re-anchored, so nothing of it survives. The schedule depends only on the values added: two instances
 * fed the same values agree bit for bit.
 *
 * <p>Degenerate windows. A flat window (the last {@code period} values all equal, detected exactly by the
 * run length of equal consecutive values) has mean exactly that value and variance exactly 0. Warm-up:
 * NaN until {@code period} values were added. Overflow: when a value in the window makes
 * {@code Σ(x - mean)²} exceed {@link Double#MAX_VALUE} (e.g. a 1e300 spike among prices) the variance is
 * {@code +∞} while that value is in the window; a NaN makes mean and variance NaN while it is in the
 * window. Both recover exactly on the first bar after it has left.
 */
public final class RollingMoments {
    /** The rounding-error bound, relative to the mass of a sum, beyond which the window is re-anchored. */
    public static final double TOLERANCE = 1e-13;
    /** Re-anchor when the anchor is farther than this many standard deviations from the mean. */
    private static final double DRIFT = 64.0;
    private static final double U = 0x1p-53;
    private final double[] ring;
    private final int period;
    private int count;
    private int pos;
    private double anchor;
    private double s1;
    private double s2;
    private double m1;
    private double e1;
    private double e2;
    private int run;
    private double last = Double.NaN;
    private double mean = Double.NaN;
    private double variance = Double.NaN;
    private long reanchors;

    /** @param period window length, at least 1 */
    public RollingMoments(int period) {
        if (period < 1) {
            throw new IllegalArgumentException("period " + period + " < 1");
        }
        this.period = period;
        this.ring = new double[period];
    }

    /**
     * Adds a value; once full, the oldest leaves, and mean and variance are updated.
     *
     * @param x the value
     * @return true once the window is full (mean and variance defined)
     */
    public boolean add(double x) {
        double m1Before = m1;
        double s2Before = s2;
        if (count >= period) {
            double d0 = ring[pos] - anchor;
            s1 -= d0;
            s2 -= d0 * d0;
            m1 -= Math.abs(d0);
        } else {
            if (count == 0) {
                anchor = Double.isFinite(x) ? x : 0.0;
            }
            count++;
        }
        ring[pos] = x;
        double d = x - anchor;
        s1 += d;
        s2 += d * d;
        m1 += Math.abs(d);
        e1 += 2 * U * (m1Before + m1);
        e2 += 3 * U * (s2Before + s2);
        run = x == last ? (run < period ? run + 1 : run) : 1;
        last = x;
        pos = pos + 1 == period ? 0 : pos + 1;
        boolean flat = run >= period;
        if (!(e1 <= TOLERANCE * m1) || !(e2 <= TOLERANCE * s2)) {
            reanchor();
        }
        if (count < period) {
            return false;
        }
        if (flat) {
            mean = x;
            variance = 0.0;
            return true;
        }
        double mo = s1 / period;
        double var = s2 / period - mo * mo;
        if (!(mo * mo <= DRIFT * var)) {
            reanchor();
            mo = s1 / period;
            var = s2 / period - mo * mo;
        }
        mean = anchor + mo;
        variance = var > 0.0 ? var : var == var ? 0.0 : var;
        return true;
    }

    /** Re-centres the sums on the window's mean (compensated sum, oldest value first). */
    private void reanchor() {
        reanchors++;
        int start = count < period ? 0 : pos;
        double s = 0;
        double c = 0;
        for (int k = 0, i = start; k < count; k++) {
            double v = ring[i];
            double t = s + v;
            c += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
            i = i + 1 == period ? 0 : i + 1;
        }
        double a = (s + c) / count;
        // a window holding NaN or an infinity keeps a finite anchor, so it recovers once that value leaves
        anchor = Double.isFinite(a) ? a : Double.isFinite(last) ? last : anchor;
        double t1 = 0;
        double c1 = 0;
        double t2 = 0;
        double tm = 0;
        for (int k = 0, i = start; k < count; k++) {
            double d = ring[i] - anchor;
            double t = t1 + d;
            c1 += Math.abs(t1) >= Math.abs(d) ? (t1 - t) + d : (d - t) + t1;
            t1 = t;
            t2 += d * d;
            tm += Math.abs(d);
            i = i + 1 == period ? 0 : i + 1;
        }
        s1 = t1 + c1;
        s2 = t2;
        m1 = tm;
        e1 = 0;
        e2 = 0;
    }

    /** @return the window mean (exactly the value in a flat window), NaN during warm-up */
    public double mean() {
        return mean;
    }

    /** @return the population variance (exactly 0 in a flat window), NaN during warm-up */
    public double variance() {
        return variance;
    }

    /** @return the population standard deviation, NaN during warm-up */
    public double deviation() {
        return Math.sqrt(variance);
    }

    /** @return true when the last {@code period} values are all equal (exact comparison) */
    public boolean flat() {
        return run >= period;
    }

    /** @return the number of re-anchorings so far (for tests and measurements of the amortised cost) */
    public long reanchors() {
        return reanchors;
    }

    /** @return the window length */
    public int period() {
        return period;
    }
}
