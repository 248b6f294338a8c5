package dev.ktrdr.training.backtest;

import dev.ktrdr.api.Backtester.Trade;
import java.util.List;

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
}
