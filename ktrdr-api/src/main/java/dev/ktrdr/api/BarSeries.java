package dev.ktrdr.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, columnar series of bars of one symbol and one timeframe. Columns are primitive arrays;
 * the constructor takes defensive copies and the accessors that return whole columns return copies, so
 * a series can be shared freely between threads. Index {@code i} addresses the same bar in every column.
 *
 * <p>Structural invariants checked here (the single validation path for series made in code): all
 * columns have the same length; open times strictly increase; each close time is greater than its open
 * time and close times do not decrease. Market-data rules (high ≥ max(open, close), positive prices, …)
 * are checked by the readers in ktrdr-data, which choose between failing and repairing.
 *
 * <p>Time rule: bar {@code i} covers {@code [openTime(i), closeTime(i))} and may be used by a decision
 * taken at instant {@code t} only when {@code closeTime(i) <= t}.
 */
public final class BarSeries {
    private final Symbol symbol;
    private final Timeframe timeframe;
    private final long[] openTimes;
    private final long[] closeTimes;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;

    static {
        dev.ktrdr.api.internal.SeriesHandover.install(new Handover());
    }

    /** Construction on handed-over arrays, for {@link dev.ktrdr.api.internal.SeriesHandover} only. */
    private static final class Handover implements dev.ktrdr.api.internal.SeriesHandover.Factory {
        @Override
        public BarSeries adopt(Symbol symbol, Timeframe timeframe, long[] openTimes, long[] closeTimes, double[] open, double[] high,
                               double[] low, double[] close, double[] volume) {
            return new BarSeries(symbol, timeframe, openTimes, closeTimes, open, high, low, close, volume, true);
        }
    }

    /**
     * @param symbol the symbol
     * @param timeframe the bar size
     * @param openTimes open instants, UTC epoch ms, strictly increasing
     * @param closeTimes instants each bar became known, UTC epoch ms
     * @param open opens
     * @param high highs
     * @param low lows
     * @param close closes
     * @param volume volumes
     * @throws IllegalArgumentException when an invariant is broken (the message names the index)
     */
    public BarSeries(Symbol symbol, Timeframe timeframe, long[] openTimes, long[] closeTimes,
                     double[] open, double[] high, double[] low, double[] close, double[] volume) {
        this(symbol, timeframe, openTimes.clone(), closeTimes.clone(), open.clone(), high.clone(), low.clone(),
                close.clone(), volume.clone(), true);
    }

