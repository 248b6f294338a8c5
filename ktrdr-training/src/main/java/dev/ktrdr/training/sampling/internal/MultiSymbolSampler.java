package dev.ktrdr.training.sampling.internal;

import dev.ktrdr.api.internal.BalancedMultiSymbolSampler;
import dev.ktrdr.api.ConfigurationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The {@link BalancedMultiSymbolSampler} of ktrdr-training. Rows are global indices into the concatenation
 * of the symbols' training rows (symbol k owns {@code [offset_k, offset_k + n_k)}); nothing outside
 * {@code [0, Σ n_k)} is ever drawn, so when it is given training-split counts it draws from the training
 * split only. Strategies:
 * <ul>
 *   <li>{@link Strategy#CONCATENATE}: every row once per epoch, shuffled together; batches of B (the last
 *       may be smaller).</li>
 *   <li>{@link Strategy#INTERLEAVE}: every row once per epoch; each symbol's rows shuffled, then taken in
 *       rounds (one row of each symbol that still has rows, in symbol order).</li>
 *   <li>{@link Strategy#BALANCED}: every batch holds exactly B rows, ⌊B/K⌋ or ⌈B/K⌉ of each of the K
 *       symbols that have rows (the ⌈⌉ slots rotate between symbols from batch to batch); the epoch has
 *       enough batches that every row of the largest symbol appears; smaller symbols cycle through
 *       fresh shuffles of their rows, so within an epoch each of their rows appears ⌊m/n⌋ or ⌈m/n⌉ times.</li>
 *   <li>{@link Strategy#WEIGHTED}: Σ n_k rows per epoch, shared among symbols in proportion to their
 *       weights by smooth weighted round robin (after t rows symbol k has had t·w_k/Σw rows, within the
 *       number of symbols); rows of each symbol cycle through fresh shuffles. Default weights: √n_k.</li>
 * </ul>
 * Deterministic: batches depend only on the seed, the counts, the batch size and the epoch. Immutable
 * and thread-safe.
 */
public final class MultiSymbolSampler implements BalancedMultiSymbolSampler {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /** Combination strategies. */
    public enum Strategy {
        /** All rows shuffled together. */
        CONCATENATE,
        /** Rows taken in rounds across symbols. */
        INTERLEAVE,
        /** Equal share of each symbol in every batch. */
        BALANCED,
        /** Shares in proportion to weights. */
        WEIGHTED;

        /**
         * @param text {@code concatenate}, {@code interleave}, {@code balanced} or {@code weighted}
         * @return the strategy
         * @throws ConfigurationException naming {@code model.multi_symbol.balance_strategy}
         */
        public static Strategy parse(String text) {
            for (Strategy s : values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(text)) {
                    return s;
                }
            }
            throw new ConfigurationException("model.multi_symbol.balance_strategy", "'" + text
                    + "' is not one of [concatenate, interleave, balanced, weighted]");
        }
    }

    private final Strategy strategy;
    private final long seed;
    private final double[] weights;

    /**
     * @param strategy the combination strategy (for {@link Strategy#WEIGHTED} the weights are √n_k)
     * @param seed the random seed
     */
    public MultiSymbolSampler(Strategy strategy, long seed) {
        this(strategy, seed, null);
    }

    private MultiSymbolSampler(Strategy strategy, long seed, double[] weights) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.seed = seed;
        this.weights = weights == null ? null : weights.clone();
        if (weights != null) {
            for (double w : weights) {
                if (!(w > 0) || !Double.isFinite(w)) {
                    throw new ConfigurationException("weights", "weight " + w + " is not in (0, +inf)");
                }
            }
        }
    }

    /**
     * @param seed the random seed
     * @param weights one positive weight per symbol, in symbol order
     * @return a weighted sampler
     */
    public static MultiSymbolSampler weighted(long seed, double... weights) {
        return new MultiSymbolSampler(Strategy.WEIGHTED, seed, weights);
    }

    /** @return the strategy */
    public Strategy strategy() {
        return strategy;
    }

    @Override
    public int[][] batches(int[] rowsPerSymbol, int batchSize, int epoch) {
        if (batchSize < 1) {
            throw new ConfigurationException("training.batch_size", batchSize + " is not in [1, 1000000]");
        }
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch " + epoch + " is negative");
        }
        int k = rowsPerSymbol.length;
        long[] offsets = new long[k];
        long total = 0;
        for (int i = 0; i < k; i++) {
            if (rowsPerSymbol[i] < 0) {
                throw new IllegalArgumentException("symbol " + i + " has " + rowsPerSymbol[i] + " rows");
            }
            offsets[i] = total;
            total += rowsPerSymbol[i];
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(total + " rows do not fit int indices");
        }
        if (weights != null && weights.length != k) {
            throw new ConfigurationException("weights", weights.length + " weights for " + k + " symbols");
        }
        SplittableRandom rnd = new SplittableRandom(mix(seed + GOLDEN * (epoch + 1L)));
        if (total == 0) {
            return new int[0][];
        }
        switch (strategy) {
            case CONCATENATE: return chunk(concatenate((int) total, rnd), batchSize);
            case INTERLEAVE: return chunk(interleave(rowsPerSymbol, offsets, rnd), batchSize);
            case BALANCED: return balanced(rowsPerSymbol, offsets, batchSize, rnd);
            default: return chunk(weighted(rowsPerSymbol, offsets, (int) total, rnd), batchSize);
        }
    }

    private static int[] concatenate(int total, SplittableRandom rnd) {
        int[] all = new int[total];
        for (int i = 0; i < total; i++) {
            all[i] = i;
        }
        shuffle(all, rnd);
        return all;
    }

    private static int[] interleave(int[] n, long[] offsets, SplittableRandom rnd) {
        int k = n.length;
        int[][] perms = new int[k][];
        int max = 0;
        int total = 0;
        for (int i = 0; i < k; i++) {
            perms[i] = permutation(n[i], rnd);
            max = Math.max(max, n[i]);
            total += n[i];
        }
        int[] out = new int[total];
        int at = 0;
        for (int round = 0; round < max; round++) {
            for (int i = 0; i < k; i++) {
                if (round < n[i]) {
                    out[at++] = (int) offsets[i] + perms[i][round];
                }
            }
        }
        return out;
    }

    private static int[][] balanced(int[] n, long[] offsets, int b, SplittableRandom rnd) {
        List<Integer> active = new ArrayList<>();
        int max = 0;
        for (int i = 0; i < n.length; i++) {
            if (n[i] > 0) {
                active.add(i);
                max = Math.max(max, n[i]);
            }
        }
        int k = active.size();
        int base = b / k;
        int extra = b % k;
        int batches = (int) Math.max(1, (max * (long) k + b - 1) / b);
        Cycler[] cyclers = new Cycler[k];
        for (int j = 0; j < k; j++) {
            int s = active.get(j);
            cyclers[j] = new Cycler(n[s], (int) offsets[s], rnd.split());
        }
        int[][] out = new int[batches][];
        for (int t = 0; t < batches; t++) {
            int[] batch = new int[b];
            int at = 0;
            // the ⌈B/K⌉ slots go to `extra` consecutive symbols, starting further along at each batch
            int firstExtra = (int) ((long) t * extra % k);
            for (int j = 0; j < k; j++) {
                int share = base + (Math.floorMod(j - firstExtra, k) < extra ? 1 : 0);
                for (int q = 0; q < share; q++) {
                    batch[at++] = cyclers[j].next();
                }
            }
            shuffle(batch, rnd);
            out[t] = batch;
        }
        return out;
    }

    private int[] weighted(int[] n, long[] offsets, int total, SplittableRandom rnd) {
        int k = n.length;
        double[] w = new double[k];
        double sum = 0;
        for (int i = 0; i < k; i++) {
            w[i] = n[i] == 0 ? 0 : weights != null ? weights[i] : Math.sqrt(n[i]);
            sum += w[i];
        }
        Cycler[] cyclers = new Cycler[k];
        for (int i = 0; i < k; i++) {
            cyclers[i] = n[i] == 0 ? null : new Cycler(n[i], (int) offsets[i], rnd.split());
        }
        double[] current = new double[k];
        int[] out = new int[total];
        for (int t = 0; t < total; t++) {
            int pick = -1;
            for (int i = 0; i < k; i++) {
                if (w[i] > 0) {
                    current[i] += w[i];
                    if (pick < 0 || current[i] > current[pick]) {
                        pick = i;
                    }
                }
            }
            current[pick] -= sum;
            out[t] = cyclers[pick].next();
        }
        return out;
    }

    private static int[][] chunk(int[] order, int b) {
        int batches = (order.length + b - 1) / b;
        int[][] out = new int[batches][];
        for (int t = 0; t < batches; t++) {
            out[t] = Arrays.copyOfRange(order, t * b, Math.min(order.length, (t + 1) * b));
        }
        return out;
    }

    private static int[] permutation(int n, SplittableRandom rnd) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        shuffle(p, rnd);
        return p;
    }

    /**
     * Fisher-Yates shuffle in place, the one every sampler of the library uses (so the streaming form draws
     * exactly what this one draws).
     *
     * @param a the array
     * @param rnd the random source
     */
    public static void shuffle(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /**
     * SplitMix64's finaliser, which derives a symbol's seed from the sampler's.
     *
     * @param z the value
     * @return its mix
     */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Endless stream of a symbol's rows: a fresh shuffle each time all rows were drawn. */
    private static final class Cycler {
        private final int[] perm;
        private final int offset;
        private final SplittableRandom rnd;
        private int pos;

        Cycler(int n, int offset, SplittableRandom rnd) {
            this.perm = permutation(n, rnd);
            this.offset = offset;
            this.rnd = rnd;
        }

        int next() {
            if (pos == perm.length) {
                shuffle(perm, rnd);
                pos = 0;
            }
            return offset + perm[pos++];
        }
    }

    @Override
    public String toString() {
        return "MultiSymbolSampler[" + strategy.name().toLowerCase(Locale.ROOT) + ", seed " + seed + "]";
    }
}
