package dev.ktrdr.training.backtest.portfolio;

import dev.ktrdr.api.ConfigurationException;
import java.util.Objects;

/**
 * How a portfolio backtest sizes each new position, with the portfolio's equity at the fill instant
 * (cash plus every open position marked at its symbol's last known price) and N the number of symbols:
 * <ul>
 *   <li>{@link Mode#EQUAL}: notional = weight × equity ÷ N (each symbol owns an equal slot of equity);</li>
 *   <li>{@link Mode#VOLATILITY}: notional = weight × equity ÷ N × targetVolatility ÷ σ, σ the
 *       annualised sample standard deviation of the symbol's last {@code lookback} close-to-close returns
 *       (per-bar σ × √bars per year of the symbol); no entry while fewer than lookback returns are known
 *       or σ is 0 (counted as a skipped entry);</li>
 *   <li>{@link Mode#CAP}: notional = symbolCap × equity.</li>
 * </ul>
 * Then, in every mode, the notional is cut to {@code symbolCap × equity} and to what the gross-exposure
 * cap leaves: {@code grossCap × equity − Σ |units| × last price} of the other open positions. An entry
 * whose notional ends at or below 0, or made while equity is not positive, is skipped and counted.
 * Units = notional ÷ fill price; the commission comes on top.
 *
 * @param mode the rule
 * @param weight the fraction of each slot used, in (0, +inf) (above 1 is leverage)
 * @param symbolCap largest notional of one position as a fraction of equity, in (0, +inf]
 * @param grossCap largest Σ |notional| of all positions as a fraction of equity, in (0, +inf]
 * @param lookback returns in the volatility estimate, in [2, 100000]
 * @param targetVolatility annualised volatility each position aims at in {@link Mode#VOLATILITY}, in (0, 10]
 */
public record PortfolioSizing(Mode mode, double weight, double symbolCap, double grossCap, int lookback,
                              double targetVolatility) {
    /** Equal weight, whole slots, no caps. */
    public static final PortfolioSizing EQUAL = new PortfolioSizing(Mode.EQUAL, 1, Double.POSITIVE_INFINITY,
            Double.POSITIVE_INFINITY, 20, 0.2);

    /** The sizing rules. */
    public enum Mode {
        /** Equal weight of equity per symbol. */
        EQUAL,
        /** Equal slots scaled by target ÷ realised volatility. */
        VOLATILITY,
        /** A fixed fraction of equity per position. */
        CAP
    }

    /** Validates each value's range, naming the parameter. */
    public PortfolioSizing {
        Objects.requireNonNull(mode, "mode");
        if (!(weight > 0) || !Double.isFinite(weight)) {
            throw new ConfigurationException("sizing.weight", weight + " is not in (0, +inf)");
        }
        if (!(symbolCap > 0)) {
            throw new ConfigurationException("sizing.symbol_cap", symbolCap + " is not in (0, +inf]");
        }
        if (!(grossCap > 0)) {
            throw new ConfigurationException("sizing.gross_cap", grossCap + " is not in (0, +inf]");
        }
        if (mode == Mode.CAP && !Double.isFinite(symbolCap)) {
            throw new ConfigurationException("sizing.symbol_cap", "cap sizing needs a finite cap per symbol");
        }
        if (lookback < 2 || lookback > 100_000) {
            throw new ConfigurationException("sizing.lookback", lookback + " is not in [2, 100000]");
        }
        if (!(targetVolatility > 0) || targetVolatility > 10) {
            throw new ConfigurationException("sizing.target_volatility", targetVolatility + " is not in (0, 10]");
        }
    }

    /**
     * @param targetVolatility annualised target, e.g. 0.2
     * @param lookback returns in the estimate
     * @return volatility-scaled sizing without caps
     */
    public static PortfolioSizing volatility(double targetVolatility, int lookback) {
        return new PortfolioSizing(Mode.VOLATILITY, 1, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, lookback,
                targetVolatility);
    }

    /**
     * @param symbolCap notional per position as a fraction of equity
     * @param grossCap gross exposure cap as a fraction of equity
     * @return cap sizing
     */
    public static PortfolioSizing cap(double symbolCap, double grossCap) {
        return new PortfolioSizing(Mode.CAP, 1, symbolCap, grossCap, 20, 0.2);
    }

    /**
     * @param symbol largest notional of one position as a fraction of equity
     * @param gross largest gross exposure as a fraction of equity
     * @return this sizing with those caps
     */
    public PortfolioSizing withCaps(double symbol, double gross) {
        return new PortfolioSizing(mode, weight, symbol, gross, lookback, targetVolatility);
    }
}