    private BarSeries(Symbol symbol, Timeframe timeframe, long[] openTimes, long[] closeTimes,
                      double[] open, double[] high, double[] low, double[] close, double[] volume, boolean check) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.timeframe = Objects.requireNonNull(timeframe, "timeframe");
        this.openTimes = openTimes;
        this.closeTimes = closeTimes;
        this.open = open;
        this.high = high;
        this.low = low;
        this.close = close;
        this.volume = volume;
        if (check) {
            int n = openTimes.length;
            if (closeTimes.length != n || open.length != n || high.length != n || low.length != n
                    || close.length != n || volume.length != n) {
                throw new IllegalArgumentException(symbol + " " + timeframe + ": columns differ in length");
            }
            for (int i = 0; i < n; i++) {
                if (closeTimes[i] <= openTimes[i]) {
                    throw new IllegalArgumentException(symbol + " " + timeframe + ": bar " + i
                            + " closes at or before it opens (" + Instant.ofEpochMilli(openTimes[i]) + ")");
                }
                if (i > 0 && openTimes[i] <= openTimes[i - 1]) {
                    throw new IllegalArgumentException(symbol + " " + timeframe + ": open times not strictly increasing at bar "
                            + i + " (" + Instant.ofEpochMilli(openTimes[i]) + ")");
                }
                if (i > 0 && closeTimes[i] < closeTimes[i - 1]) {
                    throw new IllegalArgumentException(symbol + " " + timeframe + ": close times decrease at bar " + i);
                }
            }
        }
    }

    /**
     * A series whose close times are open time plus the timeframe's duration.
     *
     * @param symbol the symbol
     * @param timeframe the bar size
     * @param openTimes open instants, strictly increasing
     * @param open opens
     * @param high highs
     * @param low lows
     * @param close closes
     * @param volume volumes
     * @return the series
     */
    public static BarSeries ofOpenTimes(Symbol symbol, Timeframe timeframe, long[] openTimes,
                                        double[] open, double[] high, double[] low, double[] close, double[] volume) {
        long[] closeTimes = new long[openTimes.length];
        for (int i = 0; i < openTimes.length; i++) {
            closeTimes[i] = openTimes[i] + timeframe.millis();
        }
        return new BarSeries(symbol, timeframe, openTimes.clone(), closeTimes, open.clone(), high.clone(),
                low.clone(), close.clone(), volume.clone(), true);
    }

    /** @return the symbol */
    public Symbol symbol() {
        return symbol;
    }

    /** @return the bar size */
    public Timeframe timeframe() {
        return timeframe;
    }

    /** @return the number of bars */
    public int size() {
        return openTimes.length;
    }

    /** @return true when the series has no bars */
    public boolean isEmpty() {
        return openTimes.length == 0;
    }

    /**
     * @param i bar index
     * @return open instant of bar i, UTC epoch ms
     */
    public long openTime(int i) {
        return openTimes[i];
    }

    /**
     * @param i bar index
     * @return instant bar i became known, UTC epoch ms
     */
    public long closeTime(int i) {
        return closeTimes[i];
    }

    /**
     * @param i bar index
     * @return open price of bar i
     */
    public double open(int i) {
        return open[i];
    }

    /**
     * @param i bar index
     * @return high of bar i
     */
    public double high(int i) {
        return high[i];
    }

    /**
     * @param i bar index
     * @return low of bar i
     */
    public double low(int i) {
        return low[i];
    }

    /**
     * @param i bar index
     * @return close of bar i
     */
    public double close(int i) {
        return close[i];
    }

    /**
     * @param i bar index
     * @return volume of bar i
     */
    public double volume(int i) {
        return volume[i];
    }

    /**
     * @param i bar index
     * @return bar i as a value
     */
    public Bar bar(int i) {
        return new Bar(openTimes[i], closeTimes[i], open[i], high[i], low[i], close[i], volume[i]);
    }

    /** @return a copy of the open times */
    public long[] openTimes() {
        return openTimes.clone();
    }

    /** @return a copy of the close (known-at) times */
    public long[] closeTimes() {
        return closeTimes.clone();
    }

    /** @return a copy of the opens */
    public double[] opens() {
        return open.clone();
    }

    /** @return a copy of the highs */
    public double[] highs() {
        return high.clone();
    }

    /** @return a copy of the lows */
    public double[] lows() {
        return low.clone();
    }

    /** @return a copy of the closes */
    public double[] closes() {
        return close.clone();
    }

    /** @return a copy of the volumes */
    public double[] volumes() {
        return volume.clone();
    }

    /**
     * @param from first index, inclusive
     * @param to last index, exclusive
     * @return the bars {@code [from, to)} as a new series
     */
    public BarSeries slice(int from, int to) {
        Objects.checkFromToIndex(from, to, size());
        return new BarSeries(symbol, timeframe, Arrays.copyOfRange(openTimes, from, to),
                Arrays.copyOfRange(closeTimes, from, to), Arrays.copyOfRange(open, from, to),
                Arrays.copyOfRange(high, from, to), Arrays.copyOfRange(low, from, to),
                Arrays.copyOfRange(close, from, to), Arrays.copyOfRange(volume, from, to), false);
    }

    /**
     * The bars known at instant {@code t}: every bar whose close time is ≤ t. This is the prefix a
     * decision taken at t may see.
     *
     * @param epochMillis the decision instant
     * @return the known prefix
     */
    public BarSeries knownAt(long epochMillis) {
        int n = 0;
        while (n < closeTimes.length && closeTimes[n] <= epochMillis) {
            n++;
        }
        return slice(0, n);
    }

    /**
     * @param newSymbol the symbol to stamp on the copy
     * @return the same bars under another symbol
     */
    public BarSeries withSymbol(Symbol newSymbol) {
        return new BarSeries(newSymbol, timeframe, openTimes, closeTimes, open, high, low, close, volume, false);
    }

    @Override
    public String toString() {
        return "BarSeries[" + symbol + " " + timeframe + ", " + size() + " bars"
                + (size() == 0 ? "" : ", " + Instant.ofEpochMilli(openTimes[0]) + " .. "
                + Instant.ofEpochMilli(openTimes[size() - 1])) + "]";
    }
}
