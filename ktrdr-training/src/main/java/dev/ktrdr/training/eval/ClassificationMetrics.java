package dev.ktrdr.training.eval;

import dev.ktrdr.api.Label;
import java.util.Arrays;
import java.util.Locale;

/**
 * Accuracy, confusion matrix and per-class precision, recall and F1 of BUY / HOLD / SELL predictions,
 * always with the majority-class baseline beside the accuracy: the share of the evaluated set's most
 * frequent actual class, i.e. the accuracy of always predicting that class. An accuracy is only worth
 * something by how far it beats this baseline.
 *
 * <p>Undefined ratios (precision of a class never predicted, recall of a class absent, anything on an
 * empty set) are NaN, never a made-up 0 or 1. Immutable.
 *
 * @param count evaluated rows
 * @param accuracy share of correct predictions
 * @param baseline share of the most frequent actual class
 * @param confusion {@code confusion[actual][predicted]} counts, classes by {@link Label#index()}
 */
public record ClassificationMetrics(long count, double accuracy, double baseline, long[][] confusion) {
    /** Copies the matrix. */
    public ClassificationMetrics {
        long[][] c = new long[Label.COUNT][];
        for (int i = 0; i < Label.COUNT; i++) {
            c[i] = confusion[i].clone();
        }
        confusion = c;
    }

    /**
     * @param actual actual class indices (0..2)
     * @param predicted predicted class indices (0..2), same length
     * @return the metrics
     * @throws IllegalArgumentException on different lengths or a class outside 0..2 (e.g. {@link Label#NONE})
     */
    public static ClassificationMetrics of(byte[] actual, byte[] predicted) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " actual but " + predicted.length + " predicted classes");
        }
        long[][] c = new long[Label.COUNT][Label.COUNT];
        for (int i = 0; i < actual.length; i++) {
            int a = actual[i];
            int p = predicted[i];
            if (a < 0 || a >= Label.COUNT || p < 0 || p >= Label.COUNT) {
                throw new IllegalArgumentException("row " + i + ": class " + a + " / " + p + " is not in [0, 2]");
            }
            c[a][p]++;
        }
        return fromConfusion(c);
    }

    /**
     * @param c confusion counts {@code [actual][predicted]}
     * @return the metrics
     */
    public static ClassificationMetrics fromConfusion(long[][] c) {
        long n = 0;
        long correct = 0;
        long majority = 0;
        for (int a = 0; a < Label.COUNT; a++) {
            long row = 0;
            for (int p = 0; p < Label.COUNT; p++) {
                row += c[a][p];
            }
            n += row;
            correct += c[a][a];
            majority = Math.max(majority, row);
        }
        return new ClassificationMetrics(n, n == 0 ? Double.NaN : (double) correct / n,
                n == 0 ? Double.NaN : (double) majority / n, c);
    }

    @Override
    public long[][] confusion() {
        long[][] c = new long[Label.COUNT][];
        for (int i = 0; i < Label.COUNT; i++) {
            c[i] = confusion[i].clone();
        }
        return c;
    }

    /**
     * @param label a class
     * @return actual rows of that class
     */
    public long support(Label label) {
        long s = 0;
        for (int p = 0; p < Label.COUNT; p++) {
            s += confusion[label.index()][p];
        }
        return s;
    }

    /**
     * @param label a class
     * @return correct predictions of the class ÷ predictions of the class; NaN if never predicted
     */
    public double precision(Label label) {
        long predicted = 0;
        for (int a = 0; a < Label.COUNT; a++) {
            predicted += confusion[a][label.index()];
        }
        return predicted == 0 ? Double.NaN : (double) confusion[label.index()][label.index()] / predicted;
    }

    /**
     * @param label a class
     * @return correct predictions of the class ÷ actual rows of it; NaN if absent
     */
    public double recall(Label label) {
        long s = support(label);
        return s == 0 ? Double.NaN : (double) confusion[label.index()][label.index()] / s;
    }

    /**
     * @param label a class
     * @return harmonic mean of precision and recall; NaN if either is; 0 if both are 0
     */
    public double f1(Label label) {
        double p = precision(label);
        double r = recall(label);
        if (Double.isNaN(p) || Double.isNaN(r)) {
            return Double.NaN;
        }
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** @return mean F1 over the classes whose F1 is defined; NaN if none is */
    public double macroF1() {
        double sum = 0;
        int k = 0;
        for (Label l : Label.values()) {
            double f = f1(l);
            if (!Double.isNaN(f)) {
                sum += f;
                k++;
            }
        }
        return k == 0 ? Double.NaN : sum / k;
    }

    /** @return accuracy minus the majority-class baseline, in percentage points */
    public double edgeOverBaselinePoints() {
        return 100 * (accuracy - baseline);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassificationMetrics m && Arrays.deepEquals(confusion, m.confusion);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(confusion);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "accuracy %.2f%% (majority baseline %.2f%%) on %d rows", 100 * accuracy,
                100 * baseline, count);
    }
}
