package dev.ktrdr.api.internal;

/**
 * Orders training rows of several symbols into mini-batches for one epoch. Rows are addressed by their
 * index in the concatenation of the symbols' training splits: symbol k owns indices
 * {@code [offset_k, offset_k + rowsPerSymbol[k])}. Strategies: concatenate, interleave, balanced (each
 * batch of size B over K symbols holds ⌊B/K⌋ or ⌈B/K⌉ rows of each symbol; smaller symbols cycle within
 * an epoch), weighted.
 *
 * <p>Deterministic: the same seed (fixed at construction), counts, batch size and epoch give the same
 * batches. Draws only from the rows it is given (the training split). Immutable and thread-safe.
 */
@FunctionalInterface
public interface BalancedMultiSymbolSampler {

    /**
     * @param rowsPerSymbol number of training rows of each symbol, in symbol order
     * @param batchSize rows per batch, ≥ 1
     * @param epoch the epoch number, from 0 (varies the shuffle)
     * @return the epoch's batches; each entry is a global row index
     */
    int[][] batches(int[] rowsPerSymbol, int batchSize, int epoch);
}
