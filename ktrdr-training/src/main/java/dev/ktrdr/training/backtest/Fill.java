package dev.ktrdr.training.backtest;

/**
 * One execution of the backtester: a buy or a sell of some units at a reference price (a bar's open,
 * or the last bar's close for the forced exit) moved against the trader by the slippage, with its
 * commission.
 *
 * @param bar index of the base bar whose open (or, when forced, close) the fill happened at
 * @param time the fill instant, UTC epoch ms: the bar's open time, or its close time when forced
 * @param decisionBar index of the base bar at whose close the order was decided (always {@code bar - 1}),
 *     or -1 for the forced exit at the end
 * @param side +1 buy, -1 sell
 * @param units units traded, &gt; 0
 * @param referencePrice the price before slippage
 * @param price the fill price after slippage
 * @param commission commission paid on this fill
 * @param forced true for the exit forced at the end of the data
 */
public record Fill(int bar, long time, int decisionBar, int side, double units, double referencePrice, double price,
                   double commission, boolean forced) {
}
