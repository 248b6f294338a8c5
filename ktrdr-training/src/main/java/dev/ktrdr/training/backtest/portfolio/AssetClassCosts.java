package dev.ktrdr.training.backtest.portfolio;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.ConfigurationException;

/**
 * The trading costs of one asset class in a portfolio backtest: a commission as a fraction of traded
 * notional (at least a minimum per fill), slippage in basis points moved against each fill, and an annual
 * borrow rate charged on short positions when the portfolio's options ask for borrow costs.
 *
 * <p>Defaults per class ({@link #defaults(AssetClass)}), chosen as round figures for liquid instruments
 * traded by a retail or small institutional account; they are assumptions to override, not quotes:
 * <table>
 *   <caption>Default costs per asset class</caption>
 *   <tr><th>class</th><th>commission</th><th>slippage</th><th>borrow (shorts, per year)</th></tr>
 *   <tr><td>equity</td><td>5 bps</td><td>2 bps</td><td>0.5 %</td></tr>
 *   <tr><td>forex</td><td>0.2 bps</td><td>0.5 bps</td><td>0 (swap not modelled)</td></tr>
 *   <tr><td>crypto</td><td>10 bps</td><td>5 bps</td><td>10 %</td></tr>
 *   <tr><td>commodity</td><td>0.5 bps</td><td>2 bps</td><td>0</td></tr>
 *   <tr><td>index</td><td>1 bp</td><td>2 bps</td><td>0</td></tr>
 * </table>
 * A flat 10 bps on every fill, the single-symbol default, costs a forex strategy that trades hourly far
 * more than the spread a forex account pays; these defaults keep each class near its own market.
 *
 * @param commissionRate commission as a fraction of traded notional, in [0, 1)
 * @param minimumCommission smallest commission per fill, in [0, +inf)
 * @param slippageBps slippage in basis points against each fill, in [0, 10000)
 * @param borrowRate annual borrow rate on the notional of a short position, in [0, 1)
 */
public record AssetClassCosts(double commissionRate, double minimumCommission, double slippageBps, double borrowRate) {
    /** Validates each value's range, naming the parameter. */
    public AssetClassCosts {
        if (!(commissionRate >= 0) || commissionRate >= 1) {
            throw new ConfigurationException("commission", commissionRate + " is not in [0, 1)");
        }
        if (!(minimumCommission >= 0) || !Double.isFinite(minimumCommission)) {
            throw new ConfigurationException("minimum_commission", minimumCommission + " is not in [0, +inf)");
        }
        if (!(slippageBps >= 0) || slippageBps >= 10_000) {
            throw new ConfigurationException("slippage", slippageBps + " bps is not in [0, 10000)");
        }
        if (!(borrowRate >= 0) || borrowRate >= 1) {
            throw new ConfigurationException("borrow_rate", borrowRate + " is not in [0, 1)");
        }
    }

    /**
     * @param assetClass the class
     * @return its default costs (see the table above)
     */
    public static AssetClassCosts defaults(AssetClass assetClass) {
        switch (assetClass) {
            case EQUITY: return new AssetClassCosts(0.0005, 0, 2, 0.005);
            case FOREX: return new AssetClassCosts(0.00002, 0, 0.5, 0);
            case CRYPTO: return new AssetClassCosts(0.001, 0, 5, 0.10);
            case COMMODITY: return new AssetClassCosts(0.00005, 0, 2, 0);
            default: return new AssetClassCosts(0.0001, 0, 2, 0);
        }
    }
}
