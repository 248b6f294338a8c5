package dev.ktrdr.sdk;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.training.backtest.portfolio.PortfolioOptions;
import dev.ktrdr.training.backtest.portfolio.PortfolioSizing;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The window, capital, sizing and costs of a portfolio backtest. Bars before {@code from} only warm the
 * features up; each symbol trades from its first bar at or after it that has features.
 *
 * @param from first bar to trade (empty: each symbol's first bar with features)
 * @param to last bar to trade, inclusive by open time (empty: each symbol's last bar)
 * @param portfolio capital, sizing, costs per asset class, borrow
 */
public record PortfolioBacktestOptions(Optional<Instant> from, Optional<Instant> to, PortfolioOptions portfolio) {
    /** 100,000 of capital, equal weight, the default costs of each asset class, no borrow cost. */
    public static final PortfolioBacktestOptions DEFAULTS = new PortfolioBacktestOptions(Optional.empty(), Optional.empty(),
            PortfolioOptions.defaults(100_000));

    /** Checks presence and that the window is not empty. */
    public PortfolioBacktestOptions {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(portfolio, "portfolio");
        if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
            throw new ConfigurationException("to", to.get() + " is before from " + from.get());
        }
    }

    /** @param instant first bar to trade @return these options with the window starting there */
    public PortfolioBacktestOptions from(Instant instant) {
        return new PortfolioBacktestOptions(Optional.of(instant), to, portfolio);
    }

    /** @param instant last bar to trade @return these options with the window ending there */
    public PortfolioBacktestOptions to(Instant instant) {
        return new PortfolioBacktestOptions(from, Optional.of(instant), portfolio);
    }

    /** @param p the portfolio settings @return these options with them */
    public PortfolioBacktestOptions with(PortfolioOptions p) {
        return new PortfolioBacktestOptions(from, to, p);
    }

    /** @param s the sizing @return these options with it */
    public PortfolioBacktestOptions sizing(PortfolioSizing s) {
        return new PortfolioBacktestOptions(from, to, portfolio.withSizing(s));
    }
}
