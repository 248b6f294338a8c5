package dev.ktrdr.training.backtest.portfolio;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.ConfigurationException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Capital, sizing and costs of a portfolio backtest.
 *
 * @param initialCapital starting cash, in (0, +inf)
 * @param sizing how new positions are sized
 * @param costs costs per asset class; a class missing here gets {@link AssetClassCosts#defaults}
 * @param chargeBorrow whether short positions pay their class's borrow rate
 */
public record PortfolioOptions(double initialCapital, PortfolioSizing sizing, Map<AssetClass, AssetClassCosts> costs,
                               boolean chargeBorrow) {
    /** Validates and copies. */
    public PortfolioOptions {
        if (!(initialCapital > 0) || !Double.isFinite(initialCapital)) {
            throw new ConfigurationException("capital", initialCapital + " is not in (0, +inf)");
        }
        Objects.requireNonNull(sizing, "sizing");
        costs = Map.copyOf(costs);
    }

    /**
     * @param capital starting cash
     * @return equal weight, default costs per class, no borrow cost
     */
    public static PortfolioOptions defaults(double capital) {
        return new PortfolioOptions(capital, PortfolioSizing.EQUAL, Map.of(), false);
    }

    /**
     * @param assetClass a class
     * @return its costs: the ones given, else the defaults
     */
    public AssetClassCosts costsOf(AssetClass assetClass) {
        AssetClassCosts c = costs.get(assetClass);
        return c != null ? c : AssetClassCosts.defaults(assetClass);
    }

    /**
     * @param s the sizing
     * @return these options with it
     */
    public PortfolioOptions withSizing(PortfolioSizing s) {
        return new PortfolioOptions(initialCapital, s, costs, chargeBorrow);
    }

    /**
     * @param assetClass a class
     * @param c its costs
     * @return these options with them
     */
    public PortfolioOptions withCosts(AssetClass assetClass, AssetClassCosts c) {
        Map<AssetClass, AssetClassCosts> m = new EnumMap<>(AssetClass.class);
        m.putAll(costs);
        m.put(assetClass, c);
        return new PortfolioOptions(initialCapital, sizing, m, chargeBorrow);
    }

    /**
     * @param c the same costs for every class
     * @return these options with them
     */
    public PortfolioOptions withCostsForAll(AssetClassCosts c) {
        Map<AssetClass, AssetClassCosts> m = new EnumMap<>(AssetClass.class);
        for (AssetClass a : AssetClass.values()) {
            m.put(a, c);
        }
        return new PortfolioOptions(initialCapital, sizing, m, chargeBorrow);
    }

    /**
     * @param on whether shorts pay borrow
     * @return these options with that setting
     */
    public PortfolioOptions withBorrow(boolean on) {
        return new PortfolioOptions(initialCapital, sizing, costs, on);
    }
}
