package dev.ktrdr.training.features;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.fuzzy.frame.AlignedColumns;
import dev.ktrdr.training.strategy.ModelConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * Optional context features appended to a symbol's feature matrix, all computed from the base series
 * at or before each row's bar (past-only: the value for bar b uses bars {@code ≤ b} and matrix rows
 * {@code ≤ r}), in this column order:
 * <ul>
 *   <li>{@code ctx_return_{n}}: {@code close[b] / close[b−n] − 1} for each configured n;</li>
 *   <li>{@code ctx_range_position_{w}}: {@code (close − lowest low) / (highest high − lowest low)} over the
 *       last w bars, in [0, 1]; 0.5 when the range is empty;</li>
 *   <li>{@code ctx_volatility_{w}}: sample standard deviation of the last w log returns of closes, summed
 *       afresh per row around the current return (exactly 0 when the returns are equal, e.g. flat
 *       prices; a spike counts only while it is in the window; within a few units of roundoff of the
 *       exact deviation of the computed returns);</li>
 *   <li>{@code ctx_volume_ratio_{w}}: volume ÷ mean volume of the last w bars; 1 when that mean is 0
 *       (instruments without volume, e.g. spot forex);</li>
 *   <li>{@code ctx_time_of_day_sin/cos}: the bar's UTC open minute of the day on the unit circle;</li>
 *   <li>{@code ctx_day_of_week_sin/cos}: the bar's UTC day of the week on the unit circle;</li>
 *   <li>{@code {column}_lag{k}} for k = 1..lags: every original column's value k matrix rows earlier.</li>
 * </ul>
 * Rows without enough history for every configured feature are dropped (warm-up), so no NaN enters.
 *
 * @param returnPeriods periods of the returns, each ≥ 1; empty for none
 * @param rangeWindow bars in the range position, 0 for none, else ≥ 2
 * @param volatilityWindow log returns in the volatility, 0 for none, else ≥ 2
 * @param volumeWindow bars in the volume ratio, 0 for none, else ≥ 1
 * @param timeOfDay whether to add the cyclic time of day
 * @param dayOfWeek whether to add the cyclic day of week
 * @param lags number of lagged copies of the original columns, ≥ 0
 */
