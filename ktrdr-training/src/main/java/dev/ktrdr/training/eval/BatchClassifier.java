package dev.ktrdr.training.eval;

import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.TradingModel;
import java.util.List;

/**
 * Classifies rows in a batch: what permutation importance and the evaluation need from a model.
 * Implementations must be deterministic and must not keep the arrays passed in.
 */
@FunctionalInterface
public interface BatchClassifier {

    /**
     * @param features row-major features, {@code rows × columns}
     * @param rows number of rows
     * @param symbolIndex per row, its symbol index
     * @return the predicted class per row
     */
    byte[] classify(double[] features, int rows, int[] symbolIndex);

    /**
     * @param model a trained model
     * @param symbols the symbols the indices refer to
     * @return a classifier predicting the most probable class of the model (ties: the lowest index)
     */
    static BatchClassifier of(TradingModel model, List<Symbol> symbols) {
        return (x, rows, sym) -> {
            int cols = model.featureSpec().size();
            double[] row = new double[cols];
            double[] p = new double[Label.COUNT];
            byte[] out = new byte[rows];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(x, r * cols, row, 0, cols);
                model.predict(row, symbols.get(sym[r]), p);
                int best = 0;
                for (int c = 1; c < Label.COUNT; c++) {
                    if (p[c] > p[best]) {
                        best = c;
                    }
                }
                out[r] = (byte) best;
            }
            return out;
        };
    }
}
