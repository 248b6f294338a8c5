package dev.ktrdr.training.backtest;

import dev.ktrdr.api.Label;

/**
 * What a {@link DecisionRule} may look at when it judges a candidate signal: the decision bar, the
 * model's probabilities, the current position, the bar's volume and the engine's memory of the last
 * signal it emitted.
 *
 * <p>This is a flyweight: the {@link RuleDecisionEngine} owns one instance and refreshes it before each
 * decision so that deciding allocates nothing. Rules must read it only during
 * {@link DecisionRule#isSatisfied} and never keep it. Not thread-safe (neither is the engine that owns
 * it: one engine per symbol and thread).
 */
public final class DecisionState {
    /** The value of {@link #lastSignalBar()} before any signal was emitted. */
    public static final int NO_SIGNAL_BAR = Integer.MIN_VALUE;
    /** The value of {@link #lastSignalTime()} before any signal was emitted. */
    public static final long NO_SIGNAL_TIME = Long.MIN_VALUE;

    private int barIndex;
    private long closeTime;
    private double pBuy;
    private double pHold;
    private double pSell;
    private int position;
    private double volume;
    private double averageVolume;
    private int lastSignalBar = NO_SIGNAL_BAR;
    private long lastSignalTime = NO_SIGNAL_TIME;

    DecisionState() {
    }

    void refresh(int barIndex, long closeTime, double pBuy, double pHold, double pSell, int position, double volume,
                 double averageVolume) {
        this.barIndex = barIndex;
        this.closeTime = closeTime;
        this.pBuy = pBuy;
        this.pHold = pHold;
        this.pSell = pSell;
        this.position = position;
        this.volume = volume;
        this.averageVolume = averageVolume;
    }

    void remember(int bar, long time) {
        lastSignalBar = bar;
        lastSignalTime = time;
    }

    void forget() {
        lastSignalBar = NO_SIGNAL_BAR;
        lastSignalTime = NO_SIGNAL_TIME;
    }

    /** @return index of the base bar whose close is the decision instant */
    public int barIndex() {
        return barIndex;
    }

    /** @return the decision instant (the bar's close), UTC epoch ms */
    public long closeTime() {
        return closeTime;
    }

    /**
     * @param label a class
     * @return the model's probability of that class at this bar
     */
    public double probability(Label label) {
        switch (label) {
            case BUY: return pBuy;
            case SELL: return pSell;
            default: return pHold;
        }
    }

    /** @return the current position: 1 long, 0 flat, -1 short */
    public int position() {
        return position;
    }

    /** @return the decision bar's volume */
    public double volume() {
        return volume;
    }

    /** @return the average volume over the volume filter's window, NaN when unknown */
    public double averageVolume() {
        return averageVolume;
    }

    /** @return the bar index of the last emitted BUY or SELL, or {@link #NO_SIGNAL_BAR} */
    public int lastSignalBar() {
        return lastSignalBar;
    }

    /** @return the decision instant of the last emitted BUY or SELL, or {@link #NO_SIGNAL_TIME} */
    public long lastSignalTime() {
        return lastSignalTime;
    }
}
