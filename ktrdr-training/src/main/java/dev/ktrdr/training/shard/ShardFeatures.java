package dev.ktrdr.training.shard;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Symbol;
import java.util.Objects;

/**
 * The feature rows a shard is written from: a symbol, its column names, one time per row and every value's
 * float32 bits in column-major order. A {@link FeatureMatrix} is one ({@link #of}); a pipeline that builds a
 * symbol's features for a shard only can hand them over column by column, without assembling the row-major
 * double matrix first (see {@code FeatureColumns}).
 */
public interface ShardFeatures {
    /** @return the symbol the rows belong to */
    Symbol symbol();

    /** @return the column names */
    FeatureSpec spec();

    /** @return the number of rows */
    int rows();

    /** @return every row's time, UTC epoch ms, strictly increasing (a new array) */
    long[] times();

    /**
     * Writes every value's float32 bits, column-major: {@code dst[c * rows() + r]} is
     * {@code Float.floatToRawIntBits((float) value(r, c))}. Values are finite (checked where they are made).
     *
     * @param dst at least {@code rows() * spec().size()} ints; only that many are written
     */
    void floatBits(int[] dst);

    /**
     * @param matrix a feature matrix
     * @return its rows, transposed in blocks of 64 rows copied out one row at a time (no copy of the whole
     *     matrix; the block stays in cache)
     */
    static ShardFeatures of(FeatureMatrix matrix) {
        Objects.requireNonNull(matrix, "matrix");
        return new ShardFeatures() {
            @Override
            public Symbol symbol() {
                return matrix.symbol();
            }

            @Override
            public FeatureSpec spec() {
                return matrix.spec();
            }

            @Override
            public int rows() {
                return matrix.rows();
            }

            @Override
            public long[] times() {
                return matrix.times();
            }

            @Override
            public void floatBits(int[] dst) {
                int rows = matrix.rows();
                int cols = matrix.columns();
                double[] block = new double[64 * cols];
                for (int r0 = 0; r0 < rows; r0 += 64) {
                    int r1 = Math.min(rows, r0 + 64);
                    for (int r = r0; r < r1; r++) {
                        matrix.copyRow(r, block, (r - r0) * cols);
                    }
                    for (int r = r0; r < r1; r++) {
                        int at = (r - r0) * cols;
                        for (int c = 0; c < cols; c++) {
                            dst[c * rows + r] = Float.floatToRawIntBits((float) block[at + c]);
                        }
                    }
                }
            }
        };
    }
}
