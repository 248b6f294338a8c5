package dev.ktrdr.training.gbdt;

/**
 * A native gradient-boosting library. The only implementation is LightGBM's
 * ({@code dev.ktrdr.training.gbdt.lightgbm.LightGbmBinding}); {@link TreeBindings} finds it.
 */
public interface TreeBinding {

    /** @return the library and version, e.g. {@code lightgbm 3.3.510}, for provenance */
    String version();

    /**
     * Starts a training run.
     *
     * @param train the training rows
     * @param validation the validation rows, or null when there are none
     * @param config the boosting parameters
     * @return the run; the caller closes it
     */
    Training start(Dataset train, Dataset validation, GbdtConfig config);

    /**
     * @param modelBytes bytes from {@link TreeBooster#modelBytes()}
     * @param columns the input columns the model expects
     * @return the booster
     * @throws dev.ktrdr.api.ModelException when the bytes are not a model of {@code columns} columns and 3 classes
     */
    TreeBooster load(byte[] modelBytes, int columns);

    /**
     * Rows for the native library: row-major values, labels (class index 0..2) and weights. Holds its arrays
     * without copying (the trainer builds them for it alone) and hands out single values only.
     */
    final class Dataset {
        private final double[] values;
        private final int rows;
        private final int columns;
        private final float[] labels;
        private final float[] weights;

        /**
         * @param values {@code rows × columns} values, row-major
         * @param rows rows, ≥ 1
         * @param columns columns, ≥ 1
         * @param labels per row, 0 (BUY), 1 (HOLD) or 2 (SELL)
         * @param weights per row, ≥ 0
         */
        public Dataset(double[] values, int rows, int columns, float[] labels, float[] weights) {
            if (rows < 1 || columns < 1 || values.length != (long) rows * columns || labels.length != rows
                    || weights.length != rows) {
                throw new IllegalArgumentException("a dataset of " + rows + " × " + columns + " needs as many values, "
                        + "labels and weights");
            }
            this.values = values;
            this.rows = rows;
            this.columns = columns;
            this.labels = labels;
            this.weights = weights;
        }

        /** @return rows */
        public int rows() {
            return rows;
        }

        /** @return columns */
        public int columns() {
            return columns;
        }

        /**
         * @param i a row-major index, {@code row × columns + column}
         * @return the value
         */
        public double value(int i) {
            return values[i];
        }

        /**
         * @param row a row
         * @return its class index
         */
        public float label(int row) {
            return labels[row];
        }

        /**
         * @param row a row
         * @return its weight
         */
        public float weight(int row) {
            return weights[row];
        }
    }

    /** A training run, one boosting round at a time. Not thread-safe. */
    interface Training extends AutoCloseable {
        /**
         * Adds one round of trees.
         *
         * @param losses output: the weighted multiclass log loss on the training rows, then on the validation rows
         *     (NaN without them)
         */
        void round(double[] losses);

        /**
         * @param rounds the first rounds to keep (the best round under early stopping), ≥ 1
         * @return the booster of those rounds, loaded back from its own bytes
         */
        TreeBooster finish(int rounds);

        @Override
        void close();
    }
}
