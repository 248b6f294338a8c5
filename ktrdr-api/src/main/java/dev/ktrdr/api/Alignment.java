package dev.ktrdr.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
    /**
     * Copies the arrays and checks lengths.
     *
     * @param base the base timeframe
     * @param baseRows indices into the base series of the kept rows, strictly increasing
     * @param sourceRows per timeframe (base included, in configured order), the source index used by each kept row
     * @param warmupDropped base rows dropped because some timeframe was still warming up
     * @param gaps base rows dropped because some timeframe was stale (one entry per row and timeframe)
     */
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

    /**
     * @param tf a timeframe
     * @return a copy of the source indices used for it
     */
    public int[] sourceRows(Timeframe tf) {
        int[] r = sourceRows.get(tf);
        if (r == null) {
            throw new IllegalArgumentException("timeframe " + tf + " was not aligned; have " + sourceRows.keySet());
        }
        return r.clone();
    }

    /** @return sourceRows with every array copied */
    @Override
    public Map<Timeframe, int[]> sourceRows() {
        Map<Timeframe, int[]> copy = new LinkedHashMap<>();
        sourceRows.forEach((key, value) -> copy.put(key, value.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** Equal when every component is, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Alignment other && Objects.equals(base, other.base)
                && Arrays.equals(baseRows, other.baseRows) && sameArrays(sourceRows, other.sourceRows)
                && warmupDropped == other.warmupDropped && Objects.equals(gaps, other.gaps);
    }

    @Override
    public int hashCode() {
        return Objects.hash(base, Arrays.hashCode(baseRows), arraysHash(sourceRows), warmupDropped, gaps);
    }

    /** Arrays are shown by type and length. */
    @Override
    public String toString() {
        return "Alignment[base=" + base
                + ", baseRows=int[" + baseRows.length + "]"
                + ", sourceRows=" + sourceRows.keySet()
                + ", warmupDropped=" + warmupDropped
                + ", gaps=" + gaps + "]";
    }

    private static boolean sameArrays(Map<Timeframe, int[]> a, Map<Timeframe, int[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (Map.Entry<Timeframe, int[]> entry : a.entrySet()) {
            if (!Arrays.equals(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static int arraysHash(Map<Timeframe, int[]> m) {
        int h = 0;
        for (Map.Entry<Timeframe, int[]> entry : m.entrySet()) {
            h += entry.getKey().hashCode() ^ Arrays.hashCode(entry.getValue());
        }
        return h;
    }
}
