package dev.ktrdr.training.mlp;

import dev.ktrdr.api.FeatureMatrix;

import java.util.Arrays;
import java.util.List;

/**
 * Per-feature standardisation {@code (x - mean) / std}, fitted on training rows only. A feature whose
 * standard deviation is 0 (or not finite) on the training rows gets std 1, so it passes through centred
 * rather than dividing by zero. The standard deviation is the population one (divisor n), as scikit-learn's
 * {@code StandardScaler} uses.
 *
 * <p>Immutable (arrays are copied in and out) and thread-safe.
 *
 * @param mean per-feature mean of the training rows
 * @param std per-feature standard deviation of the training rows, all finite and &gt; 0
 */
public record StandardScaler(double[] mean, double[] std) {

    /** Copies and checks the arrays. */
    public StandardScaler {
        mean = mean.clone();
        std = std.clone();
        if (mean.length != std.length) {
            throw new IllegalArgumentException("scaler has " + mean.length + " means but " + std.length + " deviations");
        }
        for (int i = 0; i < std.length; i++) {
            if (!Double.isFinite(mean[i]) || !(std[i] > 0) || !Double.isFinite(std[i])) {
                throw new IllegalArgumentException("scaler feature " + i + ": mean " + mean[i] + ", std " + std[i]
                        + " (need finite values and std > 0)");
            }
        }
    }

    /**
     * @param columns number of features
     * @return the scaler that leaves values unchanged
     */
    public static StandardScaler identity(int columns) {
        double[] one = new double[columns];
        Arrays.fill(one, 1);
        return new StandardScaler(new double[columns], one);
    }

    /**
     * Fits on the chosen rows of several matrices (two passes: mean, then squared deviations).
     *
     * @param matrices the matrices, same column count
     * @param rows per matrix, the row indices to use (the training rows), or null for every row
     * @return the fitted scaler; with no rows at all, the identity
     */
    public static StandardScaler fit(List<FeatureMatrix> matrices, List<int[]> rows) {
        int cols = matrices.isEmpty() ? 0 : matrices.get(0).columns();
        double[] sum = new double[cols];
        long n = 0;
        for (int m = 0; m < matrices.size(); m++) {
            FeatureMatrix fm = matrices.get(m);
            int[] use = rows == null ? null : rows.get(m);
            int count = use == null ? fm.rows() : use.length;
            for (int k = 0; k < count; k++) {
                int r = use == null ? k : use[k];
                for (int c = 0; c < cols; c++) {
                    sum[c] += fm.get(r, c);
                }
            }
            n += count;
        }
        if (n == 0) {
            return identity(cols);
        }
        double[] mean = new double[cols];
        for (int c = 0; c < cols; c++) {
            mean[c] = sum[c] / n;
        }
        double[] sq = new double[cols];
        for (int m = 0; m < matrices.size(); m++) {
            FeatureMatrix fm = matrices.get(m);
            int[] use = rows == null ? null : rows.get(m);
            int count = use == null ? fm.rows() : use.length;
            for (int k = 0; k < count; k++) {
                int r = use == null ? k : use[k];
                for (int c = 0; c < cols; c++) {
                    double d = fm.get(r, c) - mean[c];
                    sq[c] += d * d;
                }
            }
        }
        double[] std = new double[cols];
        for (int c = 0; c < cols; c++) {
            double s = Math.sqrt(sq[c] / n);
            std[c] = s > 0 && Double.isFinite(s) ? s : 1;
        }
        return new StandardScaler(mean, std);
    }

    /** @return the number of features */
    public int size() {
        return mean.length;
    }

    /** @return a copy of the means */
    @Override
    public double[] mean() {
        return mean.clone();
    }

    /** @return a copy of the standard deviations */
    @Override
    public double[] std() {
        return std.clone();
    }

    /** @param i feature index @return its mean */
    public double meanAt(int i) {
        return mean[i];
    }

    /** @param i feature index @return its standard deviation */
    public double stdAt(int i) {
        return std[i];
    }

    /**
     * Scales one row without allocating.
     *
     * @param raw raw values from {@code rawOffset}, {@link #size()} of them
     * @param rawOffset first raw value
     * @param dst destination
     * @param dstOffset first destination index
     */
    public void transform(double[] raw, int rawOffset, float[] dst, int dstOffset) {
        for (int i = 0; i < mean.length; i++) {
            dst[dstOffset + i] = (float) ((raw[rawOffset + i] - mean[i]) / std[i]);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StandardScaler && Arrays.equals(mean, ((StandardScaler) o).mean)
                && Arrays.equals(std, ((StandardScaler) o).std);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(mean) + Arrays.hashCode(std);
    }

    @Override
    public String toString() {
        return "StandardScaler[" + mean.length + " features]";
    }
}
