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
 * source bar each row used (for audits such as {@code ktrdr features --with-source-times}).
 *
 * @param matrix the features, one row per kept base bar
 * @param warmupDropped base rows dropped because some timeframe was still warming up
 * @param gaps rows dropped because a timeframe was stale (one entry per row and timeframe)
 * @param sourceOpenTimes per aligned timeframe (configured order), the open time of the bar each row used
 */
public record FeatureFrame(FeatureMatrix matrix, int warmupDropped, List<AlignmentGap> gaps,
                           Map<Timeframe, long[]> sourceOpenTimes) {
    /** Copies the collections. */
    public FeatureFrame {
        gaps = List.copyOf(gaps);
        LinkedHashMap<Timeframe, long[]> copy = new LinkedHashMap<>();
        sourceOpenTimes.forEach((k, v) -> copy.put(k, v.clone()));
        sourceOpenTimes = Collections.unmodifiableMap(copy);
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

    /** @return sourceOpenTimes with every array copied */
    @Override
    public Map<Timeframe, long[]> sourceOpenTimes() {
        Map<Timeframe, long[]> copy = new LinkedHashMap<>();
        sourceOpenTimes.forEach((key, value) -> copy.put(key, value.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** Equal when every component is, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureFrame other && Objects.equals(matrix, other.matrix)
                && warmupDropped == other.warmupDropped && Objects.equals(gaps, other.gaps)
                && sameArrays(sourceOpenTimes, other.sourceOpenTimes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(matrix, warmupDropped, gaps, arraysHash(sourceOpenTimes));
    }

    /** Arrays are shown by type and length. */
    @Override
    public String toString() {
        return "FeatureFrame[matrix=" + matrix
                + ", warmupDropped=" + warmupDropped
                + ", gaps=" + gaps
                + ", sourceOpenTimes=" + sourceOpenTimes.keySet() + "]";
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
