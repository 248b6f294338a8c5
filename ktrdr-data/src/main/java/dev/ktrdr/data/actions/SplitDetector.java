package dev.ktrdr.data.actions;

import dev.ktrdr.api.BarSeries;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds jumps that look like an unrecorded split: a bar whose open is the previous bar's close divided
 * (split) or multiplied (reverse split) by one of the usual ratios 2, 3, 4, 5, 7, 8, 10, 15, 20, within
 * 3%. A genuine move of that size between two bars is rare enough that each hit deserves a look; the
 * ratio and the date are reported, nothing is changed.
 */
public final class SplitDetector {
    private static final int[] RATIOS = {2, 3, 4, 5, 7, 8, 10, 15, 20};
    private static final double TOLERANCE = 0.03;

    private SplitDetector() {
    }

    /**
     * A suspected split.
     *
     * @param at open time of the first bar on the new basis
     * @param ratio {@code "7:1"} (split) or {@code "1:2"} (reverse split)
     * @param previousClose the close before
     * @param open the open after
     */
    public record Suspect(Instant at, String ratio, double previousClose, double open) {
        @Override
        public String toString() {
            return at + ": " + ratio + " (close " + previousClose + " then open " + open + ")";
        }
    }

    /**
     * @param s a series
     * @return every suspected split, in time order
     */
    public static List<Suspect> detect(BarSeries s) {
        List<Suspect> out = new ArrayList<>();
        for (int i = 1; i < s.size(); i++) {
            double prev = s.close(i - 1);
            double open = s.open(i);
            double r = prev / open;
            for (int k : RATIOS) {
                if (Math.abs(r / k - 1) <= TOLERANCE) {
                    out.add(new Suspect(Instant.ofEpochMilli(s.openTime(i)), k + ":1", prev, open));
                } else if (Math.abs(r * k - 1) <= TOLERANCE) {
                    out.add(new Suspect(Instant.ofEpochMilli(s.openTime(i)), "1:" + k, prev, open));
                }
            }
        }
        return out;
    }
}
