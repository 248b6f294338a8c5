package dev.ktrdr.fuzzy.frame;

import dev.ktrdr.api.AlignmentGap;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Timeframe;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A built multi-timeframe feature frame with its bookkeeping: the matrix, how many base rows were
 * dropped for warm-up, the stale rows the aligner reported, and for every timeframe the open time of the
 * source bar each row used and the instant from which it was used (for audits such as
 * {@code ktrdr features --with-source-times}).
 *
 * @param matrix the features, one row per kept base bar
 * @param warmupDropped base rows dropped because some timeframe was still warming up
 * @param gaps rows dropped because a timeframe was stale (one entry per row and timeframe)
 * @param sourceOpenTimes per aligned timeframe (configured order), the open time of the bar each row used
 * @param sourceCloseTimes per aligned timeframe (same keys), the instant from which the bar each row used
 *     was used: the base bar's close time for the base, the aligner's usable instant
 *     ({@link dev.ktrdr.api.Alignment#usableFrom}) for the others
 */
public record FeatureFrame(FeatureMatrix matrix, int warmupDropped, List<AlignmentGap> gaps,
                           Map<Timeframe, long[]> sourceOpenTimes, Map<Timeframe, long[]> sourceCloseTimes) {
    /** Copies the collections and checks that both time maps have the same timeframes. */
    public FeatureFrame {
        gaps = List.copyOf(gaps);
        if (!sourceOpenTimes.keySet().equals(sourceCloseTimes.keySet())) {
            throw new IllegalArgumentException("source open times for " + sourceOpenTimes.keySet()
                    + " but source close times for " + sourceCloseTimes.keySet());
        }
        LinkedHashMap<Timeframe, long[]> copy = new LinkedHashMap<>();
        sourceOpenTimes.forEach((k, v) -> copy.put(k, v.clone()));
        sourceOpenTimes = Collections.unmodifiableMap(copy);
        LinkedHashMap<Timeframe, long[]> closes = new LinkedHashMap<>();
        sourceCloseTimes.forEach((k, v) -> closes.put(k, v.clone()));
        sourceCloseTimes = Collections.unmodifiableMap(closes);
    }

    /**
     * @param tf an aligned timeframe
     * @return a copy of the source bar open times per row
     * @throws IllegalArgumentException when tf was not aligned
     */
    public long[] sourceOpenTimes(Timeframe tf) {
        long[] t = sourceOpenTimes.get(tf);
        if (t == null) {
            throw new IllegalArgumentException("timeframe " + tf + " was not aligned; have " + sourceOpenTimes.keySet());
        }
        return t.clone();
    }

    /**
     * @param tf an aligned timeframe
     * @return a copy of the instants from which each row's source bar was used
     * @throws IllegalArgumentException when tf was not aligned
     */
    public long[] sourceCloseTimes(Timeframe tf) {
        long[] t = sourceCloseTimes.get(tf);
        if (t == null) {
            throw new IllegalArgumentException("timeframe " + tf + " was not aligned; have " + sourceCloseTimes.keySet());
        }
        return t.clone();
    }

    /** @return sourceOpenTimes with every array copied */
    @Override
    public Map<Timeframe, long[]> sourceOpenTimes() {
        return copyOf(sourceOpenTimes);
    }

    /** @return sourceCloseTimes with every array copied */
    @Override
    public Map<Timeframe, long[]> sourceCloseTimes() {
        return copyOf(sourceCloseTimes);
    }

    /** Equal when every component is, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureFrame other && Objects.equals(matrix, other.matrix)
                && warmupDropped == other.warmupDropped && Objects.equals(gaps, other.gaps)
                && sameArrays(sourceOpenTimes, other.sourceOpenTimes) && sameArrays(sourceCloseTimes, other.sourceCloseTimes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(matrix, warmupDropped, gaps, arraysHash(sourceOpenTimes), arraysHash(sourceCloseTimes));
    }

    /** Arrays are shown by type and length. */
    @Override
    public String toString() {
        return "FeatureFrame[matrix=" + matrix
                + ", warmupDropped=" + warmupDropped
                + ", gaps=" + gaps
                + ", sourceOpenTimes=" + sourceOpenTimes.keySet()
                + ", sourceCloseTimes=" + sourceCloseTimes.keySet() + "]";
    }

    private static Map<Timeframe, long[]> copyOf(Map<Timeframe, long[]> m) {
        Map<Timeframe, long[]> copy = new LinkedHashMap<>();
        m.forEach((key, value) -> copy.put(key, value.clone()));
        return Collections.unmodifiableMap(copy);
    }

    private static boolean sameArrays(Map<Timeframe, long[]> a, Map<Timeframe, long[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<Timeframe, long[]> entry : a.entrySet()) {
            if (!Arrays.equals(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static int arraysHash(Map<Timeframe, long[]> m) {
        int h = 0;
        for (Map.Entry<Timeframe, long[]> entry : m.entrySet()) {
            h += entry.getKey().hashCode() ^ Arrays.hashCode(entry.getValue());
        }
        return h;
    }
}
