package dev.ktrdr.api;

/**
 * A trained classifier that maps one feature row (raw, unscaled: the model applies the scaler fitted
 * on its training split) and the row's symbol to BUY / HOLD / SELL probabilities. The symbol feeds the
 * model's symbol encoding; a symbol unseen in training uses the encoding's unknown slot.
 *
 * <p>Implementations are immutable after training and safe for concurrent prediction.
 */
public interface TradingModel {

    /** @return the ordered feature names the model expects */
    FeatureSpec featureSpec();

    /**
     * Predicts one row without allocating.
     *
     * @param features one raw feature row, in {@link #featureSpec()} order
     * @param symbol the row's symbol
     * @param probabilities output, length {@link Label#COUNT}: BUY, HOLD, SELL probabilities summing to 1
     */
    void predict(double[] features, Symbol symbol, double[] probabilities);

    /**
     * Predicts every row of a matrix after checking its spec.
     *
     * @param matrix the rows, with the model's spec
     * @return row-major probabilities, {@code rows × 3}
     * @throws ModelException naming the first differing feature when the specs differ
     */
    default double[] predict(FeatureMatrix matrix) {
        featureSpec().requireSameAs(matrix.spec());
        double[] row = new double[matrix.columns()];
        double[] p = new double[Label.COUNT];
        double[] out = new double[matrix.rows() * Label.COUNT];
        for (int r = 0; r < matrix.rows(); r++) {
            matrix.copyRow(r, row, 0);
            predict(row, matrix.symbol(), p);
            System.arraycopy(p, 0, out, r * Label.COUNT, Label.COUNT);
        }
        return out;
    }
}
