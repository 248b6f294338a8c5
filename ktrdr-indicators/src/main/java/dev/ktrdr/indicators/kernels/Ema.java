package dev.ktrdr.indicators.kernels;

/**
 * Exponential moving average seeded as TA-Lib seeds it: the first value is the simple mean of the first
 * {@code period} inputs, then {@code ema = (x - ema) * k + ema}. With {@code k = 2/(period+1)} this is
 * TA-Lib's EMA; with {@code k = 1/period} it is Wilder's smoothing. O(1) per value; NaN until
 * {@code period} values were added. Not thread-safe.
 *
 * <p>Exactness: each step rounds a few times relative to the current value, and the recursion damps
 * earlier errors by {@code 1 - k} per step, so the result stays within a few units of roundoff of the
 * exact recursion at any length. A recursion has infinite memory by definition: a spike (1e300) decays
 * geometrically and is the exact value, not drift. Once the average equals the value, a flat input keeps
 * it exactly ({@code (x - x) * k + x == x}); a seed over a flat window is the value within one rounding of
 * the seed's sum. A NaN input makes every later value NaN.
 */
public final class Ema {
    private final int period;
    private final double k;
    private int count;
    private double sum;
    private double value = Double.NaN;

    /**
     * @param period seed length, at least 1
     * @param k smoothing factor in (0, 1]
     */
    public Ema(int period, double k) {
        if (period < 1) {
            throw new IllegalArgumentException("period " + period + " < 1");
        }
        this.period = period;
        this.k = k;
    }

    /**
     * @param period the period
     * @return an EMA with k = 2/(period+1)
     */
    public static Ema standard(int period) {
        return new Ema(period, 2.0 / (period + 1));
    }

    /**
     * @param x next value
     * @return the average after it, NaN during the seed
     */
    public double add(double x) {
        if (count < period) {
            sum += x;
            count++;
            if (count == period) {
                value = sum / period;
            }
            return value;
        }
        value = (x - value) * k + value;
        return value;
    }

    /** @return the current average, NaN during the seed */
    public double value() {
        return value;
    }

    /** @return true once seeded */
    public boolean ready() {
        return count >= period;
    }
}
