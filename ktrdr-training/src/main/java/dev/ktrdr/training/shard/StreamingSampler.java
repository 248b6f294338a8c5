package dev.ktrdr.training.shard;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.internal.BalancedMultiSymbolSampler;
import dev.ktrdr.training.sampling.internal.MultiSymbolSampler;
import dev.ktrdr.training.sampling.internal.MultiSymbolSampler.Strategy;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * The balanced sampler for large universes: the same four strategies as
 * {@link dev.ktrdr.training.sampling.internal.MultiSymbolSampler} (row indices are global indices into the
 * concatenation of the symbols' training rows), but building an epoch costs O(symbols + rows drawn) time and
 * memory for every strategy, and an epoch can be capped at {@code samplesPerEpoch} rows
 * ({@code training.samples_per_epoch}).
 *
 * <p>Each symbol's rows are drawn through a lazy Fisher–Yates shuffle (a sparse map of the swapped
 * positions), so drawing d rows of a symbol with n rows costs O(d), not O(n); after all n rows were drawn a
 * fresh shuffle starts. Epoch size m: the strategy's own size (every row once for {@code concatenate},
 * {@code interleave} and {@code weighted}; for {@code balanced} enough batches of B that the largest symbol's
 * rows all appear), capped at {@code samplesPerEpoch} when that is positive (for {@code balanced} rounded up
 * to whole batches).
 * <ul>
 *   <li>{@code concatenate}: m rows drawn without replacement from all rows (uncapped: every row exactly once),
 *       batches of B.</li>
 *   <li>{@code interleave}: rounds of one row of each symbol that still has rows, in symbol order (uncapped:
 *       every row exactly once), cut after m rows.</li>
 *   <li>{@code balanced}: every batch holds exactly B rows, ⌊B/K⌋ or ⌈B/K⌉ of each of the K symbols with rows
 *       (the ⌈⌉ slots rotate; with K &gt; B each batch holds one row of B consecutive symbols); within an epoch a
 *       symbol's rows appear ⌊d/n⌋ or ⌈d/n⌉ times for its d draws.</li>
 *   <li>{@code weighted}: symbol k gets ⌊m·w_k/Σw⌋ or ⌈m·w_k/Σw⌉ of the m rows (systematic sampling over the
 *       cumulative weights), shuffled together; default weights √n_k.</li>
 * </ul>
 * Deterministic: batches depend only on the seed, the counts, the batch size, the cap and the epoch.
 * Immutable and thread-safe.
 */
public final class StreamingSampler implements BalancedMultiSymbolSampler {
    /** The default cap of rows per epoch ({@code training.samples_per_epoch} unset). */
    public static final int DEFAULT_SAMPLES_PER_EPOCH = dev.ktrdr.training.strategy.TrainingConfig.Scale.DEFAULT_SAMPLES_PER_EPOCH;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final Strategy strategy;
    private final long seed;
    private final int samplesPerEpoch;

