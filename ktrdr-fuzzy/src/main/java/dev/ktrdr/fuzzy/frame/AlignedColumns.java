package dev.ktrdr.fuzzy.frame;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Symbol;
import java.util.List;
import java.util.Objects;

/**
 * A symbol's fuzzy features as {@link MultiTimeframeFeatureBuilder#buildColumns} leaves them: each column is a
 * timeframe's membership series read through that timeframe's aligned source rows, so value (r, c) is
 * {@code column_c[source_c[r]]}, exactly the value at row r, column c of the matrix {@link
 * MultiTimeframeFeatureBuilder#build} returns. Nothing row-major is built; every value was checked (no NaN).
 *
 * <p>Immutable; it holds the builder's own arrays, never hands them out, and reads them only.
 */
public final class AlignedColumns {
    private final Symbol symbol;
    private final FeatureSpec spec;
    private final long[] times;
    private final double[][] columns;
    private final int[][] sources;

    AlignedColumns(Symbol symbol, FeatureSpec spec, long[] times, List<double[]> columns, List<int[]> sources) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.times = times;
        this.columns = columns.toArray(new double[0][]);
        this.sources = sources.toArray(new int[0][]);
        if (this.columns.length != spec.size() || this.sources.length != spec.size()) {
            throw new IllegalArgumentException(columns.size() + " columns for " + spec.size() + " names");
        }
    }

    /**
     * @param matrix a feature matrix
     * @return its columns (copied out once), each read through the identity
     */
    public static AlignedColumns of(FeatureMatrix matrix) {
        int rows = matrix.rows();
        int width = matrix.columns();
        int[] identity = new int[rows];
        for (int r = 0; r < rows; r++) {
            identity[r] = r;
        }
        List<double[]> columns = new java.util.ArrayList<>();
        List<int[]> sources = new java.util.ArrayList<>();
        for (int c = 0; c < width; c++) {
            double[] col = new double[rows];
            for (int r = 0; r < rows; r++) {
                col[r] = matrix.get(r, c);
            }
            columns.add(col);
            sources.add(identity);
        }
        return new AlignedColumns(matrix.symbol(), matrix.spec(), matrix.times(), columns, sources);
    }

    /** @return the symbol */
    public Symbol symbol() {
        return symbol;
    }

    /** @return the column names, as {@link MultiTimeframeFeatureBuilder#featureSpec} */
    public FeatureSpec spec() {
        return spec;
    }

    /** @return the number of rows */
    public int rows() {
        return times.length;
    }

    /**
     * @param row a row
     * @return its base bar's open time, UTC epoch ms
     */
    public long time(int row) {
        return times[row];
    }

    /**
     * @param row a row
     * @param column a column
     * @return the value
     */
    public double get(int row, int column) {
        return columns[column][sources[column][Objects.checkIndex(row, times.length)]];
    }

    /**
     * Writes the float32 bits of {@code count} consecutive values of a column, from row {@code from}:
     * {@code dst[at + i] = Float.floatToRawIntBits((float) get(from + i, column))}.
     *
     * @param column a column
     * @param from the first row
     * @param count how many rows
     * @param dst destination
     * @param at where the first one goes
     */
    public void floatBits(int column, int from, int count, int[] dst, int at) {
        Objects.checkFromIndexSize(from, count, times.length);
        Objects.checkFromIndexSize(at, count, dst.length);
        double[] c = columns[column];
        int[] src = sources[column];
        for (int i = 0; i < count; i++) {
            dst[at + i] = Float.floatToRawIntBits((float) c[src[from + i]]);
        }
    }

    /** @return the features as the builder's matrix (row-major, a new array) */
    public FeatureMatrix toMatrix() {
        int width = spec.size();
        double[] values = new double[times.length * width];
        for (int c = 0; c < width; c++) {
            for (int r = 0; r < times.length; r++) {
                values[r * width + c] = columns[c][sources[c][r]];
            }
        }
        return new FeatureMatrix(symbol, spec, times, values);
    }

    @Override
    public String toString() {
        return "AlignedColumns[" + symbol + ", " + times.length + " rows x " + spec.size() + "]";
    }
}
