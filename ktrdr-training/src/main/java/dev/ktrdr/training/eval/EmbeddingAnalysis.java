package dev.ktrdr.training.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Analysis of learned symbol embeddings: pairwise Euclidean and cosine distances and 2-D principal
 * component coordinates, so a user can see whether symbols of one asset class cluster. PCA centres the
 * vectors and takes the two leading right singular vectors (commons-math3 SVD); each component's sign is
 * fixed so that its largest-magnitude loading is positive, which makes coordinates reproducible.
 *
 * @param names one name per vector (symbols, plus e.g. {@code <unknown>})
 * @param euclidean pairwise Euclidean distances, {@code n × n}
 * @param cosine pairwise cosine distances {@code 1 − cos}, {@code n × n}; NaN where a vector is zero
 * @param coordinates per vector its first two principal coordinates (0 where a component does not exist)
 * @param explainedVariance share of variance of the first two components (NaN when all vectors are equal)
 */
public record EmbeddingAnalysis(List<String> names, double[][] euclidean, double[][] cosine, double[][] coordinates,
                                double[] explainedVariance) {
    /** Copies the names. */
    public EmbeddingAnalysis {
        names = List.copyOf(names);
        Objects.requireNonNull(euclidean, "euclidean");
        Objects.requireNonNull(cosine, "cosine");
        Objects.requireNonNull(coordinates, "coordinates");
        Objects.requireNonNull(explainedVariance, "explainedVariance");
        euclidean = Arrays.stream(euclidean).map(double[]::clone).toArray(double[][]::new);
        cosine = Arrays.stream(cosine).map(double[]::clone).toArray(double[][]::new);
        coordinates = Arrays.stream(coordinates).map(double[]::clone).toArray(double[][]::new);
        explainedVariance = explainedVariance.clone();
    }

    /**
     * @param names one name per vector
     * @param vectors the embedding vectors, all of one dimension ≥ 1
     * @return the analysis
     */
    public static EmbeddingAnalysis of(List<String> names, double[][] vectors) {
        int n = vectors.length;
        if (names.size() != n || n == 0) {
            throw new IllegalArgumentException(names.size() + " names for " + n + " vectors (need at least one)");
        }
        int d = vectors[0].length;
        for (double[] v : vectors) {
            if (v.length != d || d == 0) {
                throw new IllegalArgumentException("embedding vectors differ in dimension or are empty");
            }
        }
        double[][] eu = new double[n][n];
        double[][] cos = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                double ni = 0;
                double nj = 0;
                double sq = 0;
                for (int k = 0; k < d; k++) {
                    double a = vectors[i][k];
                    double b = vectors[j][k];
                    dot += a * b;
                    ni += a * a;
                    nj += b * b;
                    sq += (a - b) * (a - b);
                }
                eu[i][j] = Math.sqrt(sq);
                cos[i][j] = ni == 0 || nj == 0 ? Double.NaN : 1 - dot / Math.sqrt(ni * nj);
            }
        }
        double[][] centred = new double[n][d];
        for (int k = 0; k < d; k++) {
            double mean = 0;
            for (double[] v : vectors) {
                mean += v[k];
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                centred[i][k] = vectors[i][k] - mean;
            }
        }
        double[][] coords = new double[n][2];
        double[] explained = {Double.NaN, Double.NaN};
        RealMatrix x = new Array2DRowRealMatrix(centred, false);
        SingularValueDecomposition svd = new SingularValueDecomposition(x);
        double[] s = svd.getSingularValues();
        double total = 0;
        for (double v : s) {
            total += v * v;
        }
        if (total > 0) {
            RealMatrix v = svd.getV();
            for (int comp = 0; comp < Math.min(2, s.length); comp++) {
                double[] axis = v.getColumn(comp);
                int big = 0;
                for (int k = 1; k < axis.length; k++) {
                    if (Math.abs(axis[k]) > Math.abs(axis[big])) {
                        big = k;
                    }
                }
                double sign = axis[big] < 0 ? -1 : 1;
                for (int i = 0; i < n; i++) {
                    double p = 0;
                    for (int k = 0; k < d; k++) {
                        p += centred[i][k] * axis[k];
                    }
                    coords[i][comp] = sign * p;
                }
                explained[comp] = s[comp] * s[comp] / total;
            }
            if (s.length < 2) {
                explained[1] = 0;
            }
        }
        return new EmbeddingAnalysis(names, eu, cos, coords, explained);
    }

    /** @return a copy of euclidean */
    @Override
    public double[][] euclidean() {
        return Arrays.stream(euclidean).map(double[]::clone).toArray(double[][]::new);
    }

    /** @return a copy of cosine */
    @Override
    public double[][] cosine() {
        return Arrays.stream(cosine).map(double[]::clone).toArray(double[][]::new);
    }

    /** @return a copy of coordinates */
    @Override
    public double[][] coordinates() {
        return Arrays.stream(coordinates).map(double[]::clone).toArray(double[][]::new);
    }

    /** @return a copy of explainedVariance */
    @Override
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    /** Equal when every component is, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddingAnalysis other && Objects.equals(names, other.names)
                && Arrays.deepEquals(euclidean, other.euclidean) && Arrays.deepEquals(cosine, other.cosine)
                && Arrays.deepEquals(coordinates, other.coordinates)
                && Arrays.equals(explainedVariance, other.explainedVariance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, Arrays.deepHashCode(euclidean), Arrays.deepHashCode(cosine),
                Arrays.deepHashCode(coordinates), Arrays.hashCode(explainedVariance));
    }

    /** Arrays are shown by type and length. */
    @Override
    public String toString() {
        return "EmbeddingAnalysis[names=" + names
                + ", euclidean=double[" + euclidean.length + "][]"
                + ", cosine=double[" + cosine.length + "][]"
                + ", coordinates=double[" + coordinates.length + "][]"
                + ", explainedVariance=double[" + explainedVariance.length + "]" + "]";
    }
}
