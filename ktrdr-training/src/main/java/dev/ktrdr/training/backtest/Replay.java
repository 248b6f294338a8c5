package dev.ktrdr.training.backtest;

import dev.ktrdr.api.Backtester.Trade;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The raw outcome of the event loop, before any performance figure is computed: what
 * {@link EventBacktester#replay} returns for callers that need only the equity curve or the trades
 * (parameter sweeps, walk-forward windows). The arrays belong to the caller: they are handed over, not
 * copied, and nothing else holds them.
 *
 * @param firstBar index of the first base bar of the window (the first bar with probabilities)
 * @param equity equity at the close of each base bar from firstBar on
 * @param trades closed trades in order
 * @param fills every fill in order
 * @param decisions per base bar, the class index decided at its close, or {@link dev.ktrdr.api.Label#NONE}
 * @param holdingBars per trade, the number of base bars it was held
 * @param exposedBars bars of the window that closed with an open position
 * @param tradedNotional Σ units × fill price over every fill
 * @param commissions commissions paid
 * @param slippage slippage paid, Σ units × |fill price − reference price|
 */
public record Replay(int firstBar, double[] equity, List<Trade> trades, List<Fill> fills, byte[] decisions,
                     int[] holdingBars, int exposedBars, double tradedNotional, double commissions, double slippage) {
    /** Copies the arrays and lists. */
    public Replay {
        equity = equity.clone();
        trades = List.copyOf(trades);
        fills = List.copyOf(fills);
        decisions = decisions.clone();
        holdingBars = holdingBars.clone();
    }

    /** @return a copy of equity */
    @Override
    public double[] equity() {
        return equity.clone();
    }

    /** @return a copy of decisions */
    @Override
    public byte[] decisions() {
        return decisions.clone();
    }

    /** @return a copy of holdingBars */
    @Override
    public int[] holdingBars() {
        return holdingBars.clone();
    }

    /** Equal when every component is, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Replay other && firstBar == other.firstBar && Arrays.equals(equity, other.equity)
                && Objects.equals(trades, other.trades) && Objects.equals(fills, other.fills)
                && Arrays.equals(decisions, other.decisions) && Arrays.equals(holdingBars, other.holdingBars)
                && exposedBars == other.exposedBars && Double.compare(tradedNotional, other.tradedNotional) == 0
                && Double.compare(commissions, other.commissions) == 0
                && Double.compare(slippage, other.slippage) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(firstBar, Arrays.hashCode(equity), trades, fills, Arrays.hashCode(decisions),
                Arrays.hashCode(holdingBars), exposedBars, tradedNotional, commissions, slippage);
    }

    /** Arrays are shown by type and length. */
    @Override
    public String toString() {
        return "Replay[firstBar=" + firstBar
                + ", equity=double[" + equity.length + "]"
                + ", trades=" + trades
                + ", fills=" + fills
                + ", decisions=byte[" + decisions.length + "]"
                + ", holdingBars=int[" + holdingBars.length + "]"
                + ", exposedBars=" + exposedBars
                + ", tradedNotional=" + tradedNotional
                + ", commissions=" + commissions
                + ", slippage=" + slippage + "]";
    }
}
