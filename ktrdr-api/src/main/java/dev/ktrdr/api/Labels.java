package dev.ktrdr.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * The labels of one symbol's base series: one byte per base bar ({@link Label#index()}, or
 * {@link Label#NONE} where the labeler's look-ahead window is incomplete), stamped with the bars' open
 * times so that they can only be paired with features of the same symbol and the same bars.
 *
 * @param symbol the symbol labelled
 * @param times open times of the labelled base bars, strictly increasing
 * @param classes class index per bar, or {@link Label#NONE}
 * @param horizon the labeler's forward horizon in bars (sets the purge gap)
 */
public record Labels(Symbol symbol, long[] times, byte[] classes, int horizon) {
    /**
     * Validates lengths, class values and the horizon; takes defensive copies.
     *
     * @param symbol the symbol labelled
     * @param times open times of the labelled base bars, strictly increasing
     * @param classes class index per bar, or {@link Label#NONE}
     * @param horizon the labeler's forward horizon in bars (sets the purge gap)
     */
    public Labels {
        Objects.requireNonNull(symbol, "symbol");
        times = times.clone();
        classes = classes.clone();
        if (times.length != classes.length) {
            throw new IllegalArgumentException(symbol + ": " + times.length + " times but " + classes.length + " labels");
        }
        if (horizon < 0) {
            throw new IllegalArgumentException(symbol + ": horizon " + horizon + " is negative");
        }
        for (byte c : classes) {
            if (c != Label.NONE && (c < 0 || c >= Label.COUNT)) {
                throw new IllegalArgumentException(symbol + ": label value " + c + " is not -1, 0, 1 or 2");
            }
        }
    }

    /** @return a copy of the bar times */
    @Override
    public long[] times() {
        return times.clone();
    }

    /** @return a copy of the class indices */
    @Override
    public byte[] classes() {
        return classes.clone();
    }

    /** @return the number of bars */
    public int size() {
        return classes.length;
    }

    /**
     * @param i bar index
     * @return the class index of bar i, or {@link Label#NONE}
     */
    public byte classAt(int i) {
        return classes[i];
    }

    /**
     * @param i bar index
     * @return the open time of bar i
     */
    public long timeAt(int i) {
        return times[i];
    }

    /** @return counts of BUY, HOLD, SELL and unlabelled rows, in that order */
    public long[] classCounts() {
        long[] counts = new long[Label.COUNT + 1];
        for (byte c : classes) {
            counts[c == Label.NONE ? Label.COUNT : c]++;
        }
        return counts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels l && symbol.equals(l.symbol) && horizon == l.horizon
                && Arrays.equals(times, l.times) && Arrays.equals(classes, l.classes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, horizon, Arrays.hashCode(times), Arrays.hashCode(classes));
    }

    @Override
    public String toString() {
        return "Labels[" + symbol + ", " + classes.length + " bars, horizon " + horizon + "]";
    }
}
