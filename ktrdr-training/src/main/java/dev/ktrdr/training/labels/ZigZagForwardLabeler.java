package dev.ktrdr.training.labels;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Labeler;
import dev.ktrdr.api.Labels;
import java.util.Arrays;

/**
 * ZigZag forward-window labels on closes. For bar i, over the closes of bars {@code i+1 .. i+lookahead}:
 * the largest rise {@code up = max(close)/close[i] − 1} (at the first bar reaching it) and the largest
 * fall {@code down = 1 − min(close)/close[i]}. The bar is {@link Label#BUY} when {@code up ≥ threshold},
 * the maximum lies at least {@code minSwing} bars after i and {@code up ≥ down}; {@link Label#SELL} when
 * {@code down ≥ threshold}, the minimum lies at least {@code minSwing} bars after i and
 * {@code down > up}; otherwise {@link Label#HOLD}. The last {@code lookahead} bars get {@link Label#NONE}.
 *
 * <p>The label of bar i depends on bars {@code i..i+lookahead} only (horizon = lookahead). On a random walk
 * the forward move is independent of the past, so no model can beat the majority class on these labels:
 * that is what the leak canary tests rely on.
 *
 * <p>Immutable and thread-safe. O(n · lookahead) time.
 */
public final class ZigZagForwardLabeler implements Labeler {
    private final double threshold;
    private final int lookahead;
    private final int minSwing;

    /**
     * @param threshold relative move that counts, in (0, 1)
     * @param lookahead forward window in bars, ≥ 1
     * @param minSwing least bars from the bar to the extreme of its move, in [1, lookahead]
     * @throws ConfigurationException naming the parameter and its range
     */
    public ZigZagForwardLabeler(double threshold, int lookahead, int minSwing) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new ConfigurationException("training.labels.zigzag_threshold", threshold + " is not in (0, 1)");
        }
        if (lookahead < 1) {
            throw new ConfigurationException("training.labels.label_lookahead", lookahead + " is not in [1, 100000]");
        }
        if (minSwing < 1 || minSwing > lookahead) {
            throw new ConfigurationException("training.labels.min_swing_length", minSwing + " is not in [1, " + lookahead + "]");
        }
        this.threshold = threshold;
        this.lookahead = lookahead;
        this.minSwing = minSwing;
    }

    @Override
    public int horizon() {
        return lookahead;
    }

    @Override
    public Labels label(BarSeries base) {
        int n = base.size();
        double[] close = base.closes();
        byte[] out = new byte[n];
        Arrays.fill(out, Label.NONE);
        for (int i = 0; i + lookahead < n; i++) {
            double c = close[i];
            int hi = i + 1;
            int lo = i + 1;
            for (int j = i + 2; j <= i + lookahead; j++) {
                if (close[j] > close[hi]) {
                    hi = j;
                }
                if (close[j] < close[lo]) {
                    lo = j;
                }
            }
            double up = close[hi] / c - 1;
            double down = 1 - close[lo] / c;
            byte label = (byte) Label.HOLD.index();
            if (up >= threshold && hi - i >= minSwing && up >= down) {
                label = (byte) Label.BUY.index();
            } else if (down >= threshold && lo - i >= minSwing && down > up) {
                label = (byte) Label.SELL.index();
            }
            out[i] = label;
        }
        return new Labels(base.symbol(), base.openTimes(), out, lookahead);
    }
}
