package dev.ktrdr.indicators;

import dev.ktrdr.api.BarSeries;
import java.util.Arrays;
import java.util.Objects;

/**
 * The price columns an indicator reads, as primitive arrays of equal length. The arrays are used as
 * given (no copy): callers must not modify them while an indicator computes.
 *
 * <p>A view, not a value holder: the accessors return the arrays given (the caller's, not copies), so that
 * an indicator over a million bars copies nothing. Two views are equal when their columns hold the same values.
 *
 * @param open opens
 * @param high highs
 * @param low lows
 * @param close closes
 * @param volume volumes
 */
public record Ohlcv(double[] open, double[] high, double[] low, double[] close, double[] volume) {
    /** Checks the lengths. */
    public Ohlcv {
        Objects.requireNonNull(open, "open");
        Objects.requireNonNull(high, "high");
        Objects.requireNonNull(low, "low");
        Objects.requireNonNull(close, "close");
        Objects.requireNonNull(volume, "volume");
        int n = close.length;
        if (open.length != n || high.length != n || low.length != n || volume.length != n) {
            throw new IllegalArgumentException("OHLCV columns differ in length");
        }
    }

    /**
     * @param series bars
     * @return the series' columns (copies)
     */
    public static Ohlcv of(BarSeries series) {
        return new Ohlcv(series.opens(), series.highs(), series.lows(), series.closes(), series.volumes());
    }

    /** @return the number of bars */
    public int size() {
        return close.length;
    }

    /**
     * @param from first bar, inclusive
     * @param to last bar, exclusive
     * @return a copy of the bars [from, to)
     */
    public Ohlcv slice(int from, int to) {
        return new Ohlcv(java.util.Arrays.copyOfRange(open, from, to), java.util.Arrays.copyOfRange(high, from, to),
                java.util.Arrays.copyOfRange(low, from, to), java.util.Arrays.copyOfRange(close, from, to),
                java.util.Arrays.copyOfRange(volume, from, to));
    }

    /** Equal when every component is, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Ohlcv other && Arrays.equals(open, other.open) && Arrays.equals(high, other.high)
                && Arrays.equals(low, other.low) && Arrays.equals(close, other.close)
                && Arrays.equals(volume, other.volume);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(open), Arrays.hashCode(high), Arrays.hashCode(low),
                Arrays.hashCode(close), Arrays.hashCode(volume));
    }

    /** Arrays are shown by type and length. */
    @Override
    public String toString() {
        return "Ohlcv[open=double[" + open.length + "]"
                + ", high=double[" + high.length + "]"
                + ", low=double[" + low.length + "]"
                + ", close=double[" + close.length + "]"
                + ", volume=double[" + volume.length + "]" + "]";
    }
}
