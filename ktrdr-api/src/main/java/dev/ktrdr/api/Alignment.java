package dev.ktrdr.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of aligning timeframes on a base: for every kept base row, the index of the bar used from
 * each timeframe (the latest bar whose usable instant is ≤ the base bar's close time, rule 3; a bar of a
 * coarser timeframe is usable at the later of its close time and the close of the last base bar inside
 * its span, see {@link TimeframeAligner}). Any column
 * of any timeframe (OHLCV, indicator, membership) is gathered through these indices, so every row records
 * which source bar it used.
 *
 * @param base the base timeframe
 * @param baseRows indices into the base series of the kept rows, strictly increasing
 * @param sourceRows per timeframe (base included, in configured order), the source index used by each kept row
 * @param usableFrom per timeframe other than the base, for each of its bars (by source index) the instant
 *     from which the aligner used it: its close time, or later for a bar of a coarser timeframe whose
 *     span holds a base bar closing later (an after-close print), never earlier than the bar before it
 * @param warmupDropped base rows dropped because some timeframe was still warming up
 * @param gaps base rows dropped because some timeframe was stale (one entry per row and timeframe)
 */
public record Alignment(Timeframe base, int[] baseRows, Map<Timeframe, int[]> sourceRows,
                        Map<Timeframe, long[]> usableFrom, int warmupDropped, List<AlignmentGap> gaps) {
    /**
     * Copies the arrays and checks lengths.
     *
     * @param base the base timeframe
     * @param baseRows indices into the base series of the kept rows, strictly increasing
     * @param sourceRows per timeframe (base included, in configured order), the source index used by each kept row
     * @param usableFrom per timeframe other than the base, for each of its bars the instant from which it was used
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
        LinkedHashMap<Timeframe, long[]> usable = new LinkedHashMap<>();
        for (Map.Entry<Timeframe, long[]> e : usableFrom.entrySet()) {
            if (e.getKey() == base || !copy.containsKey(e.getKey())) {
                throw new IllegalArgumentException(e.getKey() + ": usable instants given for a timeframe that is the base or not aligned");
            }
            usable.put(e.getKey(), e.getValue().clone());
        }
        usableFrom = Collections.unmodifiableMap(usable);
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

    /**
     * The instant from which the aligner used each bar of a timeframe (the base bars are used at their
     * own close times).
     *
     * @param tf an aligned timeframe other than the base
     * @return a copy of the usable instants, UTC epoch ms, indexed like the timeframe's series
     * @throws IllegalArgumentException when tf is the base or was not aligned
     */
    public long[] usableFrom(Timeframe tf) {
        long[] u = usableFrom.get(tf);
        if (u == null) {
            throw new IllegalArgumentException("timeframe " + tf + (tf == base ? " is the base: its bars are used at their close times"
                    : " was not aligned; have " + usableFrom.keySet()));
        }
        return u.clone();
    }

    /**
     * The instant from which one bar of a timeframe was used, without copying the array.
     *
     * @param tf an aligned timeframe other than the base
     * @param sourceIndex an index into that timeframe's series
     * @return its usable instant, UTC epoch ms
     * @throws IllegalArgumentException when tf is the base or was not aligned
     */
    public long usableFrom(Timeframe tf, int sourceIndex) {
        long[] u = usableFrom.get(tf);
        if (u == null) {
            throw new IllegalArgumentException("timeframe " + tf + (tf == base ? " is the base: its bars are used at their close times"
                    : " was not aligned; have " + usableFrom.keySet()));
        }
        return u[sourceIndex];
    }

    /** @return sourceRows with every array copied */
    @Override
    public Map<Timeframe, int[]> sourceRows() {
        Map<Timeframe, int[]> copy = new LinkedHashMap<>();
        sourceRows.forEach((key, value) -> copy.put(key, value.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** @return usableFrom with every array copied */
    @Override
    public Map<Timeframe, long[]> usableFrom() {
        Map<Timeframe, long[]> copy = new LinkedHashMap<>();
        usableFrom.forEach((key, value) -> copy.put(key, value.clone()));
        return Collections.unmodifiableMap(copy);
    }

    /** Equal when every component is, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Alignment other) || !Objects.equals(base, other.base) || !Arrays.equals(baseRows, other.baseRows)
                || warmupDropped != other.warmupDropped || !Objects.equals(gaps, other.gaps)
                || !sourceRows.keySet().equals(other.sourceRows.keySet())
                || !usableFrom.keySet().equals(other.usableFrom.keySet())) {
            return false;
        }
        for (Map.Entry<Timeframe, int[]> entry : sourceRows.entrySet()) {
            if (!Arrays.equals(entry.getValue(), other.sourceRows.get(entry.getKey()))) {
                return false;
            }
        }
        for (Map.Entry<Timeframe, long[]> entry : usableFrom.entrySet()) {
            if (!Arrays.equals(entry.getValue(), other.usableFrom.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(base, Arrays.hashCode(baseRows), warmupDropped, gaps);
        for (Map.Entry<Timeframe, int[]> entry : sourceRows.entrySet()) {
            h += entry.getKey().hashCode() ^ Arrays.hashCode(entry.getValue());
        }
        for (Map.Entry<Timeframe, long[]> entry : usableFrom.entrySet()) {
            h += 31 * entry.getKey().hashCode() ^ Arrays.hashCode(entry.getValue());
        }
        return h;
    }

    /** Arrays are shown by type and length. */
    @Override
    public String toString() {
        return "Alignment[base=" + base
                + ", baseRows=int[" + baseRows.length + "]"
                + ", sourceRows=" + sourceRows.keySet()
                + ", usableFrom=" + usableFrom.keySet()
                + ", warmupDropped=" + warmupDropped
                + ", gaps=" + gaps + "]";
    }
}
