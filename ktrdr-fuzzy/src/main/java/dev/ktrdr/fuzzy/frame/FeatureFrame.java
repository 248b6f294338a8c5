package dev.ktrdr.fuzzy.frame;

import dev.ktrdr.api.AlignmentGap;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Timeframe;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
}
