package dev.ktrdr.sdk;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.training.backtest.Performance;
import dev.ktrdr.training.backtest.portfolio.AssetClassCosts;
import dev.ktrdr.training.backtest.portfolio.PortfolioOptions;
import dev.ktrdr.training.backtest.portfolio.PortfolioRun;
import dev.ktrdr.training.backtest.portfolio.PortfolioSizing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a portfolio backtest of stored models produced: the models that served each symbol, the
 * settings, and the {@link PortfolioRun} (equity on the merged clock, the equal-weight buy-and-hold
 * benchmark, trades, per-symbol contribution, exposure by asset class, return correlation, figures).
 *
 * @param strategy the strategy name
 * @param models per symbol, in the run's order, the model that served it
 * @param options window and portfolio settings
 * @param run the run
 */
public record PortfolioReport(String strategy, List<Resolution> models, PortfolioBacktestOptions options, PortfolioRun run) {
    /** Checks presence and that there is one model per symbol. */
    public PortfolioReport {
        Objects.requireNonNull(strategy, "strategy");
        models = List.copyOf(models);
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(run, "run");
        if (models.size() != run.symbols().size()) {
            throw new IllegalArgumentException(models.size() + " models for " + run.symbols().size() + " symbols");
        }
    }

    /** @return the headline figures of the portfolio (buy-and-hold: the equal-weight benchmark) */
    public BacktestReport.Figures figures() {
        return BacktestReport.Figures.of(run.metrics());
    }

    /** @return the first equity point's instant (a close time) */
    public Instant from() {
        return Instant.ofEpochMilli(run.times()[0]);
    }

    /** @return the last equity point's instant */
    public Instant to() {
        long[] t = run.times();
        return Instant.ofEpochMilli(t[t.length - 1]);
    }

    /**
     * @return one JSON document: strategy, from, to, points, capital, sizing, costs per asset class present,
     *     borrow, metrics (every figure, non-finite as null), per-symbol rows (asset class, model rung and
     *     directory, unseen symbol, trades, contribution in currency and as a fraction of initial capital,
     *     traded notional, commissions, buy-and-hold return), exposure by asset class and the correlation
     *     matrix of daily returns (null where undefined)
     */
    public String toJson() {
        PortfolioOptions p = options.portfolio();
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("strategy", strategy);
        d.put("from", from().toString());
        d.put("to", to().toString());
        d.put("points", run.times().length);
        d.put("capital", p.initialCapital());
        PortfolioSizing s = p.sizing();
        Map<String, Object> sizing = new LinkedHashMap<>();
        sizing.put("mode", s.mode().name().toLowerCase(Locale.ROOT));
        sizing.put("weight", s.weight());
        sizing.put("symbol_cap", Json.finite(s.symbolCap()));
        sizing.put("gross_cap", Json.finite(s.grossCap()));
        if (s.mode() == PortfolioSizing.Mode.VOLATILITY) {
            sizing.put("lookback", s.lookback());
            sizing.put("target_volatility", s.targetVolatility());
        }
        d.put("sizing", sizing);
        Map<String, Object> costs = new LinkedHashMap<>();
        for (SymbolInfo i : run.symbols()) {
            AssetClass a = i.assetClass();
            if (!costs.containsKey(a.id())) {
                AssetClassCosts c = p.costsOf(a);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("commission", c.commissionRate());
                m.put("minimum_commission", c.minimumCommission());
                m.put("slippage_bps", c.slippageBps());
                m.put("borrow_rate", p.chargeBorrow() ? c.borrowRate() : 0.0);
                costs.put(a.id(), m);
            }
        }
        d.put("costs", costs);
        d.put("borrow", p.chargeBorrow());
        Map<String, Object> metrics = new TreeMap<>();
        run.metrics().forEach((k, v) -> metrics.put(k, Json.finite(v)));
        d.put("metrics", metrics);
        List<Object> rows = new ArrayList<>();
        for (int i = 0; i < run.symbols().size(); i++) {
            PortfolioRun.SymbolFigures f = run.perSymbol().get(i);
            Resolution r = models.get(i);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("symbol", f.info().symbol().value());
            m.put("asset_class", f.info().assetClass().id());
            m.put("rung", r.rung().name().toLowerCase(Locale.ROOT));
            m.put("model", r.directory().getFileName().toString());
            m.put("unseen_symbol", r.unseenSymbol());
            m.put("trades", f.trades());
            m.put("contribution", Json.finite(f.contribution()));
            m.put("contribution_of_capital", Json.finite(f.contribution() / p.initialCapital()));
            m.put("traded_notional", f.tradedNotional());
            m.put("commissions", f.commissions());
            m.put("buy_hold_return", Json.finite(f.buyHoldReturn()));
            rows.add(m);
        }
        d.put("symbols", rows);
        Map<String, Object> byClass = new TreeMap<>();
        run.exposureByClass().forEach((k, v) -> byClass.put(k.id(), Json.finite(v)));
        d.put("exposure_by_asset_class", byClass);
        double[][] c = run.correlation();
        List<Object> matrix = new ArrayList<>();
        for (double[] row : c) {
            List<Double> r = new ArrayList<>();
            for (double v : row) {
                r.add(Json.finite(v));
            }
            matrix.add(r);
        }
        Map<String, Object> corr = new LinkedHashMap<>();
        corr.put("of", "daily returns (last close of each UTC day)");
        corr.put("symbols", run.symbols().stream().map(i -> i.symbol().value()).toList());
        corr.put("matrix", matrix);
        d.put("correlation", corr);
        d.put("turnover", Json.finite(run.metrics().getOrDefault(Performance.TURNOVER, Double.NaN)));
        return Json.write(d);
    }
}
