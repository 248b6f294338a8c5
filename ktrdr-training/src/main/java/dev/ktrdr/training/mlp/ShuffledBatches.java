package dev.ktrdr.training.mlp;

import dev.ktrdr.api.internal.BalancedMultiSymbolSampler;

import java.util.SplittableRandom;

/**
 * The default batch plan: every training row once per epoch, in an order shuffled by a seeded random source
 * (Fisher-Yates), cut into consecutive batches of the batch size (the last may be smaller). It ignores symbol
 * boundaries; use the training module's balanced sampler to balance symbols.
 *
 * <p>Deterministic for a seed and epoch; immutable and thread-safe.
 *
 * @param seed the seed
 */
public record ShuffledBatches(long seed) implements BalancedMultiSymbolSampler {

    @Override
    public int[][] batches(int[] rowsPerSymbol, int batchSize, int epoch) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size " + batchSize + " is not >= 1");
        }
        long total = 0;
        for (int r : rowsPerSymbol) {
            if (r < 0) {
                throw new IllegalArgumentException("negative row count " + r);
            }
            total += r;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(total + " rows are too many for one plan");
        }
        int n = (int) total;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        // a distinct, reproducible stream per epoch
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int count = (n + batchSize - 1) / batchSize;
        int[][] out = new int[count][];
        for (int b = 0; b < count; b++) {
            int from = b * batchSize;
            int to = Math.min(n, from + batchSize);
            out[b] = java.util.Arrays.copyOfRange(order, from, to);
        }
        return out;
    }
}
