package dev.ktrdr.training.mlp;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Labels;

import java.util.Arrays;
import java.util.Objects;

/**
 * The rows of one symbol for one split: its feature matrix and one label per matrix row ({@link Label#NONE}
 * rows are skipped by the trainer). Features and labels can only be paired within one symbol.
 *
 * @param features the feature matrix (its symbol is the rows' symbol)
 * @param labels one class index per row, or {@link Label#NONE}
 */
public record SymbolRows(FeatureMatrix features, byte[] labels) {

    /** Checks lengths and class values; copies the labels. */
    public SymbolRows {
        Objects.requireNonNull(features, "features");
        labels = labels.clone();
        if (labels.length != features.rows()) {
            throw new IllegalArgumentException(features.symbol() + ": " + features.rows() + " feature rows but "
                    + labels.length + " labels");
        }
        for (int i = 0; i < labels.length; i++) {
            byte c = labels[i];
            if (c != Label.NONE && (c < 0 || c >= Label.COUNT)) {
                throw new IllegalArgumentException(features.symbol() + ": label " + c + " at row " + i
                        + " is not -1, 0, 1 or 2");
            }
        }
    }

    /**
     * Pairs a feature matrix with the labels of the same symbol by bar time: row r gets the label of the bar
     * whose open time equals the row's time.
     *
     * @param features the features
     * @param labels the same symbol's labels
     * @return the paired rows
     * @throws IllegalArgumentException when the symbols differ or a row's time has no label
     */
    public static SymbolRows pair(FeatureMatrix features, Labels labels) {
        if (!features.symbol().equals(labels.symbol())) {
            throw new IllegalArgumentException("features of " + features.symbol() + " cannot be paired with labels of "
                    + labels.symbol());
        }
        long[] lt = labels.times();
        byte[] out = new byte[features.rows()];
        for (int r = 0; r < out.length; r++) {
            int i = Arrays.binarySearch(lt, features.time(r));
            if (i < 0) {
                throw new IllegalArgumentException(features.symbol() + ": feature row " + r + " at "
                        + java.time.Instant.ofEpochMilli(features.time(r)) + " has no label");
            }
            out[r] = labels.classAt(i);
        }
        return new SymbolRows(features, out);
    }

    /** @return a copy of the labels */
    @Override
    public byte[] labels() {
        return labels.clone();
    }

    /** @return the number of labelled rows (labels other than {@link Label#NONE}) */
    public int labelledRows() {
        int n = 0;
        for (byte b : labels) {
            if (b != Label.NONE) {
                n++;
            }
        }
        return n;
    }

    byte labelAt(int row) {
        return labels[row];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymbolRows && features.equals(((SymbolRows) o).features)
                && Arrays.equals(labels, ((SymbolRows) o).labels);
    }

    @Override
    public int hashCode() {
        return 31 * features.hashCode() + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "SymbolRows[" + features + "]";
    }
}
