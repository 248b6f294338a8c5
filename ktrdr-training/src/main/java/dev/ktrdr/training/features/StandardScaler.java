package dev.ktrdr.training.features;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.ModelException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Per-column standardisation {@code (x − mean) / std}, fitted on the training split only (rule 7): fit it
 * on the {@link StackedRows} of the training rows, never on validation or test rows. A column with zero
 * variance is only centred (std stored as 1). Written as JSON ({@code scaler.json}) with its feature
 * spec, which {@link #fromJson(String)} checks on reading.
 *
 * <p>Immutable and thread-safe. Transforming allocates nothing.
 *
 * @param spec the features it was fitted on, in column order
 * @param mean per-column mean of the training rows
 * @param std per-column population standard deviation of the training rows (1 where it was 0)
 */
public record StandardScaler(FeatureSpec spec, double[] mean, double[] std) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates lengths and values; copies the arrays. */
    public StandardScaler {
        Objects.requireNonNull(spec, "spec");
        mean = mean.clone();
        std = std.clone();
        if (mean.length != spec.size() || std.length != spec.size()) {
            throw new ModelException("scaler has " + mean.length + " means and " + std.length + " deviations for "
                    + spec.size() + " features");
        }
        for (int c = 0; c < std.length; c++) {
            if (!Double.isFinite(mean[c]) || !(std[c] > 0) || !Double.isFinite(std[c])) {
                throw new ModelException("scaler column '" + spec.names().get(c) + "' has mean " + mean[c] + ", std " + std[c]);
            }
        }
    }

    /**
     * Fits on training rows (two passes, so large offsets do not lose precision).
     *
     * @param training the training rows of every symbol
     * @return the fitted scaler
     * @throws IllegalArgumentException when there are no rows
     */
    public static StandardScaler fit(StackedRows training) {
        int n = training.rows();
        int cols = training.columns();
        if (n == 0) {
            throw new IllegalArgumentException("cannot fit a scaler on zero training rows");
        }
        double[] x = training.features();
        double[] mean = new double[cols];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < cols; c++) {
                mean[c] += x[r * cols + c];
            }
        }
        for (int c = 0; c < cols; c++) {
            mean[c] /= n;
        }
        double[] var = new double[cols];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < cols; c++) {
                double d = x[r * cols + c] - mean[c];
                var[c] += d * d;
            }
        }
        double[] std = new double[cols];
        for (int c = 0; c < cols; c++) {
            double s = Math.sqrt(var[c] / n);
            std[c] = s > 1e-12 * Math.max(1, Math.abs(mean[c])) ? s : 1.0;
        }
        return new StandardScaler(training.spec(), mean, std);
    }

    /**
     * Scales {@code cols} values in place.
     *
     * @param row values in spec order
     * @param offset where the row starts
     */
    public void transformInPlace(double[] row, int offset) {
        for (int c = 0; c < mean.length; c++) {
            row[offset + c] = (row[offset + c] - mean[c]) / std[c];
        }
    }

    /**
     * @param matrix a matrix with this scaler's spec
     * @return the scaled matrix
     * @throws ModelException when the spec differs
     */
    public FeatureMatrix transform(FeatureMatrix matrix) {
        spec.requireSameAs(matrix.spec());
        double[] v = matrix.values();
        for (int r = 0; r < matrix.rows(); r++) {
            transformInPlace(v, r * mean.length);
        }
        return new FeatureMatrix(matrix.symbol(), matrix.spec(), matrix.times(), v);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    /** @return {@code {"format":"ktrdr-standard-scaler","version":1,"features":[..],"mean":[..],"std":[..]}} */
    public String toJson() {
        try {
            return JSON.writeValueAsString(new Json("ktrdr-standard-scaler", 1, spec.names(), mean, std));
        } catch (JsonProcessingException e) {
            throw new ModelException("cannot write scaler JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @param json text written by {@link #toJson()}
     * @return the scaler
     * @throws ModelException when the text is damaged or of an unknown format or version
     */
    public static StandardScaler fromJson(String json) {
        Json j;
        try {
            j = JSON.readValue(json, Json.class);
        } catch (JsonProcessingException e) {
            throw new ModelException("scaler.json is not valid: " + e.getOriginalMessage(), e);
        }
        if (!"ktrdr-standard-scaler".equals(j.format()) || j.version() != 1) {
            throw new ModelException("scaler.json has format '" + j.format() + "' version " + j.version()
                    + "; this library reads ktrdr-standard-scaler version 1");
        }
        if (j.features() == null || j.mean() == null || j.std() == null) {
            throw new ModelException("scaler.json lacks features, mean or std");
        }
        return new StandardScaler(new FeatureSpec(j.features()), j.mean(), j.std());
    }

    private record Json(String format, int version, List<String> features, double[] mean, double[] std) {
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StandardScaler s && spec.equals(s.spec) && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
    }

    @Override
    public int hashCode() {
        return Objects.hash(spec, Arrays.hashCode(mean), Arrays.hashCode(std));
    }

    @Override
    public String toString() {
        return "StandardScaler[" + spec.size() + " features]";
    }
}
