package dev.ktrdr.api;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The features of one symbol: one row per base bar kept after warm-up (stamped with the base bar's open
 * time), one column per name of the {@link FeatureSpec}. Values are stored row-major in a primitive
 * array; the matrix is immutable (defensive copies at the edges) and safe to share between threads.
 *
 * <p>Invariant: no value is NaN or infinite (rule 4 of the look-ahead rules: a NaN never enters a
 * feature matrix). Construction fails, naming the row time and the column, when one would.
 */
public final class FeatureMatrix {
    private final Symbol symbol;
    private final FeatureSpec spec;
    private final long[] times;
    private final double[] values;

    /**
     * @param symbol the symbol the rows belong to
     * @param spec the column names
     * @param times base bar open times, strictly increasing, one per row
     * @param values row-major values, {@code times.length * spec.size()} of them, all finite
     */
    public FeatureMatrix(Symbol symbol, FeatureSpec spec, long[] times, double[] values) {
        this(symbol, spec, times.clone(), values.clone(), true);
    }

    private FeatureMatrix(Symbol symbol, FeatureSpec spec, long[] times, double[] values, boolean check) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.times = times;
        this.values = values;
        if (check) {
            int cols = spec.size();
            if ((long) times.length * cols != values.length) {
                throw new IllegalArgumentException(symbol + ": " + times.length + " rows x " + cols
                        + " columns needs " + ((long) times.length * cols) + " values, got " + values.length);
            }
            for (int r = 0; r < times.length; r++) {
                if (r > 0 && times[r] <= times[r - 1]) {
                    throw new IllegalArgumentException(symbol + ": row times not strictly increasing at row " + r);
                }
                for (int c = 0; c < cols; c++) {
                    double v = values[r * cols + c];
                    if (!Double.isFinite(v)) {
                        requireFinite(symbol, spec.names().get(c), times[r], v);
                    }
                }
            }
        }
    }

    /**
     * The rule every value of a matrix obeys, for code that assembles feature values without building a
     * matrix (a feature shard written column by column): the constructor's check and message.
     *
     * @param symbol the symbol
     * @param feature the feature's name
     * @param time the row's time, UTC epoch ms
     * @param value the value
     * @throws IllegalArgumentException naming the symbol, the feature and the row time when the value is NaN
     *     or infinite
     */
    public static void requireFinite(Symbol symbol, String feature, long time, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(symbol + ": feature '" + feature + "' is " + value + " at "
                    + Instant.ofEpochMilli(time) + " (no NaN may enter a feature matrix)");
        }
    }

    /** @return the symbol */
    public Symbol symbol() {
        return symbol;
    }

    /** @return the column names */
    public FeatureSpec spec() {
        return spec;
    }

    /** @return the number of rows */
    public int rows() {
        return times.length;
    }

    /** @return the number of columns */
    public int columns() {
        return spec.size();
    }

    /**
     * @param row row index
     * @return the base bar open time of the row
     */
    public long time(int row) {
        return times[row];
    }

    /**
     * @param row row index
     * @param col column index
     * @return the value
     */
    public double get(int row, int col) {
        return values[row * spec.size() + col];
    }

    /** @return a copy of the row times */
    public long[] times() {
        return times.clone();
    }

    /** @return a copy of the row-major values */
    public double[] values() {
        return values.clone();
    }

    /**
     * Copies one row into {@code dst} (no allocation).
     *
     * @param row row index
     * @param dst destination of length ≥ {@link #columns()}
     * @param offset where in dst to write
     */
    public void copyRow(int row, double[] dst, int offset) {
        System.arraycopy(values, row * spec.size(), dst, offset, spec.size());
    }

    /**
     * @param from first row, inclusive
     * @param to last row, exclusive
     * @return rows {@code [from, to)} as a new matrix
     */
    public FeatureMatrix slice(int from, int to) {
        Objects.checkFromToIndex(from, to, rows());
        int cols = spec.size();
        return new FeatureMatrix(symbol, spec, Arrays.copyOfRange(times, from, to),
                Arrays.copyOfRange(values, from * cols, to * cols), false);
    }

    @Override
    public String toString() {
        return "FeatureMatrix[" + symbol + ", " + rows() + " x " + columns() + "]";
    }
}
