package dev.ktrdr.training.labels;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Labeler;
import dev.ktrdr.api.Labels;
import java.util.Arrays;

/**
 * Triple-barrier labels. For bar i, σ is the sample standard deviation of the last
 * {@code volatilityWindow} log returns of closes, ending at bar i (past-only). The upper barrier is
 * {@code close[i]·exp(profitTake·σ)}, the lower {@code close[i]·exp(−stopLoss·σ)}. Scanning bars
 * {@code i+1 .. i+verticalBarrier}: the first bar whose high reaches the upper barrier makes
 * {@link Label#BUY}, whose low reaches the lower barrier {@link Label#SELL}; a bar touching both is
 * ambiguous (the order inside the bar is unknown) and makes {@link Label#HOLD}, as does reaching the
 * vertical barrier. Bars without a full volatility window, with σ = 0, or within {@code verticalBarrier}
 * bars of the end get {@link Label#NONE}.
 *
 * <p>The label of bar i depends on bars {@code i−volatilityWindow .. i+verticalBarrier} only (horizon =
 * verticalBarrier).
 *
 * <p>Immutable and thread-safe. O(n · verticalBarrier) time.
 */
public final class TripleBarrierLabeler implements Labeler {
    private final double profitTake;
    private final double stopLoss;
    private final int verticalBarrier;
    private final int volatilityWindow;

    /**
     * @param profitTake upper barrier in multiples of σ, &gt; 0
     * @param stopLoss lower barrier in multiples of σ, &gt; 0
     * @param verticalBarrier bars until the vertical barrier, ≥ 1
     * @param volatilityWindow log returns in the rolling σ, ≥ 2
     * @throws ConfigurationException naming the parameter and its range
     */
    public TripleBarrierLabeler(double profitTake, double stopLoss, int verticalBarrier, int volatilityWindow) {
        if (!(profitTake > 0) || !Double.isFinite(profitTake)) {
            throw new ConfigurationException("training.labels.profit_take", profitTake + " is not in (0, 100]");
        }
        if (!(stopLoss > 0) || !Double.isFinite(stopLoss)) {
            throw new ConfigurationException("training.labels.stop_loss", stopLoss + " is not in (0, 100]");
        }
        if (verticalBarrier < 1) {
            throw new ConfigurationException("training.labels.vertical_barrier", verticalBarrier + " is not in [1, 100000]");
        }
        if (volatilityWindow < 2) {
            throw new ConfigurationException("training.labels.volatility_window", volatilityWindow + " is not in [2, 100000]");
        }
        this.profitTake = profitTake;
        this.stopLoss = stopLoss;
        this.verticalBarrier = verticalBarrier;
        this.volatilityWindow = volatilityWindow;
    }

    @Override
    public int horizon() {
        return verticalBarrier;
    }

    @Override
    public Labels label(BarSeries base) {
        int n = base.size();
        double[] close = base.closes();
        double[] high = base.highs();
        double[] low = base.lows();
        byte[] out = new byte[n];
        Arrays.fill(out, Label.NONE);
        int w = volatilityWindow;
        for (int i = w; i + verticalBarrier < n; i++) {
            // two-pass mean and variance over the window: exact enough and free of drift
            double mean = 0;
            for (int k = i - w + 1; k <= i; k++) {
                mean += Math.log(close[k] / close[k - 1]);
            }
            mean /= w;
            double ss = 0;
            for (int k = i - w + 1; k <= i; k++) {
                double d = Math.log(close[k] / close[k - 1]) - mean;
                ss += d * d;
            }
            double sigma = Math.sqrt(ss / (w - 1));
            if (!(sigma > 0)) {
                continue;
            }
            double upper = close[i] * Math.exp(profitTake * sigma);
            double lower = close[i] * Math.exp(-stopLoss * sigma);
            byte label = (byte) Label.HOLD.index();
            for (int j = i + 1; j <= i + verticalBarrier; j++) {
                boolean up = high[j] >= upper;
                boolean down = low[j] <= lower;
                if (up && down) {
                    break;
                }
                if (up) {
                    label = (byte) Label.BUY.index();
                    break;
                }
                if (down) {
                    label = (byte) Label.SELL.index();
                    break;
                }
            }
            out[i] = label;
        }
        return new Labels(base.symbol(), base.openTimes(), out, verticalBarrier);
    }
}
