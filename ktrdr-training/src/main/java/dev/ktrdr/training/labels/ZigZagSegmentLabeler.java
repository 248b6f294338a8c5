package dev.ktrdr.training.labels;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Labeler;
import dev.ktrdr.api.Labels;

/**
 * ZigZag segment labels on closes. Extremes are found online: a running high (low) becomes a confirmed
 * extreme when the close later falls (rises) by {@code threshold} relative to it; the bar where that
 * happens is its confirmation bar. Between two consecutive confirmed extremes every bar strictly inside
 * the leg is {@link Label#BUY} if the leg rises (low to high) and {@link Label#SELL} if it falls; the
 * extremes themselves are {@link Label#HOLD}. Bars before the first extreme and after the last confirmed
 * one (the open, unconfirmed leg) are {@link Label#NONE}.
 *
 * <p><b>Horizon.</b> A bar's label is known once the extreme ending its leg is confirmed (for an extreme
 * itself: once it is confirmed), which can be arbitrarily far ahead; labels are not capped. The horizon is
 * therefore a property of the labelled series, not of the labeler: {@link Labels#horizon()} reports the
 * largest forward reach, in bars, from a labelled bar to the bar that confirmed its leg's end. The label of
 * bar i depends on bars {@code 0..i+horizon} only (the ZigZag is computed online, so a prefix of the series
 * confirms the same extremes), and the splits purge with that horizon before each cut. {@link #horizon()}
 * returns {@link Integer#MAX_VALUE}: no bound is known before the series is seen.
 *
 * <p><b>What segment labels measure.</b> The leg a bar belongs to is partly visible in its past: once a
 * leg has run for a while, the recent return already tells its direction, even on a random walk. A
 * classifier that predicts segment labels with high accuracy therefore has no edge by that fact alone;
 * report its accuracy beside the momentum baseline ({@code dev.ktrdr.training.eval.MomentumBaseline}) and
 * the majority-class baseline, and prefer {@link ZigZagForwardLabeler} or {@link TripleBarrierLabeler},
 * which a random walk makes unpredictable, to judge whether a model predicts anything.
 *
 * <p>Immutable and thread-safe. O(n) time.
 */
public final class ZigZagSegmentLabeler implements Labeler {
    private final double threshold;

    /**
     * @param threshold relative move that confirms an extreme, in (0, 1), e.g. 0.02 for 2 %
     * @throws ConfigurationException naming the parameter and its range
     */
    public ZigZagSegmentLabeler(double threshold) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new ConfigurationException("training.labels.zigzag_threshold", threshold + " is not in (0, 1)");
        }
        this.threshold = threshold;
    }

    /**
     * No bound is known before the series is seen; the actual horizon of a labelled series is
     * {@link Labels#horizon()}.
     *
     * @return {@link Integer#MAX_VALUE}
     */
    @Override
    public int horizon() {
        return Integer.MAX_VALUE;
    }

    /** @return the threshold */
    public double threshold() {
        return threshold;
    }

    /**
     * Labels a series; bars before the first confirmed extreme and in the open leg are {@link Label#NONE}.
     *
     * @param base the symbol's base series (NaN closes are not expected; a NaN never confirms an extreme)
     * @return the labels, with {@link Labels#horizon()} the largest forward reach actually used (0 when
     *     nothing is labelled)
     */
    @Override
    public Labels label(BarSeries base) {
        int n = base.size();
        byte[] out = new byte[n];
        java.util.Arrays.fill(out, Label.NONE);
        ZigZag z = ZigZag.of(base.closes(), threshold);
        int reach = 0;
        // an extreme is known once it is confirmed
        for (int k = 0; k < z.count; k++) {
            out[z.index[k]] = (byte) Label.HOLD.index();
            reach = Math.max(reach, z.confirmedAt[k] - z.index[k]);
        }
        // a bar inside a leg is known once the extreme ending the leg is confirmed; the first bar of the leg
        // waits longest
        for (int k = 0; k + 1 < z.count; k++) {
            byte leg = z.isHigh[k] ? (byte) Label.SELL.index() : (byte) Label.BUY.index();
            int from = z.index[k] + 1;
            int to = z.index[k + 1];
            for (int i = from; i < to; i++) {
                out[i] = leg;
            }
            if (from < to) {
                reach = Math.max(reach, z.confirmedAt[k + 1] - from);
            }
        }
        return new Labels(base.symbol(), base.openTimes(), out, reach);
    }

    /** Confirmed ZigZag extremes of a close series, computed online (past-only confirmation). */
    static final class ZigZag {
        final int[] index;
        final int[] confirmedAt;
        final boolean[] isHigh;
        final int count;

        private ZigZag(int[] index, int[] confirmedAt, boolean[] isHigh, int count) {
            this.index = index;
            this.confirmedAt = confirmedAt;
            this.isHigh = isHigh;
            this.count = count;
        }

        static ZigZag of(double[] close, double threshold) {
            int n = close.length;
            int[] index = new int[n];
            int[] confirmed = new int[n];
            boolean[] high = new boolean[n];
            int count = 0;
            if (n == 0) {
                return new ZigZag(index, confirmed, high, 0);
            }
            // direction: 0 unknown, +1 rising leg (tracking a high), -1 falling leg (tracking a low)
            int dir = 0;
            int hiIdx = 0;
            int loIdx = 0;
            for (int t = 1; t < n; t++) {
                double c = close[t];
                if (dir == 0) {
                    if (c > close[hiIdx]) {
                        hiIdx = t;
                    }
                    if (c < close[loIdx]) {
                        loIdx = t;
                    }
                    if (c >= close[loIdx] * (1 + threshold)) {
                        index[count] = loIdx;
                        confirmed[count] = t;
                        high[count++] = false;
                        dir = 1;
                        hiIdx = t;
                    } else if (c <= close[hiIdx] * (1 - threshold)) {
                        index[count] = hiIdx;
                        confirmed[count] = t;
                        high[count++] = true;
                        dir = -1;
                        loIdx = t;
                    }
                } else if (dir > 0) {
                    if (c > close[hiIdx]) {
                        hiIdx = t;
                    } else if (c <= close[hiIdx] * (1 - threshold)) {
                        index[count] = hiIdx;
                        confirmed[count] = t;
                        high[count++] = true;
                        dir = -1;
                        loIdx = t;
                    }
                } else {
                    if (c < close[loIdx]) {
                        loIdx = t;
                    } else if (c >= close[loIdx] * (1 + threshold)) {
                        index[count] = loIdx;
                        confirmed[count] = t;
                        high[count++] = false;
                        dir = 1;
                        hiIdx = t;
                    }
                }
            }
            return new ZigZag(index, confirmed, high, count);
        }
    }
}
