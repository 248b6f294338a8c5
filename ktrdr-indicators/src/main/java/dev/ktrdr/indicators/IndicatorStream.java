package dev.ktrdr.indicators;

/**
 * The streaming form of a configured {@link Indicator}: feed one completed bar, read the values known
 * at its close. Implementations allocate nothing per bar and keep O(period) state. Before an output's
 * {@linkplain Indicator#lookback(int) lookback} has passed, {@link #value(int)} returns NaN.
 *
 * <p>Not thread-safe: one stream per live series.
 */
public interface IndicatorStream {

    /**
     * Feeds the next completed bar.
     *
     * @param open open price
     * @param high high price
     * @param low low price
     * @param close close price
     * @param volume volume (0 where the instrument has none)
     */
    void update(double open, double high, double low, double close, double volume);

    /**
     * @param output output index, in the order of {@link Indicator#outputs()}
     * @return the value of that output at the last fed bar, NaN during warm-up or before any bar
     */
    double value(int output);

    /** @return the first output's value at the last fed bar */
    default double value() {
        return value(0);
    }
}
