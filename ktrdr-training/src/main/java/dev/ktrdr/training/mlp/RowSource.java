package dev.ktrdr.training.mlp;

import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Symbol;

/**
 * One symbol's labelled rows for one split, read on demand (e.g. from a memory-mapped feature shard) rather
 * than held in the heap: what {@link MlpTrainer#trainStreaming} gathers its mini-batches from. Row k is the
 * k-th selected row; every row has a class (no {@link dev.ktrdr.api.Label#NONE}).
 *
 * <p>Implementations must give the same values on every call; reads happen on one thread at a time.
 */
public interface RowSource {
    /** @return the rows' symbol */
    Symbol symbol();

    /** @return the feature spec */
    FeatureSpec spec();

    /** @return the number of rows */
    int rows();

    /**
     * @param row a row in [0, rows)
     * @return its class index in [0, 3)
     */
    byte label(int row);

    /**
     * Copies a row's raw (unscaled) features.
     *
     * @param row a row in [0, rows)
     * @param dst destination, at least {@code spec().size()} long from {@code offset}
     * @param offset first index written
     */
    void copyRow(int row, double[] dst, int offset);

    /** @return a hex digest identifying these rows (symbol, source, selection, labels), for provenance */
    String dataHash();
}
