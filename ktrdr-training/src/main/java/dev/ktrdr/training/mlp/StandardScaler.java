package dev.ktrdr.training.mlp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.ModelException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Per-feature standardisation {@code (x - mean) / std}, fitted on training rows only. A feature whose
 * standard deviation is 0 (or not finite) on the training rows gets std 1, so it passes through centred
 * rather than dividing by zero. The standard deviation is the population one (divisor n), as scikit-learn's
 * {@code StandardScaler} uses.
 *
 * <p>The one scaler of ktrdr-training: the MLP fits it on the training rows and stores it inside
 * {@code model.bin}; {@link #toJson(FeatureSpec)} writes the human-readable {@code scaler.json} of a model
 * version (with the feature names, which {@link #fromJson(String, FeatureSpec)} checks on reading).
 *
 * <p>Immutable (arrays are copied in and out) and thread-safe.
 *
 * @param mean per-feature mean of the training rows
 * @param std per-feature standard deviation of the training rows, all finite and &gt; 0
 */
public record StandardScaler(double[] mean, double[] std) {
    /** The {@code format} field of {@code scaler.json}. */
    public static final String JSON_FORMAT = "ktrdr-standard-scaler";
    /** The {@code version} field of {@code scaler.json} written by this library. */
    public static final int JSON_VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

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
     * Fits on the chosen rows of several matrices (two passes: mean, then squared deviations). Each column
     * is centred on its first value ({@code d = x - x_first}, exact for nearby values) and the sum of the
     * {@code d} is Neumaier-compensated, so the mean is within a few units of roundoff of the exact mean
     * at any level and length, and a constant column gets exactly its value as mean and std 1 (its
     * deviations are exactly 0), where a plain sum can leave a one-ulp mean and a tiny non-zero std that
     * would blow noise up to ±1. A column whose squared deviations overflow (a 1e300 value among ordinary
     * ones) gets std 1, like any column whose deviation is not finite.
     *
     * @param matrices the matrices, same column count
     * @param rows per matrix, the row indices to use (the training rows), or null for every row
     * @return the fitted scaler; with no rows at all, the identity
     */
    public static StandardScaler fit(List<FeatureMatrix> matrices, List<int[]> rows) {
        int cols = matrices.isEmpty() ? 0 : matrices.get(0).columns();
        Rows[] views = new Rows[matrices.size()];
        for (int m = 0; m < views.length; m++) {
            FeatureMatrix fm = matrices.get(m);
            int[] use = rows == null ? null : rows.get(m);
            views[m] = new Rows() {
                @Override
                public int count() {
                    return use == null ? fm.rows() : use.length;
                }

                @Override
                public void copy(int k, double[] dst) {
                    fm.copyRow(use == null ? k : use[k], dst, 0);
                }
            };
        }
        return fit(cols, views);
    }

    /**
     * The same fit as {@link #fit(List, List)}, streaming over row sources in two passes (each row is read
     * twice, never held): given the same values in the same order it returns exactly the same mean and std,
     * bit for bit, since both run this one loop.
     *
     * @param sources the rows, same spec
     * @return the fitted scaler; with no rows at all, the identity
     */
    public static StandardScaler fitStreaming(List<? extends RowSource> sources) {
        int cols = sources.isEmpty() ? 0 : sources.get(0).spec().size();
        Rows[] views = new Rows[sources.size()];
        for (int m = 0; m < views.length; m++) {
            RowSource src = sources.get(m);
            views[m] = new Rows() {
                @Override
                public int count() {
                    return src.rows();
                }

                @Override
                public void copy(int k, double[] dst) {
                    src.copyRow(k, dst, 0);
                }
            };
        }
        return fit(cols, views);
    }

    /** Row access of one fit input. */
    private interface Rows {
        int count();

        void copy(int k, double[] dst);
    }

    private static StandardScaler fit(int cols, Rows[] views) {
        double[] anchor = null;
        double[] sum = new double[cols];
        double[] comp = new double[cols];
        double[] row = new double[cols];
        long n = 0;
        for (Rows v : views) {
            int count = v.count();
            for (int k = 0; k < count; k++) {
                v.copy(k, row);
                if (anchor == null) {
                    anchor = row.clone();
                }
                for (int c = 0; c < cols; c++) {
                    double d = row[c] - anchor[c];
                    double s = sum[c];
                    double t = s + d;
                    comp[c] += Math.abs(s) >= Math.abs(d) ? (s - t) + d : (d - t) + s;
                    sum[c] = t;
                }
            }
            n += count;
        }
        if (n == 0) {
            return identity(cols);
        }
        double[] meanOffset = new double[cols];
        double[] mean = new double[cols];
        for (int c = 0; c < cols; c++) {
            meanOffset[c] = (sum[c] + comp[c]) / n;
            mean[c] = anchor[c] + meanOffset[c];
        }
        double[] sq = new double[cols];
        for (Rows v : views) {
            int count = v.count();
            for (int k = 0; k < count; k++) {
                v.copy(k, row);
                for (int c = 0; c < cols; c++) {
                    double d = (row[c] - anchor[c]) - meanOffset[c];
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

    /**
     * @param i feature index
     * @return its mean
     */
    public double meanAt(int i) {
        return mean[i];
    }

    /**
     * @param i feature index
     * @return its standard deviation
     */
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

    /**
     * Writes the scaler as {@code scaler.json}:
     * {@code {"format":"ktrdr-standard-scaler","version":1,"features":[..],"mean":[..],"std":[..]}}.
     *
     * @param spec the features the scaler was fitted on, in column order
     * @return the JSON text
     * @throws ModelException when the spec's size differs from {@link #size()}
     */
    public String toJson(FeatureSpec spec) {
        if (spec.size() != mean.length) {
            throw new ModelException("scaler has " + mean.length + " features but the spec names " + spec.size());
        }
        try {
            return JSON.writeValueAsString(new Json(JSON_FORMAT, JSON_VERSION, spec.names(), mean, std));
        } catch (JsonProcessingException e) {
            throw new ModelException("cannot write scaler JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads {@code scaler.json} written by {@link #toJson(FeatureSpec)}, checking that it was fitted on the
     * expected features.
     *
     * @param json the text
     * @param expected the features, in column order, the caller will scale
     * @return the scaler
     * @throws ModelException when the text is damaged, of an unknown format or version, holds invalid
     *     values, or names other features (the first difference is named)
     */
    public static StandardScaler fromJson(String json, FeatureSpec expected) {
        Json j;
        try {
            j = JSON.readValue(json, Json.class);
        } catch (JsonProcessingException e) {
            throw new ModelException("scaler.json is not valid: " + e.getOriginalMessage(), e);
        }
        if (!JSON_FORMAT.equals(j.format()) || j.version() != JSON_VERSION) {
            throw new ModelException("scaler.json has format '" + j.format() + "' version " + j.version()
                    + "; this library reads " + JSON_FORMAT + " version " + JSON_VERSION);
        }
        if (j.features() == null || j.mean() == null || j.std() == null) {
            throw new ModelException("scaler.json lacks features, mean or std");
        }
        try {
            expected.requireSameAs(new FeatureSpec(j.features()));
        } catch (RuntimeException e) {
            throw new ModelException("scaler.json: " + e.getMessage(), e);
        }
        try {
            return new StandardScaler(j.mean(), j.std());
        } catch (IllegalArgumentException e) {
            throw new ModelException("scaler.json: " + e.getMessage(), e);
        }
    }

    private record Json(String format, int version, List<String> features, double[] mean, double[] std) {
        /** Equal when every component is, arrays compared by content. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Json other && Objects.equals(format, other.format) && version == other.version
                    && Objects.equals(features, other.features) && Arrays.equals(mean, other.mean)
                    && Arrays.equals(std, other.std);
        }

        @Override
        public int hashCode() {
            return Objects.hash(format, version, features, Arrays.hashCode(mean), Arrays.hashCode(std));
        }

        @Override
        public String toString() {
            return "Json[" + format + " v" + version + ", " + (features == null ? 0 : features.size()) + " features]";
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
