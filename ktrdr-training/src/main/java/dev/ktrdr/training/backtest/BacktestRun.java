package dev.ktrdr.training.backtest;

import dev.ktrdr.api.Backtester;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

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

    /** Equal when every component is, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof BacktestRun other && Objects.equals(result, other.result)
                && Objects.equals(fills, other.fills) && Arrays.equals(decisions, other.decisions)
                && firstBar == other.firstBar && Arrays.equals(holdingBars, other.holdingBars);
    }

    @Override
    public int hashCode() {
        return Objects.hash(result, fills, Arrays.hashCode(decisions), firstBar, Arrays.hashCode(holdingBars));
    }

    /** Arrays are shown by type and length. */
    @Override
    public String toString() {
        return "BacktestRun[result=" + result
                + ", fills=" + fills
                + ", decisions=byte[" + decisions.length + "]"
                + ", firstBar=" + firstBar
                + ", holdingBars=int[" + holdingBars.length + "]" + "]";
    }
}
