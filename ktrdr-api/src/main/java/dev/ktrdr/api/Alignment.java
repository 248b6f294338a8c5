package dev.ktrdr.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of aligning timeframes on a base: for every kept base row, the index of the bar used from
 * each timeframe (the latest bar whose close time is ≤ the base bar's close time, rule 3). Any column
 * of any timeframe (OHLCV, indicator, membership) is gathered through these indices, so every row records
 * which source bar it used.
 *
 * @param base the base timeframe
 * @param baseRows indices into the base series of the kept rows, strictly increasing
 * @param sourceRows per timeframe (base included, in configured order), the source index used by each kept row
 * @param warmupDropped base rows dropped because some timeframe was still warming up
 * @param gaps base rows dropped because some timeframe was stale (one entry per row and timeframe)
 */
public record Alignment(Timeframe base, int[] baseRows, Map<Timeframe, int[]> sourceRows, int warmupDropped,
                        List<AlignmentGap> gaps) {
    /** Copies the arrays and checks lengths. */
    public Alignment {
        baseRows = baseRows.clone();
        LinkedHashMap<Timeframe, int[]> copy = new LinkedHashMap<>();
        for (Map.Entry<Timeframe, int[]> e : sourceRows.entrySet()) {
            if (e.getValue().length != baseRows.length) {
                throw new IllegalArgumentException(e.getKey() + ": " + e.getValue().length + " source rows for "
                        + baseRows.length + " base rows");
            }
            copy.put(e.getKey(), e.getValue().clone());
        }
        sourceRows = Collections.unmodifiableMap(copy);
        gaps = List.copyOf(gaps);
    }

    /** @return the number of kept rows */
    public int rows() {
        return baseRows.length;
    }

    /** @return a copy of the kept base row indices */
    @Override
    public int[] baseRows() {
        return baseRows.clone();
    }

    /** @param tf a timeframe @return a copy of the source indices used for it */
    public int[] sourceRows(Timeframe tf) {
        int[] r = sourceRows.get(tf);
        if (r == null) {
            throw new IllegalArgumentException("timeframe " + tf + " was not aligned; have " + sourceRows.keySet());
        }
        return r.clone();
    }
}
