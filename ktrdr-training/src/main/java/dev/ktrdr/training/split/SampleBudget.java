package dev.ktrdr.training.split;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Symbol;
import java.util.Arrays;
import java.util.Objects;

/**
 * A per-symbol sample under a row budget that a single machine and a distributed host draw identically:
 * each row gets a pseudo-random key from the seed, its symbol and its bar time alone
 * ({@link #key(long, Symbol, long)}), and a symbol's sample is the {@code budget} rows with the smallest
 * (key, time). The key of a row does not depend on which other rows exist, how they are partitioned or in
 * what order they are read, so a cluster can pre-filter rows with {@link #threshold} (no shuffle of the
 * full rows), then keep the smallest keys of what is left, and get the same rows as {@link #select}.
 *
 * <p>Keys are 63-bit non-negative longs (a splitmix64 finaliser of the three inputs); the symbol enters
 * through {@link String#hashCode()} of its name, which the Java language specification fixes. Immutable
 * and thread-safe (static functions).
 */
public final class SampleBudget {
    /** The largest budget per symbol. */
    public static final int MAX_BUDGET = 50_000_000;

    private SampleBudget() {
    }

    /**
     * @param seed the sample's seed
     * @param symbol the row's symbol
     * @param time the row's bar open time, UTC epoch ms
     * @return the row's key in [0, 2^63)
     */
    public static long key(long seed, Symbol symbol, long time) {
        long z = mix(seed ^ 0x9E3779B97F4A7C15L);
        z = mix(z ^ symbol.value().hashCode());
        z = mix(z ^ time);
        return z >>> 1;
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The sample of one symbol.
     *
     * @param seed the sample's seed
     * @param symbol the symbol
     * @param times bar open time of every row of the symbol
     * @param candidates the rows to sample from (e.g. the symbol's training rows), ascending in index and time, each an
     *     index into times
     * @param budget the most rows to keep, in [1, {@value #MAX_BUDGET}]
     * @return the kept rows, ascending: all candidates when there are at most {@code budget}
     * @throws ConfigurationException naming {@code budget} when it is out of range
     */
    public static int[] select(long seed, Symbol symbol, long[] times, int[] candidates, int budget) {
        checkBudget(budget);
        Objects.requireNonNull(symbol, "symbol");
        if (candidates.length <= budget) {
            return candidates.clone();
        }
        long[] keys = new long[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            keys[i] = key(seed, symbol, times[candidates[i]]);
        }
        long[] sorted = keys.clone();
        Arrays.sort(sorted);
        long last = sorted[budget - 1];
        int below = 0;
        while (below < budget && sorted[below] < last) {
            below++;
        }
        // every key below the budget-th smallest, then rows with that key in time order (candidates ascend in time)
        int ties = budget - below;
        int[] out = new int[budget];
        int at = 0;
        for (int i = 0; i < candidates.length; i++) {
            if (keys[i] < last || (keys[i] == last && ties-- > 0)) {
                out[at++] = candidates[i];
            }
        }
        return out;
    }

    /**
     * A key bound for a first, row-local pass of a distributed sample: rows with {@code key < threshold} are
     * a superset of the sample with overwhelming probability (the expected count is the budget plus four
     * standard deviations plus 16); the host checks that each symbol kept at least
     * {@code min(budget, candidates)} rows and otherwise repeats the symbol with {@link Long#MAX_VALUE}.
     *
     * @param candidates the symbol's candidate rows
     * @param budget the budget, in [1, {@value #MAX_BUDGET}]
     * @return the bound, {@link Long#MAX_VALUE} when every row must be looked at
     */
    public static long threshold(long candidates, int budget) {
        checkBudget(budget);
        if (candidates <= budget) {
            return Long.MAX_VALUE;
        }
        double p = (budget + 4 * Math.sqrt(budget) + 16) / candidates;
        return p >= 1 ? Long.MAX_VALUE : (long) (p * 0x1p63);
    }

    private static void checkBudget(int budget) {
        if (budget < 1 || budget > MAX_BUDGET) {
            throw new ConfigurationException("budget", budget + " is not in [1, " + MAX_BUDGET + "]");
        }
    }
}