    /**
     * @param strategy the combination strategy
     * @param seed the random seed
     * @param samplesPerEpoch the most rows per epoch, or 0 for the strategy's own epoch size
     * @throws ConfigurationException when {@code samplesPerEpoch} is negative
     */
    public StreamingSampler(Strategy strategy, long seed, int samplesPerEpoch) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.seed = seed;
        if (samplesPerEpoch < 0) {
            throw new ConfigurationException("training.samples_per_epoch", samplesPerEpoch + " is not in [0, "
                    + Integer.MAX_VALUE + "]");
        }
        this.samplesPerEpoch = samplesPerEpoch;
    }

    /**
     * The sampler a training run uses: today's {@link MultiSymbolSampler} (bit for bit the epochs of earlier
     * releases) while the strategy's own epoch is no larger than {@code samplesPerEpoch} (or the cap is 0) and,
     * for {@code weighted}, the universe has at most {@value #SMALL_WEIGHTED} symbols (its epoch costs
     * O(symbols) per row); otherwise this streaming sampler with the cap.
     *
     * @param strategy the balance strategy
     * @param seed the seed
     * @param samplesPerEpoch the cap, 0 for none
     * @return the sampler, deciding per epoch from the row counts
     */
    public static BalancedMultiSymbolSampler bounded(Strategy strategy, long seed, int samplesPerEpoch) {
        MultiSymbolSampler small = new MultiSymbolSampler(strategy, seed);
        StreamingSampler large = new StreamingSampler(strategy, seed, samplesPerEpoch);
        return (rowsPerSymbol, batchSize, epoch) -> {
            long total = 0;
            long max = 0;
            int active = 0;
            for (int n : rowsPerSymbol) {
                total += Math.max(0, n);
                max = Math.max(max, n);
                active += n > 0 ? 1 : 0;
            }
            long natural = strategy == Strategy.BALANCED
                    ? Math.max(1, (max * active + batchSize - 1) / Math.max(1, batchSize)) * batchSize : total;
            boolean today = (samplesPerEpoch == 0 || natural <= samplesPerEpoch)
                    && (strategy != Strategy.WEIGHTED || rowsPerSymbol.length <= SMALL_WEIGHTED);
            return (today ? small : large).batches(rowsPerSymbol, batchSize, epoch);
        };
    }

    /** The most symbols for which {@link #bounded} keeps today's weighted sampler. */
    public static final int SMALL_WEIGHTED = 64;

    /** @return the strategy */
    public Strategy strategy() {
        return strategy;
    }

    /** @return the cap of rows per epoch, 0 for none */
    public int samplesPerEpoch() {
        return samplesPerEpoch;
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
        int active = 0;
        int max = 0;
        for (int i = 0; i < k; i++) {
            if (rowsPerSymbol[i] < 0) {
                throw new IllegalArgumentException("symbol " + i + " has " + rowsPerSymbol[i] + " rows");
            }
            offsets[i] = total;
            total += rowsPerSymbol[i];
            if (rowsPerSymbol[i] > 0) {
                active++;
                max = Math.max(max, rowsPerSymbol[i]);
            }
        }
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(total + " rows do not fit int indices");
        }
        if (total == 0) {
            return new int[0][];
        }
        SplittableRandom rnd = new SplittableRandom(mix(seed + GOLDEN * (epoch + 1L)));
        switch (strategy) {
            case CONCATENATE: {
                int m = cap(total);
                return chunk(new LazyShuffle((int) total, 0, rnd.split()).take(m), batchSize);
            }
            case INTERLEAVE:
                return chunk(interleave(rowsPerSymbol, offsets, cap(total), rnd), batchSize);
            case BALANCED: {
                long natural = Math.max(1, (max * (long) active + batchSize - 1) / batchSize);
                long batches = samplesPerEpoch > 0
                        ? Math.min(natural, Math.max(1, (samplesPerEpoch + (long) batchSize - 1) / batchSize)) : natural;
                if (batches * batchSize > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException(batches + " batches of " + batchSize
                            + " exceed int indices; set training.samples_per_epoch");
                }
                return balanced(rowsPerSymbol, offsets, batchSize, (int) batches, rnd);
            }
            default:
                return chunk(weighted(rowsPerSymbol, offsets, cap(total), rnd), batchSize);
        }
    }

    private int cap(long natural) {
        return (int) (samplesPerEpoch > 0 ? Math.min(natural, samplesPerEpoch) : natural);
    }

    private static int[] interleave(int[] n, long[] offsets, int m, SplittableRandom rnd) {
        int k = n.length;
        LazyShuffle[] perms = new LazyShuffle[k];
        int[] live = new int[k];
        int liveCount = 0;
        for (int i = 0; i < k; i++) {
            if (n[i] > 0) {
                perms[i] = new LazyShuffle(n[i], (int) offsets[i], rnd.split());
                live[liveCount++] = i;
            }
        }
        int[] out = new int[m];
        int at = 0;
        for (int round = 0; at < m; round++) {
            int kept = 0;
            for (int j = 0; j < liveCount && at < m; j++) {
                int i = live[j];
                out[at++] = perms[i].next();
                if (round + 1 < n[i]) {
                    live[kept++] = i;
                }
            }
            liveCount = kept;
        }
        return out;
    }

    private static int[][] balanced(int[] n, long[] offsets, int b, int batches, SplittableRandom rnd) {
        int k = 0;
        for (int x : n) {
            k += x > 0 ? 1 : 0;
        }
        int[] activeSymbols = new int[k];
        LazyShuffle[] cyclers = new LazyShuffle[k];
        int j0 = 0;
        for (int i = 0; i < n.length; i++) {
            if (n[i] > 0) {
                activeSymbols[j0] = i;
                cyclers[j0] = new LazyShuffle(n[i], (int) offsets[i], rnd.split());
                j0++;
            }
        }
        int base = b / k;
        int extra = b % k;
        int[][] out = new int[batches][];
        for (int t = 0; t < batches; t++) {
            int[] batch = new int[b];
            int at = 0;
            int firstExtra = (int) ((long) t * extra % k);
            if (base > 0) {
                for (int j = 0; j < k; j++) {
                    int share = base + (Math.floorMod(j - firstExtra, k) < extra ? 1 : 0);
                    for (int q = 0; q < share; q++) {
                        batch[at++] = cyclers[j].next();
                    }
                }
            } else {
                // more symbols than rows in a batch: one row each of `extra` (= b) consecutive symbols
                for (int q = 0; q < extra; q++) {
                    batch[at++] = cyclers[(firstExtra + q) % k].next();
                }
            }
            shuffle(batch, rnd);
            out[t] = batch;
        }
        return out;
    }

    private static int[] weighted(int[] n, long[] offsets, int m, SplittableRandom rnd) {
        int k = n.length;
        double[] cumulative = new double[k + 1];
        for (int i = 0; i < k; i++) {
            cumulative[i + 1] = cumulative[i] + (n[i] == 0 ? 0 : Math.sqrt(n[i]));
        }
        double sum = cumulative[k];
        LazyShuffle[] cyclers = new LazyShuffle[k];
        int last = 0;
        for (int i = 0; i < k; i++) {
            cyclers[i] = n[i] == 0 ? null : new LazyShuffle(n[i], (int) offsets[i], rnd.split());
            last = n[i] == 0 ? last : i;
        }
        // systematic sampling: point j at (j + u) * sum / m picks the symbol whose cumulative interval holds it
        double u = rnd.nextDouble();
        int[] out = new int[m];
        int sym = 0;
        for (int j = 0; j < m; j++) {
            double x = (j + u) * sum / m;
            while (sym < last && (cumulative[sym + 1] <= x || n[sym] == 0)) {
                sym++;
            }
            out[j] = cyclers[sym].next();
        }
        shuffle(out, rnd);
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

    private static void shuffle(int[] a, SplittableRandom rnd) {
        MultiSymbolSampler.shuffle(a, rnd);
    }

    private static long mix(long z) {
        return MultiSymbolSampler.mix(z);
    }

    /**
     * Endless stream of a symbol's rows in lazily shuffled order: the i-th draw swaps position i with a random
     * later one, remembering only the positions touched (open addressing), and a fresh shuffle starts after n
     * draws. Memory and time O(draws).
     */
    static final class LazyShuffle {
        private final int n;
        private final int offset;
        private final SplittableRandom rnd;
        private int pos;
        private int[] keys = new int[16];
        private int[] values = new int[16];
        private int size;

        LazyShuffle(int n, int offset, SplittableRandom rnd) {
            this.n = n;
            this.offset = offset;
            this.rnd = rnd;
            Arrays.fill(keys, -1);
        }

        int next() {
            if (pos == n) {
                pos = 0;
                Arrays.fill(keys, -1);
                size = 0;
            }
            int j = pos + rnd.nextInt(n - pos);
            int vj = get(j);
            if (j != pos) {
                put(j, get(pos));
            }
            pos++;
            return offset + vj;
        }

        int[] take(int m) {
            int[] out = new int[m];
            for (int i = 0; i < m; i++) {
                out[i] = next();
            }
            return out;
        }

        private int get(int key) {
            int mask = keys.length - 1;
            for (int h = hash(key) & mask; ; h = (h + 1) & mask) {
                if (keys[h] == key) {
                    return values[h];
                }
                if (keys[h] == -1) {
                    return key;
                }
            }
        }

        private void put(int key, int value) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int h = hash(key) & mask;
            while (keys[h] != -1 && keys[h] != key) {
                h = (h + 1) & mask;
            }
            if (keys[h] == -1) {
                size++;
            }
            keys[h] = key;
            values[h] = value;
        }

        private void grow() {
            int[] k = keys;
            int[] v = values;
            keys = new int[k.length * 2];
            values = new int[k.length * 2];
            Arrays.fill(keys, -1);
            size = 0;
            for (int i = 0; i < k.length; i++) {
                if (k[i] != -1) {
                    put(k[i], v[i]);
                }
            }
        }

        private static int hash(int key) {
            int h = key * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }

    @Override
    public String toString() {
        return "StreamingSampler[" + strategy.name().toLowerCase(Locale.ROOT) + ", seed " + seed
                + (samplesPerEpoch > 0 ? ", " + samplesPerEpoch + " samples per epoch" : "") + "]";
    }
}
