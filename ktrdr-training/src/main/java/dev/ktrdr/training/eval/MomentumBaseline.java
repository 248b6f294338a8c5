package dev.ktrdr.training.eval;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Label;
import dev.ktrdr.training.features.SymbolDataset;
import java.util.Arrays;

/**
 * The momentum baseline predictor: BUY when the close rose over the last {@code lookback} bars, SELL
 * when it fell, HOLD when unchanged or without enough history. It uses only the past, and it is what
 * ZigZag segment labels reward even on a random walk (the leg a bar belongs to shows in its recent
 * return), so a model's accuracy on segment labels means something only above this baseline's.
 *
 * <p>Immutable and thread-safe.
 */
public final class MomentumBaseline {
    private final int lookback;

    /** @param lookback bars of the return, ≥ 1 */
    public MomentumBaseline(int lookback) {
        if (lookback < 1) {
            throw new ConfigurationException("lookback", lookback + " is not in [1, 100000]");
        }
        this.lookback = lookback;
    }

    /**
     * @param base a base series
     * @return one predicted class per bar
     */
    public byte[] predict(BarSeries base) {
        byte[] out = new byte[base.size()];
        Arrays.fill(out, (byte) Label.HOLD.index());
        for (int b = lookback; b < base.size(); b++) {
            double now = base.close(b);
            double then = base.close(b - lookback);
            out[b] = now > then ? (byte) Label.BUY.index() : now < then ? (byte) Label.SELL.index() : (byte) Label.HOLD.index();
        }
        return out;
    }

    /**
     * The momentum baseline's prediction for each given row of a dataset (at the row's bar), e.g. for
     * {@link ScoredRows}.
     *
     * @param dataset the symbol's paired rows
     * @param base the symbol's base series (the rows' bars)
     * @param rows rows to predict
     * @return one predicted class per given row, in order
     * @throws IllegalArgumentException when the series is another symbol's or a row is not one of its bars
     */
    public byte[] predictRows(SymbolDataset dataset, BarSeries base, int[] rows) {
        if (!dataset.symbol().equals(base.symbol())) {
            throw new IllegalArgumentException("dataset of " + dataset.symbol() + " but bars of " + base.symbol());
        }
        byte[] all = predict(base);
        long[] times = base.openTimes();
        byte[] out = new byte[rows.length];
        int b = -1;
        for (int i = 0; i < rows.length; i++) {
            long t = dataset.time(rows[i]);
            // rows usually ascend through consecutive bars: try the next bar before searching
            b = b + 1 < times.length && times[b + 1] == t ? b + 1 : Arrays.binarySearch(times, t);
            if (b < 0) {
                throw new IllegalArgumentException("row " + rows[i] + " is not a bar of " + base);
            }
            out[i] = all[b];
        }
        return out;
    }

    /**
     * Predicts the given rows of a dataset and scores them against its labels.
     *
     * @param dataset the symbol's paired rows
     * @param base the symbol's base series (the rows' bars)
     * @param rows labelled rows to score, e.g. the test split
     * @return the baseline's metrics on those rows
     */
    public ClassificationMetrics evaluate(SymbolDataset dataset, BarSeries base, int[] rows) {
        byte[] predicted = predictRows(dataset, base, rows);
        byte[] actual = new byte[rows.length];
        for (int i = 0; i < rows.length; i++) {
            actual[i] = dataset.classAt(rows[i]);
        }
        return ClassificationMetrics.of(actual, predicted);
    }
}
