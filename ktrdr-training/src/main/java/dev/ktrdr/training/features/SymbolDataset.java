package dev.ktrdr.training.features;

import dev.ktrdr.api.DataException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Labels;
import dev.ktrdr.api.Symbol;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The features and labels of one symbol, paired row by row by bar time. The only way to obtain one is
 * {@link #pair(FeatureMatrix, Labels)}, which refuses features and labels of different symbols, and
 * feature rows whose bar has no label row; so a training row can never carry another symbol's label (the
 * Python original stacks all symbols' features but takes the labels of the first symbol only). Stacking
 * several symbols goes through {@link StackedRows}, which takes each symbol's labels from its own dataset.
 *
 * <p>For each row the dataset also records the open time of the last base bar its label may look at
 * ({@link #labelEnd(int)}, from the labels' horizon; {@link #labelEnd(int, int)} for a wider horizon, e.g.
 * the largest of several symbols), which the splits use to purge rows whose label window crosses a cut.
 *
 * <p>Immutable and thread-safe.
 */
public final class SymbolDataset {
    private final FeatureMatrix features;
    private final byte[] classes;
    private final int[] labelIndex;
    private final long[] labelTimes;
    private final int horizon;
    private final int labelled;

    private SymbolDataset(FeatureMatrix features, byte[] classes, int[] labelIndex, long[] labelTimes, int horizon) {
        this.features = features;
        this.classes = classes;
        this.labelIndex = labelIndex;
        this.labelTimes = labelTimes;
        this.horizon = horizon;
        int c = 0;
        for (byte b : classes) {
            if (b != Label.NONE) {
                c++;
            }
        }
        this.labelled = c;
    }

    /**
     * Pairs a symbol's feature rows with its labels by bar open time.
     *
     * @param features the symbol's features (rows: base bars kept after warm-up and gaps)
     * @param labels the symbol's labels over its base series
     * @return the paired dataset, one row per feature row
     * @throws DataException when the symbols differ, or a feature row's time has no label row (naming it)
     */
    public static SymbolDataset pair(FeatureMatrix features, Labels labels) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (!features.symbol().equals(labels.symbol())) {
            throw new DataException("cannot pair features of " + features.symbol() + " with labels of " + labels.symbol());
        }
        long[] labelTimes = labels.times();
        int n = features.rows();
        byte[] classes = new byte[n];
        int[] index = new int[n];
        long[] times = features.times();
        int first = n == 0 ? -1 : Arrays.binarySearch(labelTimes, times[0]);
        if (first >= 0 && first + n <= labelTimes.length && Arrays.equals(times, 0, n, labelTimes, first, first + n)) {
            // the rows are consecutive bars of the labelled series (no gap): bulk copies, the same pairs as the walk
            System.arraycopy(labels.classes(), first, classes, 0, n);
            for (int r = 0; r < n; r++) {
                index[r] = first + r;
            }
            return new SymbolDataset(features, classes, index, labelTimes, labels.horizon());
        }
        int next = 0; // both series are in time order: walk the labels forward, search only when that misses
        for (int r = 0; r < n; r++) {
            long t = times[r];
            while (next < labelTimes.length && labelTimes[next] < t) {
                next++;
            }
            int j = next < labelTimes.length && labelTimes[next] == t ? next : Arrays.binarySearch(labelTimes, t);
            if (j < 0) {
                throw new DataException(features.symbol() + ": feature row " + r + " at " + Instant.ofEpochMilli(t)
                        + " has no label (the labels cover a different series)");
            }
            classes[r] = labels.classAt(j);
            index[r] = j;
        }
        return new SymbolDataset(features, classes, index, labelTimes, labels.horizon());
    }

    /** @return the symbol */
    public Symbol symbol() {
        return features.symbol();
    }

    /** @return the features */
    public FeatureMatrix features() {
        return features;
    }

    /** @return the number of rows */
    public int rows() {
        return classes.length;
    }

    /** @return the number of rows with a label */
    public int labelledRows() {
        return labelled;
    }

    /**
     * @param row a row
     * @return its class index, or {@link Label#NONE}
     */
    public byte classAt(int row) {
        return classes[row];
    }

    /**
     * @param row a row
     * @return its bar's open time, UTC epoch ms
     */
    public long time(int row) {
        return features.time(row);
    }

    /**
     * @param row a row
     * @return open time of the last base bar its label may depend on (the labels' horizon)
     */
    public long labelEnd(int row) {
        return labelEnd(row, horizon);
    }

    /**
     * @param row a row
     * @param horizon a horizon in base bars, ≥ 0 (at least {@link #horizon()} for an honest purge)
     * @return open time of the base bar {@code horizon} bars after the row's bar, or of the last base bar
     *     when the series ends sooner
     */
    public long labelEnd(int row, int horizon) {
        if (horizon < 0) {
            throw new IllegalArgumentException("horizon " + horizon + " is negative");
        }
        return labelTimes[(int) Math.min((long) labelIndex[row] + horizon, labelTimes.length - 1)];
    }

    /** @return the labels' horizon in base bars (for data-dependent labelers, the largest reach actually used) */
    public int horizon() {
        return horizon;
    }

    /** @return a copy of the class per row */
    public byte[] classes() {
        return classes.clone();
    }

    @Override
    public String toString() {
        return "SymbolDataset[" + symbol() + ", " + rows() + " rows, " + labelled + " labelled, horizon " + horizon + "]";
    }
}