public record ContextFeatures(List<Integer> returnPeriods, int rangeWindow, int volatilityWindow, int volumeWindow,
                              boolean timeOfDay, boolean dayOfWeek, int lags) {
    /** No context features. */
    public static final ContextFeatures NONE = new ContextFeatures(List.of(), 0, 0, 0, false, false, 0);

    /** Validates every parameter, naming it and its range. */
    public ContextFeatures {
        returnPeriods = List.copyOf(returnPeriods);
        for (int p : returnPeriods) {
            if (p < 1 || p > 100_000) {
                throw new ConfigurationException("context.return_periods", p + " is not in [1, 100000]");
            }
        }
        check("context.range_window", rangeWindow, 2);
        check("context.volatility_window", volatilityWindow, 2);
        check("context.volume_window", volumeWindow, 1);
        if (lags < 0 || lags > 100) {
            throw new ConfigurationException("model.features.lookback_periods", lags + " is not in [0, 100]");
        }
    }

    private static void check(String name, int w, int min) {
        if (w != 0 && (w < min || w > 100_000)) {
            throw new ConfigurationException(name, w + " is not 0 (off) or in [" + min + ", 100000]");
        }
    }

    /**
     * The strategy's choice: {@code include_price_context} adds returns over 1, 5 and 20 bars, range
     * position, volatility and volume ratio over 20 bars and the cyclic time of day and day of week;
     * {@code lookback_periods} sets the lags.
     *
     * @param features the strategy's {@code model.features}
     * @return the configuration
     */
    public static ContextFeatures fromStrategy(ModelConfig.Features features) {
        if (!features.includePriceContext()) {
            return new ContextFeatures(List.of(), 0, 0, 0, false, false, features.lookbackPeriods());
        }
        return new ContextFeatures(List.of(1, 5, 20), 20, 20, 20, true, true, features.lookbackPeriods());
    }

    /** @return true when no feature is configured */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** @return the number of bars of history the configured features need before a row is usable */
    public int warmupBars() {
        int w = 0;
        for (int p : returnPeriods) {
            w = Math.max(w, p);
        }
        w = Math.max(w, rangeWindow - 1);
        w = Math.max(w, volatilityWindow);
        return Math.max(w, volumeWindow - 1);
    }

    /**
     * The names of the matrix {@link #append} returns for an input with the given names.
     *
     * @param input the input matrix's feature names
     * @return the input's names followed by the context columns, in {@link #append} order
     */
    public FeatureSpec specFor(FeatureSpec input) {
        List<String> names = new ArrayList<>(input.names());
        for (int p : returnPeriods) {
            names.add("ctx_return_" + p);
        }
        if (rangeWindow > 0) {
            names.add("ctx_range_position_" + rangeWindow);
        }
        if (volatilityWindow > 0) {
            names.add("ctx_volatility_" + volatilityWindow);
        }
        if (volumeWindow > 0) {
            names.add("ctx_volume_ratio_" + volumeWindow);
        }
        if (timeOfDay) {
            names.add("ctx_time_of_day_sin");
            names.add("ctx_time_of_day_cos");
        }
        if (dayOfWeek) {
            names.add("ctx_day_of_week_sin");
            names.add("ctx_day_of_week_cos");
        }
        int in = input.size();
        for (int k = 1; k <= lags; k++) {
            for (int c = 0; c < in; c++) {
                names.add(input.names().get(c) + "_lag" + k);
            }
        }
        return new FeatureSpec(names);
    }

    /**
     * @param matrix the symbol's features (rows: bars of {@code base})
     * @param base the symbol's base series
     * @return the matrix with the context columns appended; warm-up rows dropped
     * @throws DataException when the symbols differ or a row's time is not a bar of the base series
     */
    public FeatureMatrix append(FeatureMatrix matrix, BarSeries base) {
        if (isEmpty()) {
            return matrix;
        }
        Kept kept = kept(matrix.symbol(), matrix.rows(), matrix::time, base, Long.MIN_VALUE);
        List<String> names = specFor(matrix.spec()).names();
        int in = matrix.columns();
        int cols = names.size();
        int n = kept.times.length;
        Inputs x = new Inputs(base, volatilityWindow);
        double[] out = new double[n * cols];
        for (int i = 0; i < n; i++) {
            int r = kept.first + i;
            int o = i * cols;
            matrix.copyRow(r, out, o);
            int c = context(x, kept.times[i], kept.bars[i], out, o + in, 1);
            for (int k = 1; k <= lags; k++) {
                matrix.copyRow(r - k, out, c);
                c += in;
            }
        }
        return new FeatureMatrix(matrix.symbol(), new FeatureSpec(names), kept.times, out);
    }

    /**
     * The features {@link #append} would give, without the rows before {@code fromMillis}, held as the parts
     * they are made of (for a feature shard, which stores them column by column): the input matrix, the kept
     * rows, the context columns computed by the same code as {@link #append} (so every value is the same
     * double), and the lags as the input's own columns shifted. Nothing row-major of the output's size is built.
     *
     * @param input the symbol's features (rows: bars of {@code base}), as the fuzzy builder's aligned columns
     * @param base the symbol's base series
     * @param fromMillis rows before this time (UTC epoch ms) are dropped; {@code Long.MIN_VALUE} for none
     * @return the columns
     * @throws DataException when the symbols differ or a row's time is not a bar of the base series
     */
    public FeatureColumns columns(AlignedColumns input, BarSeries base, long fromMillis) {
        Kept kept = kept(input.symbol(), input.rows(), input::time, base, fromMillis);
        FeatureSpec spec = isEmpty() ? input.spec() : specFor(input.spec());
        int n = kept.times.length;
        int width = spec.size() - input.spec().size() * (1 + lags);
        double[] context = new double[n * width];
        if (width > 0) {
            Inputs x = new Inputs(base, volatilityWindow);
            for (int i = 0; i < n; i++) {
                context(x, kept.times[i], kept.bars[i], context, i, n);
            }
        }
        return new FeatureColumns(input, spec, kept.first, kept.times, context, lags);
    }

    /**
     * The input rows the output keeps: every row from {@code first} on (a matrix row r needs rows r − lags ≥ 0,
     * its bar's context needs {@link #warmupBars} bars before it, and rows before {@code fromMillis} are
     * dropped; all three hold from some row on, since times and bars increase with r), with each one's base
     * bar index and time.
     */
    private static final class Kept {
        final int first;
        final int[] bars;
        final long[] times;

        Kept(int first, int[] bars, long[] times) {
            this.first = first;
            this.bars = bars;
            this.times = times;
        }
    }

    private Kept kept(Symbol symbol, int n, IntToLongFunction time, BarSeries base, long fromMillis) {
        if (!symbol.equals(base.symbol())) {
            throw new DataException("context features: matrix of " + symbol + " but bars of " + base.symbol());
        }
        long[] baseTimes = isEmpty() ? new long[0] : base.openTimes();
        int warm = warmupBars();
        int[] bars = new int[Math.max(0, n - lags)];
        long[] times = new long[bars.length];
        int first = n;
        int count = 0;
        for (int r = lags; r < n; r++) {
            long t = time.applyAsLong(r);
            int b = -1;
            if (!isEmpty()) {
                b = Arrays.binarySearch(baseTimes, t);
                if (b < 0) {
                    throw new DataException(symbol + ": feature row at " + Instant.ofEpochMilli(t)
                            + " is not a bar of the base series " + base);
                }
            }
            if ((!isEmpty() && b < warm) || t < fromMillis) {
                continue;
            }
            if (count == 0) {
                first = r;
            } else if (r != first + count) {
                throw new IllegalStateException("kept rows are not consecutive at row " + r);
            }
            bars[count] = b;
            times[count++] = t;
        }
        return new Kept(first, Arrays.copyOf(bars, count), Arrays.copyOf(times, count));
    }

    /** The base series' columns the context features read, and each bar's log return once. */
    private static final class Inputs {
        final double[] close;
        final double[] high;
        final double[] low;
        final double[] volume;
        final double[] logReturn;

        Inputs(BarSeries base, int volatilityWindow) {
            close = base.closes();
            high = base.highs();
            low = base.lows();
            volume = base.volumes();
            // each bar's log return once (the same expression the window sums used per row: the same values)
            logReturn = new double[volatilityWindow > 0 ? close.length : 0];
            for (int i = 1; i < logReturn.length; i++) {
                logReturn[i] = Math.log(close[i] / close[i - 1]);
            }
        }
    }

    /**
     * Writes the context values of the row at time {@code t} (bar {@code b}) to {@code dst[at]},
     * {@code dst[at + step]}, … in column order.
     *
     * @return the position after the last one written
     */
    private int context(Inputs x, long t, int b, double[] dst, int at, int step) {
        double[] close = x.close;
        for (int p : returnPeriods) {
            dst[at] = close[b] / close[b - p] - 1;
            at += step;
        }
        if (rangeWindow > 0) {
            double hi = Double.NEGATIVE_INFINITY;
            double lo = Double.POSITIVE_INFINITY;
            for (int i = b - rangeWindow + 1; i <= b; i++) {
                hi = Math.max(hi, x.high[i]);
                lo = Math.min(lo, x.low[i]);
            }
            dst[at] = hi > lo ? Math.min(1, Math.max(0, (close[b] - lo) / (hi - lo))) : 0.5;
            at += step;
        }
        if (volatilityWindow > 0) {
            // summed afresh per row and centred on the current return: a window of equal returns
            // (flat prices included) gives exactly 0, and a spike counts only while in the window
            double[] logReturn = x.logReturn;
            double ref = logReturn[b];
            double mean = 0;
            for (int i = b - volatilityWindow + 1; i <= b; i++) {
                mean += logReturn[i] - ref;
            }
            mean /= volatilityWindow;
            double ss = 0;
            for (int i = b - volatilityWindow + 1; i <= b; i++) {
                double d = (logReturn[i] - ref) - mean;
                ss += d * d;
            }
            dst[at] = Math.sqrt(ss / (volatilityWindow - 1));
            at += step;
        }
        if (volumeWindow > 0) {
            double sum = 0;
            for (int i = b - volumeWindow + 1; i <= b; i++) {
                sum += x.volume[i];
            }
            dst[at] = sum > 0 ? x.volume[b] / (sum / volumeWindow) : 1.0;
            at += step;
        }
        if (timeOfDay) {
            double minute = Math.floorMod(t, 86_400_000L) / 60_000.0;
            dst[at] = Math.sin(2 * Math.PI * minute / 1440);
            dst[at + step] = Math.cos(2 * Math.PI * minute / 1440);
            at += 2 * step;
        }
        if (dayOfWeek) {
            // 1970-01-01 was a Thursday: day 0 = Monday after shifting by 3
            long day = Math.floorMod(Math.floorDiv(t, 86_400_000L) + 3, 7L);
            dst[at] = Math.sin(2 * Math.PI * day / 7);
            dst[at + step] = Math.cos(2 * Math.PI * day / 7);
            at += 2 * step;
        }
        return at;
    }
}
