package dev.ktrdr.api;

import dev.ktrdr.api.internal.UnsafeColumns;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Named numeric columns over the bars of one series, in a fixed order: what the {@link IndicatorEngine}
 * produces (the indicator frame, columns {@code {id}} or {@code {id}.{output}}) and what the
 * {@link FuzzyEngine} produces (the fuzzy frame, columns {@code {set}_{membership}} in [0,1]).
 * Every column has one value per bar of the source series; values before a column's
 * {@linkplain #lookback(String) lookback} are NaN.
 *
 * <p>Immutable: the constructor copies its columns in and {@link #column} copies out. Large frames
 * avoid both copies: a {@link #builder(ColumnFrame) builder} allocates columns that the new frame
 * owns, and {@link #copyColumn} reads any range into a caller's array. Safe to share between threads.
 */
public final class ColumnFrame {
    private final long[] times;
    private final Map<String, double[]> columns;
    private final Map<String, Integer> lookbacks;

    /**
     * @param times open times of the source bars, one per row
     * @param columns columns in order; each as long as times
     * @param lookbacks per column, the number of leading rows that are not valid (NaN); missing entries mean 0
     */
    public ColumnFrame(long[] times, Map<String, double[]> columns, Map<String, Integer> lookbacks) {
        this.times = times.clone();
        LinkedHashMap<String, double[]> copy = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : columns.entrySet()) {
            double[] v = Objects.requireNonNull(e.getValue(), e.getKey());
            if (v.length != times.length) {
                throw new IllegalArgumentException("column '" + e.getKey() + "' has " + v.length
                        + " values for " + times.length + " rows");
            }
            copy.put(e.getKey(), v.clone());
        }
        this.columns = Collections.unmodifiableMap(copy);
        LinkedHashMap<String, Integer> lb = new LinkedHashMap<>();
        for (String name : copy.keySet()) {
            lb.put(name, lookbacks.getOrDefault(name, 0));
        }
        this.lookbacks = Collections.unmodifiableMap(lb);
    }

    private ColumnFrame(long[] ownedTimes, LinkedHashMap<String, double[]> ownedColumns,
                        LinkedHashMap<String, Integer> ownedLookbacks) {
        this.times = ownedTimes;
        this.columns = Collections.unmodifiableMap(ownedColumns);
        this.lookbacks = Collections.unmodifiableMap(ownedLookbacks);
    }

    /**
     * A builder for a frame over the same rows (times) as {@code rows}, whose columns are allocated by the
     * builder and owned by the frame without a copy.
     *
     * @param rows a frame whose row times the new frame shares
     * @return an empty builder
     */
    public static Builder builder(ColumnFrame rows) {
        return new Builder(rows.times);
    }

    /**
     * A builder for a frame over the given row times (copied).
     *
     * @param times open times of the source bars, one per row
     * @return an empty builder
     */
    public static Builder builder(long[] times) {
        return new Builder(times.clone());
    }

    /**
     * Builds a {@link ColumnFrame} without copying its columns: {@link #add} returns a new column that
     * the caller fills and the frame owns. Contract: write a column only before {@link #build()}; after
     * it, the arrays belong to the immutable frame and must not be written or handed out. Not
     * thread-safe; one use.
     */
    public static final class Builder {
        private final long[] times;
        private final LinkedHashMap<String, double[]> columns = new LinkedHashMap<>();
        private final LinkedHashMap<String, Integer> lookbacks = new LinkedHashMap<>();
        private boolean built;

        private Builder(long[] times) {
            this.times = times;
        }

        /**
         * Adds a column of zeros, one per row, for the caller to fill before {@link #build()}.
         *
         * @param name the column name, unique in the frame
         * @param lookback the number of leading rows that are not valid, in [0, rows]
         * @return the new column, owned by the frame being built
         * @throws IllegalArgumentException when the name is taken or the lookback is out of range
         * @throws IllegalStateException after {@link #build()}
         */
        public double[] add(String name, int lookback) {
            if (built) {
                throw new IllegalStateException("the frame is already built");
            }
            Objects.requireNonNull(name, "name");
            if (columns.containsKey(name)) {
                throw new IllegalArgumentException("column '" + name + "' is added twice");
            }
            if (lookback < 0 || lookback > times.length) {
                throw new IllegalArgumentException("lookback of column '" + name + "' is " + lookback
                        + "; it must be in [0, " + times.length + "]");
            }
            double[] c = new double[times.length];
            columns.put(name, c);
            lookbacks.put(name, lookback);
            return c;
        }

        /**
         * @return the frame; the builder cannot be used afterwards
         * @throws IllegalStateException when called twice
         */
        public ColumnFrame build() {
            if (built) {
                throw new IllegalStateException("the frame is already built");
            }
            built = true;
            return new ColumnFrame(times, columns, lookbacks);
        }
    }

    /** @return the number of rows */
    public int rows() {
        return times.length;
    }

    /** @return a copy of the row times */
    public long[] times() {
        return times.clone();
    }

    /** @return the column names in order */
    public List<String> names() {
        return new ArrayList<>(columns.keySet());
    }

    /**
     * @param name a column name
     * @return true if the frame has it
     */
    public boolean has(String name) {
        return columns.containsKey(name);
    }

    /**
     * @param name a column name
     * @return a copy of the column
     * @throws ConfigurationException listing the available columns when the name is unknown
     */
    public double[] column(String name) {
        return storage(name).clone();
    }

    /**
     * Copies {@code length} values of a column, from row {@code from}, into {@code dst} at
     * {@code dstFrom}, without allocating.
     *
     * @param name a column name
     * @param from first row
     * @param dst destination
     * @param dstFrom first destination index
     * @param length number of rows
     * @throws ConfigurationException listing the available columns when the name is unknown
     * @throws IndexOutOfBoundsException when a range is outside its array
     */
    public void copyColumn(String name, int from, double[] dst, int dstFrom, int length) {
        System.arraycopy(storage(name), from, dst, dstFrom, length);
    }

    static {
        UnsafeColumns.install(new Storage());
    }

    /** The frame's storage access, for {@link UnsafeColumns} only. */
    private static final class Storage implements UnsafeColumns.Storage {
        @Override
        public double[] of(ColumnFrame frame, String name) {
            return frame.storage(name);
        }
    }

    /** The column's own array, for {@link UnsafeColumns} only. */
    double[] storage(String name) {
        double[] v = columns.get(name);
        if (v == null) {
            throw new ConfigurationException(name, "no column '" + name + "'; available: " + columns.keySet());
        }
        return v;
    }

    /**
     * @param name a column name
     * @param row a row
     * @return one value without copying the column
     */
    public double value(String name, int row) {
        return storage(name)[row];
    }

    /**
     * @param name a column name
     * @return the number of leading invalid rows of that column
     */
    public int lookback(String name) {
        Integer lb = lookbacks.get(name);
        if (lb == null) {
            throw new ConfigurationException(name, "no column '" + name + "'; available: " + columns.keySet());
        }
        return lb;
    }

    /** @return the largest lookback over all columns (the frame's warm-up), 0 when empty */
    public int maxLookback() {
        int m = 0;
        for (int v : lookbacks.values()) {
            m = Math.max(m, v);
        }
        return m;
    }
}
