package dev.ktrdr.api;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Replays a model over history, event by event: decide at each base bar's close, fill at the next bar's
 * open with slippage and commission, size positions, allow long, short and flips, and force-close at the
 * end. It feeds the model through the same feature pipeline objects as training and checks the model's
 * feature spec first.
 *
 * <p>Implementations are thread-safe; each run is independent.
 */
@FunctionalInterface
public interface Backtester {

    /**
     * @param request what to replay
     * @return trades, equity curve and performance
     * @throws ModelException when the model's feature spec does not match the features built
     */
    Result run(Request request);

    /**
     * @param bars the symbol's bars on the model's timeframes
     * @param model the model
     * @param features the feature pipeline (the same kind of object that built the training features)
     * @param decisions the decision rules
     * @param execution costs, sizing and capital
     */
    record Request(MultiTimeframeBars bars, TradingModel model, FeatureBuilder features, DecisionEngine decisions,
                   Execution execution) {
        /**
         * Checks presence.
         *
         * @param bars the symbol's bars on the model's timeframes
         * @param model the model
         * @param features the feature pipeline (the same kind of object that built the training features)
         * @param decisions the decision rules
         * @param execution costs, sizing and capital
         */
        public Request {
            Objects.requireNonNull(bars, "bars");
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(features, "features");
            Objects.requireNonNull(decisions, "decisions");
            Objects.requireNonNull(execution, "execution");
        }
    }

    /**
     * @param initialCapital starting equity, > 0
     * @param commissionRate commission as a fraction of traded notional, ≥ 0
     * @param minimumCommission smallest commission per fill, ≥ 0
     * @param slippageBps slippage in basis points applied against the fill, ≥ 0
     * @param sizing how positions are sized
     * @param sizingValue the fraction of equity, the notional or the units, by sizing mode
     */
    record Execution(double initialCapital, double commissionRate, double minimumCommission, double slippageBps,
                     Sizing sizing, double sizingValue) {
        /**
         * Validates every value's range, naming the parameter.
         *
         * @param initialCapital starting equity, > 0
         * @param commissionRate commission as a fraction of traded notional, ≥ 0
         * @param minimumCommission smallest commission per fill, ≥ 0
         * @param slippageBps slippage in basis points applied against the fill, ≥ 0
         * @param sizing how positions are sized
         * @param sizingValue the fraction of equity, the notional or the units, by sizing mode
         */
        public Execution {
            if (!(initialCapital > 0) || !Double.isFinite(initialCapital)) {
                throw new ConfigurationException("capital", initialCapital + " is not in (0, +inf)");
            }
            if (!(commissionRate >= 0) || commissionRate >= 1) {
                throw new ConfigurationException("commission", commissionRate + " is not in [0, 1)");
            }
            if (!(minimumCommission >= 0) || !Double.isFinite(minimumCommission)) {
                throw new ConfigurationException("minimum_commission", minimumCommission + " is not in [0, +inf)");
            }
            if (!(slippageBps >= 0) || slippageBps >= 10_000) {
                throw new ConfigurationException("slippage", slippageBps + " bps is not in [0, 10000)");
            }
            Objects.requireNonNull(sizing, "sizing");
            if (!(sizingValue > 0) || !Double.isFinite(sizingValue)) {
                throw new ConfigurationException("sizing", sizingValue + " is not in (0, +inf)");
            }
        }
    }

    /** Position sizing modes. */
    enum Sizing {
        /** A fraction of current equity. */
        FRACTION_OF_EQUITY,
        /** A fixed notional in quote currency. */
        FIXED_NOTIONAL,
        /** A fixed number of units. */
        FIXED_UNITS
    }

    /**
     * @param entryTime fill time of the entry (a bar open), UTC epoch ms
     * @param exitTime fill time of the exit, UTC epoch ms
     * @param direction 1 long, -1 short
     * @param units position size in units
     * @param entryPrice fill price of the entry after slippage
     * @param exitPrice fill price of the exit after slippage
     * @param costs commissions paid on both fills
     * @param pnl profit after costs, in quote currency
     */
    record Trade(long entryTime, long exitTime, int direction, double units, double entryPrice, double exitPrice,
                 double costs, double pnl) {
    }

    /**
     * @param trades closed trades in order
     * @param equityTimes base bar open times of the equity curve
     * @param equity equity at each base bar's close
     * @param metrics performance figures: total_return, sharpe, sortino, max_drawdown, ... and the buy-and-hold benchmark
     */
    record Result(List<Trade> trades, long[] equityTimes, double[] equity, Map<String, Double> metrics) {
        /**
         * Copies everything.
         *
         * @param trades closed trades in order
         * @param equityTimes base bar open times of the equity curve
         * @param equity equity at each base bar's close
         * @param metrics performance figures: total_return, sharpe, sortino, max_drawdown, ... and the buy-and-hold benchmark
         */
        public Result {
            trades = List.copyOf(trades);
            equityTimes = equityTimes.clone();
            equity = equity.clone();
            metrics = Map.copyOf(metrics);
        }

        /** @return a copy of equityTimes */
        @Override
        public long[] equityTimes() {
            return equityTimes.clone();
        }

        /** @return a copy of equity */
        @Override
        public double[] equity() {
            return equity.clone();
        }

        /** Equal when every component is, arrays compared by content. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Result other && Objects.equals(trades, other.trades)
                    && Arrays.equals(equityTimes, other.equityTimes) && Arrays.equals(equity, other.equity)
                    && Objects.equals(metrics, other.metrics);
        }

        @Override
        public int hashCode() {
            return Objects.hash(trades, Arrays.hashCode(equityTimes), Arrays.hashCode(equity), metrics);
        }

        /** Arrays are shown by type and length. */
        @Override
        public String toString() {
            return "Result[trades=" + trades
                    + ", equityTimes=long[" + equityTimes.length + "]"
                    + ", equity=double[" + equity.length + "]"
                    + ", metrics=" + metrics + "]";
        }
    }
}
