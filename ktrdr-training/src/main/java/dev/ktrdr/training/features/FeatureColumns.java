package dev.ktrdr.training.features;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.fuzzy.frame.AlignedColumns;
import dev.ktrdr.training.shard.ShardFeatures;
import java.util.Objects;

/**
 * A symbol's features as {@link ContextFeatures#columns} holds them for a feature shard: the fuzzy builder's
 * aligned columns, the consecutive input rows kept, the context columns column-major, and the lags as the
 * input's columns shifted. {@link #floatBits} gives exactly the float32 bits of the matrix
 * {@link ContextFeatures#append} would return (without the rows before the start), and checks the context
 * values with the matrix's own rule ({@link FeatureMatrix#requireFinite}); the row-major double matrix of the
 * output is never built.
 *
 * <p>Immutable; the arrays it was given are not exposed.
 */
public final class FeatureColumns implements ShardFeatures {
    private final AlignedColumns input;
    private final FeatureSpec spec;
    private final int first;
    private final long[] times;
    private final double[] context;
    private final int lags;

    FeatureColumns(AlignedColumns input, FeatureSpec spec, int first, long[] times, double[] context, int lags) {
        this.input = Objects.requireNonNull(input, "input");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.first = first;
        this.times = times;
        this.context = context;
        this.lags = lags;
        if (times.length > 0 && (first < lags || first + times.length > input.rows())) {
            throw new IllegalArgumentException("rows " + first + ".." + (first + times.length) + " with " + lags
                    + " lags outside the input's " + input.rows());
        }
    }

    @Override
    public Symbol symbol() {
        return input.symbol();
    }

    @Override
    public FeatureSpec spec() {
        return spec;
    }

    @Override
    public int rows() {
        return times.length;
    }

    @Override
    public long[] times() {
        return times.clone();
    }

    /**
     * {@inheritDoc} The input columns are gathered through their aligned source rows; the context columns are
     * converted in order; lag k of an input column copies that column's bits k rows down, its first k values converted from
     * the k input rows before the first kept one.
     *
     * @throws IllegalArgumentException naming the feature and row time when a context value is NaN or infinite
     */
    @Override
    public void floatBits(int[] dst) {
        int rows = times.length;
        int in = input.spec().size();
        int width = spec.size() - in * (1 + lags); // the context columns
        for (int c = 0; c < in; c++) {
            input.floatBits(c, first, rows, dst, c * rows);
        }
        for (int j = 0; j < width; j++) {
            int from = j * rows;
            int to = (in + j) * rows;
            for (int i = 0; i < rows; i++) {
                double v = context[from + i];
                if (!Double.isFinite(v)) {
                    FeatureMatrix.requireFinite(input.symbol(), spec.names().get(in + j), times[i], v);
                }
                dst[to + i] = Float.floatToRawIntBits((float) v);
            }
        }
        for (int k = 1; k <= lags; k++) {
            for (int c = 0; c < in; c++) {
                int to = (in + width + (k - 1) * in + c) * rows;
                int lead = Math.min(k, rows);
                for (int i = 0; i < lead; i++) {
                    dst[to + i] = Float.floatToRawIntBits((float) input.get(first + i - k, c));
                }
                if (rows > k) {
                    System.arraycopy(dst, c * rows, dst, to + k, rows - k);
                }
            }
        }
    }

    @Override
    public String toString() {
        return "FeatureColumns[" + input.symbol() + ", " + rows() + " rows x " + spec.size() + "]";
    }
}
