package dev.ktrdr.sdk;

import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.ConfigurationException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The window and costs of a backtest. Bars before {@code from} only warm the features up; decisions
 * start at the first bar whose open is at or after it. Costs: a commission as a fraction of traded
 * notional and slippage in basis points against each fill; fills happen at the next bar's open.
 *
 * @param from first bar to trade (empty: the first bar with features)
 * @param to last bar to trade, inclusive by open time (empty: the last bar)
 * @param execution capital, costs and sizing
 */
public record BacktestOptions(Optional<Instant> from, Optional<Instant> to, Backtester.Execution execution) {
    /** 100,000 of capital, 0.1 % commission, no slippage, all equity per position. */
    public static final BacktestOptions DEFAULTS = new BacktestOptions(Optional.empty(), Optional.empty(),
            new Backtester.Execution(100_000, 0.001, 0, 0, Backtester.Sizing.FRACTION_OF_EQUITY, 1.0));

    /** Checks presence and that the window is not empty. */
    public BacktestOptions {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(execution, "execution");
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new ConfigurationException("to", to.get() + " is before from " + from.get());
        }
    }

    /**
     * @param instant first bar to trade
     * @return these options with the window starting there
     */
    public BacktestOptions from(Instant instant) {
        return new BacktestOptions(Optional.of(instant), to, execution);
    }

    /**
     * @param instant last bar to trade
     * @return these options with the window ending there
     */
    public BacktestOptions to(Instant instant) {
        return new BacktestOptions(from, Optional.of(instant), execution);
    }

    /**
     * @param capital initial capital, &gt; 0
     * @param commission commission as a fraction of notional, in [0, 1)
     * @param slippageBps slippage in basis points, in [0, 10000)
     * @return these options with those costs (all equity per position)
     */
    public BacktestOptions costs(double capital, double commission, double slippageBps) {
        return new BacktestOptions(from, to, new Backtester.Execution(capital, commission, 0, slippageBps,
                Backtester.Sizing.FRACTION_OF_EQUITY, 1.0));
    }
}
