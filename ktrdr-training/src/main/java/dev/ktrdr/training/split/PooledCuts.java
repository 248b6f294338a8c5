package dev.ktrdr.training.split;

import dev.ktrdr.api.Label;
import java.util.Objects;

/**
 * The cuts of {@link ChronologicalSplitter#split} computed from a histogram of the pooled labelled bar
 * times instead of the rows themselves, and the part each row falls in: the form a distributed host needs,
 * where the rows of all symbols never sit in one memory. The histogram (distinct times in ascending order,
 * each with its count of labelled rows over all symbols) is exact and small: one entry per bar time of the
 * universe, not per row. The cuts equal the splitter's (same quantile rule: the pooled time at index
 * {@code min(N - 1, floor(q · N))}) and {@link #part} places every row as {@link ChronologicalSplitter}
 * does, including the purge before each cut with the row's own label end.
 *
 * <p>Exact: integer arithmetic on counts except {@code q · N}, which is the splitter's own double product.
 * Immutable and thread-safe.
 *
 * @param validationCut the first validation bar time (rows before it are training rows)
 * @param testCut the first test bar time, {@link Long#MAX_VALUE} when the split has no test part
 */
public record PooledCuts(long validationCut, long testCut) {
    /** {@link #part}: a training row. */
    public static final byte TRAIN = 0;
    /** {@link #part}: a validation row. */
    public static final byte VALIDATION = 1;
    /** {@link #part}: a test row. */
    public static final byte TEST = 2;
    /** {@link #part}: a labelled row purged before a cut (its label window crosses it). */
    public static final byte PURGED = 3;
    /** {@link #part}: an unlabelled row, never placed. */
    public static final byte UNLABELLED = 4;

    /** Checks the order of the cuts. */
    public PooledCuts {
        if (testCut < validationCut) {
            throw new IllegalArgumentException("test cut " + testCut + " is before validation cut " + validationCut);
        }
    }

    /**
     * @param times distinct labelled bar times, ascending, UTC epoch ms
     * @param counts labelled rows at each time over all symbols, each ≥ 1
     * @param train fraction for training, in (0, 1)
     * @param validation fraction for validation, in [0, 1)
     * @param test fraction for testing, in [0, 1); the three sum to 1
     * @return the cuts {@link ChronologicalSplitter#split} finds on the same rows
     * @throws dev.ktrdr.api.ConfigurationException naming {@code training.data_split} for bad fractions
     * @throws IllegalArgumentException for an empty, unsorted or mismatched histogram
     */
    public static PooledCuts of(long[] times, long[] counts, double train, double validation, double test) {
        new ChronologicalSplitter(train, validation, test); // the one validation path of the fractions
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(counts, "counts");
        if (times.length != counts.length) {
            throw new IllegalArgumentException(times.length + " times but " + counts.length + " counts");
        }
        long total = 0;
        for (int i = 0; i < times.length; i++) {
            if (counts[i] < 1) {
                throw new IllegalArgumentException("count " + counts[i] + " at time " + times[i] + " is below 1");
            }
            if (i > 0 && times[i] <= times[i - 1]) {
                throw new IllegalArgumentException("times are not strictly ascending at index " + i);
            }
            total += counts[i];
        }
        if (total == 0) {
            throw new IllegalArgumentException("no labelled rows to split");
        }
        long cut1 = quantile(times, counts, total, train);
        long cut2 = test == 0 ? Long.MAX_VALUE : quantile(times, counts, total, train + validation);
        return new PooledCuts(cut1, cut2);
    }

    /**
     * The index in the sorted pooled times at which {@link ChronologicalSplitter} takes a cut, for hosts that
     * find the time at that index themselves (for example from coarse buckets first, then the exact times of
     * one bucket).
     *
     * @param total labelled rows over all symbols, ≥ 1
     * @param q the cumulative fraction ({@code train}, or {@code train + validation})
     * @return {@code min(total - 1, floor(q · total))}
     */
    public static long index(long total, double q) {
        if (total < 1) {
            throw new IllegalArgumentException("no labelled rows to split");
        }
        return (long) Math.min(total - 1, Math.floor(q * total));
    }

    /** The pooled time at index min(N - 1, floor(q N)), as ChronologicalSplitter takes it. */
    private static long quantile(long[] times, long[] counts, long total, double q) {
        long index = index(total, q);
        long seen = 0;
        for (int i = 0; i < times.length; i++) {
            seen += counts[i];
            if (index < seen) {
                return times[i];
            }
        }
        return times[times.length - 1];
    }

    /**
     * @param label the row's class index, or {@link Label#NONE}
     * @param time the row's bar open time
     * @param labelEnd the open time of the last base bar its label may look at
     *     ({@link dev.ktrdr.training.features.SymbolDataset#labelEnd(int)})
     * @return {@link #TRAIN}, {@link #VALIDATION}, {@link #TEST}, {@link #PURGED} or {@link #UNLABELLED}
     */
    public byte part(byte label, long time, long labelEnd) {
        if (label == Label.NONE) {
            return UNLABELLED;
        }
        if (time < validationCut) {
            return labelEnd < validationCut ? TRAIN : PURGED;
        }
        if (time < testCut) {
            return labelEnd < testCut ? VALIDATION : PURGED;
        }
        return TEST;
    }
}
