package dev.ktrdr.sdk;

import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.backtest.Performance;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a backtest of a stored model on one symbol produced. Immutable: the arrays are copied in and
 * out, and equality compares their contents.
 *
 * @param strategy the strategy name
 * @param symbol the symbol replayed
 * @param resolution the model that served it (rung, version, refusals)
 * @param baseTimeframe the bars' timeframe
 * @param execution capital, costs and sizing
 * @param warmupBars base bars before the window that only warmed the features up
 * @param trainedUntil where the model's training rows end (its validation cut)
 * @param inSampleOverlap true when the window starts before {@code trainedUntil} on a symbol the model
 *     trained on (the figures are then partly in sample)
 * @param figures the headline performance figures
 * @param trades closed trades in order
 * @param equityTimes open time of each base bar of the window, UTC epoch ms
 * @param equity equity at each of those bars' close
 * @param buyAndHold equity of buying at the window's first fill and holding, same instants
 */
public record BacktestReport(String strategy, Symbol symbol, Resolution resolution, Timeframe baseTimeframe,
                             Backtester.Execution execution, int warmupBars, Instant trainedUntil, boolean inSampleOverlap,
                             Figures figures, List<Backtester.Trade> trades, long[] equityTimes, double[] equity,
                             double[] buyAndHold) {
    /** Checks presence and lengths, copies everything. */
    public BacktestReport {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(baseTimeframe, "baseTimeframe");
        Objects.requireNonNull(execution, "execution");
        Objects.requireNonNull(trainedUntil, "trainedUntil");
        Objects.requireNonNull(figures, "figures");
        trades = List.copyOf(trades);
        equityTimes = equityTimes.clone();
        equity = equity.clone();
        buyAndHold = buyAndHold.clone();
        if (equity.length != equityTimes.length || buyAndHold.length != equityTimes.length || equity.length == 0) {
            throw new IllegalArgumentException("equity, buy-and-hold and times differ in length or are empty: "
                    + equity.length + ", " + buyAndHold.length + ", " + equityTimes.length);
        }
    }

    /**
     * The headline figures. Returns and drawdowns are fractions (0.05 = 5 %), the Sharpe and Sortino
     * ratios annualised with the bars per year measured on the symbol's own bars.
     *
     * @param totalReturn final over initial equity, minus 1
     * @param annualizedReturn the same, annualised
     * @param sharpe annualised Sharpe ratio of bar returns (risk-free rate 0)
     * @param sortino annualised Sortino ratio
     * @param maxDrawdown largest peak-to-trough fall of equity, as a fraction of the peak
     * @param winRate share of closed trades with a positive profit after costs
     * @param profitFactor gross profit over gross loss
     * @param tradeCount closed trades
     * @param exposure share of bars with an open position
     * @param costsPaid commission and slippage paid, in quote currency
     * @param buyHoldReturn the buy-and-hold benchmark's total return over the same window
     * @param all every figure {@link Performance} computes, by its key
     */
    public record Figures(double totalReturn, double annualizedReturn, double sharpe, double sortino, double maxDrawdown,
                          double winRate, double profitFactor, int tradeCount, double exposure, double costsPaid,
                          double buyHoldReturn, Map<String, Double> all) {
        /** Copies the map (sorted by key). */
        public Figures {
            all = Map.copyOf(all);
        }

        /**
         * @param metrics the backtester's figures
         * @return the typed figures (NaN where a figure is missing)
         */
        public static Figures of(Map<String, Double> metrics) {
            return new Figures(get(metrics, Performance.TOTAL_RETURN), get(metrics, Performance.ANNUALIZED_RETURN),
                    get(metrics, Performance.SHARPE), get(metrics, Performance.SORTINO),
                    get(metrics, Performance.MAX_DRAWDOWN), get(metrics, Performance.WIN_RATE),
                    get(metrics, Performance.PROFIT_FACTOR), (int) get(metrics, Performance.TRADE_COUNT),
                    get(metrics, Performance.EXPOSURE), get(metrics, Performance.COSTS_PAID),
                    get(metrics, Performance.BUY_HOLD_RETURN), metrics);
        }

        private static double get(Map<String, Double> m, String key) {
            Double v = m.get(key);
            return v == null ? Double.NaN : v;
        }
    }

    /** @return the first bar of the window */
    public Instant from() {
        return Instant.ofEpochMilli(equityTimes[0]);
    }

    /** @return the last bar of the window */
    public Instant to() {
        return Instant.ofEpochMilli(equityTimes[equityTimes.length - 1]);
    }

    /** @return the number of base bars in the window */
    public int bars() {
        return equityTimes.length;
    }

    /** @return a copy of the bar times */
    @Override
    public long[] equityTimes() {
        return equityTimes.clone();
    }

    /** @return a copy of the equity curve */
    @Override
    public double[] equity() {
        return equity.clone();
    }

    /** @return a copy of the buy-and-hold curve */
    @Override
    public double[] buyAndHold() {
        return buyAndHold.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BacktestReport r && strategy.equals(r.strategy) && symbol.equals(r.symbol)
                && resolution.equals(r.resolution) && baseTimeframe == r.baseTimeframe && execution.equals(r.execution)
                && warmupBars == r.warmupBars && trainedUntil.equals(r.trainedUntil) && inSampleOverlap == r.inSampleOverlap
                && figures.equals(r.figures) && trades.equals(r.trades) && Arrays.equals(equityTimes, r.equityTimes)
                && Arrays.equals(equity, r.equity) && Arrays.equals(buyAndHold, r.buyAndHold);
    }

    @Override
    public int hashCode() {
        return Objects.hash(strategy, symbol, resolution, baseTimeframe, figures, trades.size(), Arrays.hashCode(equity));
    }

    @Override
    public String toString() {
        return "BacktestReport[" + strategy + " on " + symbol + ", " + from() + " to " + to() + ", " + bars() + " bars, "
                + "total_return " + figures.totalReturn() + ", sharpe " + figures.sharpe() + "]";
    }

    /**
     * @return one JSON document: strategy, symbol, model (rung, directory, version, unseen_symbol,
     *     refusals), execution, base_timeframe, bars, from, to, in_sample_overlap, trained_until and
     *     metrics (every figure, non-finite ones as null)
     */
    public String toJson() {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("strategy", strategy);
        d.put("symbol", symbol.value());
        Map<String, Object> model = resolution.toMap();
        model.remove("strategy");
        model.remove("symbol");
        d.put("model", model);
        Map<String, Object> exec = new LinkedHashMap<>();
        exec.put("capital", execution.initialCapital());
        exec.put("commission", execution.commissionRate());
        exec.put("slippage_bps", execution.slippageBps());
        d.put("execution", exec);
        d.put("base_timeframe", baseTimeframe.label());
        d.put("bars", bars());
        d.put("warmup_bars", warmupBars);
        d.put("from", from().toString());
        d.put("to", to().toString());
        d.put("trained_until", trainedUntil.toString());
        d.put("in_sample_overlap", inSampleOverlap);
        Map<String, Object> metrics = new TreeMap<>();
        figures.all().forEach((k, v) -> metrics.put(k, Json.finite(v)));
        d.put("metrics", metrics);
        d.put("trade_count", trades.size());
        return Json.write(d);
    }
}
