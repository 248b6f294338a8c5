package dev.ktrdr.api;

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
 * <p>Immutable: columns are copied in and out. Safe to share between threads.
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

    /** @param name a column name @return true if the frame has it */
    public boolean has(String name) {
        return columns.containsKey(name);
    }

    /**
     * @param name a column name
     * @return a copy of the column
     * @throws ConfigurationException listing the available columns when the name is unknown
     */
    public double[] column(String name) {
        double[] v = columns.get(name);
        if (v == null) {
            throw new ConfigurationException(name, "no column '" + name + "'; available: " + columns.keySet());
        }
        return v.clone();
    }

    /** @param name a column name @param row a row @return one value without copying the column */
    public double value(String name, int row) {
        double[] v = columns.get(name);
        if (v == null) {
            throw new ConfigurationException(name, "no column '" + name + "'; available: " + columns.keySet());
        }
        return v[row];
    }

    /** @param name a column name @return the number of leading invalid rows of that column */
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
