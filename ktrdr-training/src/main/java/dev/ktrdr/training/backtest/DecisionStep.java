package dev.ktrdr.training.backtest;

import dev.ktrdr.api.DecisionEngine;
import dev.ktrdr.api.Label;
import dev.ktrdr.indicators.kernels.RollingSum;
import java.util.Objects;

/**
 * The one decision step that the {@link EventBacktester} and the live pipeline share: each base bar's
 * volume enters the volume window, the decision engine is called with the bar's probabilities, the
 * position held and the volume figures, and the decided label becomes the target position. Keeping it in
 * one place is what makes a live replay take the backtest's decisions bar by bar.
 *
 * <p>Volume window: the average volume is the mean of the last {@link #volumeWindow()} volumes fed
 * through {@link #addVolume}, kept by the exact rolling sum of ktrdr-indicators ({@link RollingSum}:
 * within about 1e-12 of the window's total volume, exactly the value over a flat window, and exact again
 * the bar after a huge volume has left the window); NaN until the window is full. Callers feed the
 * bars from {@code max(0, first - window + 1)} on, so the window is full at the first decision whenever
 * the series holds that many bars.
 *
 * <p>Target position: BUY is long (+1); SELL is short (-1) when shorts are allowed, else flat; HOLD keeps
 * the position. Not thread-safe; one instance per run.
 */
public final class DecisionStep {
    private final DecisionEngine engine;
    private final RuleDecisionEngine rules;
    private final boolean allowShort;
    private final RollingSum volumes;
    private final double[] buffer = new double[Label.COUNT];

    /**
     * @param engine the decision rules of a strategy (their volume window and short setting are used)
     */
    public DecisionStep(RuleDecisionEngine engine) {
        this(engine, engine.volumeWindow(), engine.allowShort());
    }

    /**
     * @param engine any decision engine
     * @param volumeWindow bars in the average volume, ≥ 1
     * @param allowShort whether SELL opens a short
     */
    public DecisionStep(DecisionEngine engine, int volumeWindow, boolean allowShort) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.rules = engine instanceof RuleDecisionEngine r ? r : null;
        if (volumeWindow < 1) {
            throw new IllegalArgumentException("volumeWindow " + volumeWindow + " is not ≥ 1");
        }
        this.allowShort = allowShort;
        this.volumes = new RollingSum(volumeWindow);
    }

    /** @return the number of bars in the average volume */
    public int volumeWindow() {
        return volumes.period();
    }

    /** @return whether SELL opens a short */
    public boolean allowShort() {
        return allowShort;
    }

    /** @param volume the next bar's volume */
    public void addVolume(double volume) {
        volumes.add(volume);
    }

    /** @return the mean volume of the last {@link #volumeWindow()} bars fed, NaN until that many were */
    public double averageVolume() {
        return volumes.full() ? volumes.mean() : Double.NaN;
    }

    /**
     * @param bar the base bar's index
     * @param closeTime its close time, UTC epoch ms
     * @param pBuy probability of BUY
     * @param pHold probability of HOLD
     * @param pSell probability of SELL
     * @param position the position held (-1, 0, 1)
     * @param volume the bar's volume (already fed through {@link #addVolume})
     * @return the decided label
     */
    public Label decide(int bar, long closeTime, double pBuy, double pHold, double pSell, int position, double volume) {
        double avg = averageVolume();
        if (rules != null) {
            return rules.decide(bar, closeTime, pBuy, pHold, pSell, position, volume, avg);
        }
        buffer[0] = pBuy;
        buffer[1] = pHold;
        buffer[2] = pSell;
        return engine.decide(new DecisionEngine.Context(bar, closeTime, buffer, position, volume, avg));
    }

    /**
     * @param label a decided label
     * @param position the position held
     * @return the target position
     */
    public int target(Label label, int position) {
        if (label == Label.BUY) {
            return 1;
        }
        if (label == Label.SELL) {
            return allowShort ? -1 : 0;
        }
        return position;
    }
}
