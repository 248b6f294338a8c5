package dev.ktrdr.training.gbdt;

/**
 * A trained booster held by a native binding: a multiclass tree ensemble over BUY / HOLD / SELL.
 *
 * <p>Implementations are thread-safe (predictions are serialised per booster) and free their native memory when
 * they become unreachable.
 */
public interface TreeBooster {

    /** @return the input columns (features then symbol-encoding columns) */
    int columns();

    /** @return boosting rounds kept (trees per class) */
    int rounds();

    /**
     * Predicts one row.
     *
     * @param row {@link #columns()} input values
     * @param probabilities output, length 3: BUY, HOLD, SELL probabilities (softmax of the summed leaf values)
     */
    void predict(double[] row, double[] probabilities);

    /** @return per input column, the total gain of the splits on it (over every kept tree) */
    double[] gainImportance();

    /** @return the binding's own model bytes, exactly as stored and loaded */
    byte[] modelBytes();
}
