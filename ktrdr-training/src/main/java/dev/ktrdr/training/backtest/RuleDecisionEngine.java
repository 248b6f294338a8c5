package dev.ktrdr.training.backtest;

import dev.ktrdr.api.DecisionEngine;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelException;
import java.time.Instant;
import java.util.Objects;

/**
 * The {@link DecisionEngine} made of {@link DecisionRule}s: at a bar's close it takes the model's most
 * probable class (ties go to the lowest class index, BUY before HOLD before SELL, as an argmax does);
 * HOLD stays HOLD; a BUY or SELL is emitted only when the rule is satisfied, otherwise HOLD. Every
 * emitted signal is remembered (bar and instant) for the separation rules.
 *
 * <p>Deciding allocates nothing: {@link #decide(int, long, double, double, double, int, double, double)}
 * takes primitives, and {@link #decide(Context)} unpacks the context into it.
 *
 * <p>Not thread-safe: the engine keeps the last signal. Use one instance per symbol and thread, and
 * {@link #reset()} it between independent runs (the backtester in this package does so).
 */
public final class RuleDecisionEngine implements DecisionEngine {
    private final DecisionRule rule;
    private final int volumeWindow;
    private final boolean allowShort;
    private final DecisionState state = new DecisionState();

    /**
     * @param rule the rule a BUY or SELL must satisfy
     * @param volumeWindow bars in the average volume a caller should supply, ≥ 1
     * @param allowShort whether SELL means "be short" (true) or only "exit a long" (false); read by the backtester
     */
    public RuleDecisionEngine(DecisionRule rule, int volumeWindow, boolean allowShort) {
        this.rule = Objects.requireNonNull(rule, "rule");
        if (volumeWindow < 1) {
            throw new IllegalArgumentException("volumeWindow " + volumeWindow + " is not ≥ 1");
        }
        this.volumeWindow = volumeWindow;
        this.allowShort = allowShort;
    }

    /**
     * @param config the strategy's {@code decisions:} section
     * @return a fresh engine applying it
     */
    public static RuleDecisionEngine of(DecisionConfig config) {
        return new RuleDecisionEngine(config.rule(), config.volumeWindow(), config.allowShort());
    }

    /** @return the number of bars in the average volume the caller should supply */
    public int volumeWindow() {
        return volumeWindow;
    }

    /** @return whether SELL may open or flip into a short */
    public boolean allowShort() {
        return allowShort;
    }

    /** Forgets the last signal, so the engine can start a new, independent run. */
    public void reset() {
        state.forget();
    }

    @Override
    public Label decide(Context context) {
        double[] p = context.probabilities();
        if (p == null || p.length != Label.COUNT) {
            throw new ModelException("bar " + context.barIndex() + ": expected " + Label.COUNT + " probabilities");
        }
        return decide(context.barIndex(), context.closeTime(), p[0], p[1], p[2], context.position(), context.volume(),
                context.averageVolume());
    }

    /**
     * Decides at one bar's close without allocating.
     *
     * @param barIndex index of the base bar whose close is the decision instant
     * @param closeTime the decision instant, UTC epoch ms
     * @param pBuy probability of BUY
     * @param pHold probability of HOLD
     * @param pSell probability of SELL
     * @param position current position: 1 long, 0 flat, -1 short
     * @param volume the bar's volume
     * @param averageVolume average volume over {@link #volumeWindow()} bars, NaN when unknown
     * @return BUY, HOLD or SELL
     * @throws ModelException when a probability is NaN or negative (a broken model; the message names the bar)
     * @throws IllegalArgumentException when the position is not -1, 0 or 1
     */
    public Label decide(int barIndex, long closeTime, double pBuy, double pHold, double pSell, int position,
                        double volume, double averageVolume) {
        if (!(pBuy >= 0) || !(pHold >= 0) || !(pSell >= 0)) {
            throw new ModelException("bar " + barIndex + " (close " + Instant.ofEpochMilli(closeTime)
                    + "): probabilities [" + pBuy + ", " + pHold + ", " + pSell + "] are not all ≥ 0");
        }
        if (position < -1 || position > 1) {
            throw new IllegalArgumentException("position " + position + " is not -1, 0 or 1");
        }
        Label candidate;
        if (pBuy >= pHold && pBuy >= pSell) {
            candidate = Label.BUY;
        } else if (pHold >= pSell) {
            return Label.HOLD;
        } else {
            candidate = Label.SELL;
        }
        state.refresh(barIndex, closeTime, pBuy, pHold, pSell, position, volume, averageVolume);
        if (rule.isSatisfied(candidate, state)) {
            state.remember(barIndex, closeTime);
            return candidate;
        }
        return Label.HOLD;
    }
}
