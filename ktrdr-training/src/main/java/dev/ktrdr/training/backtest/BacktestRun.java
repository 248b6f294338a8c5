package dev.ktrdr.training.backtest;

import dev.ktrdr.api.Backtester;
import java.util.List;

/**
 * Everything a backtest produced: the api {@link Backtester.Result} and the detail behind it.
 *
 * @param result trades, equity curve and performance figures
 * @param fills every fill in order (entries, exits, the forced exit)
 * @param decisions per base bar, the {@link dev.ktrdr.api.Label#index()} decided at that bar's close, or
 *     {@link dev.ktrdr.api.Label#NONE} where no decision was taken (no features yet, or the last bar)
 * @param firstBar index of the first base bar of the backtest window (the first bar with probabilities);
 *     the equity curve starts at its close
 * @param holdingBars per trade, the number of base bars it was held
 */
public record BacktestRun(Backtester.Result result, List<Fill> fills, byte[] decisions, int firstBar, int[] holdingBars) {
    /** Copies everything. */
    public BacktestRun {
        fills = List.copyOf(fills);
        decisions = decisions.clone();
        holdingBars = holdingBars.clone();
    }

    /** @return a copy of the per-bar decisions */
    @Override
    public byte[] decisions() {
        return decisions.clone();
    }

    /** @return a copy of the holding periods */
    @Override
    public int[] holdingBars() {
        return holdingBars.clone();
    }
}
