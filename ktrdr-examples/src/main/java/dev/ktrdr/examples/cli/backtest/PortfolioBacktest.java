package dev.ktrdr.examples.cli.backtest;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.io.AtomicFiles;
import dev.ktrdr.sdk.DataSource;
import dev.ktrdr.sdk.Ktrdr;
import dev.ktrdr.sdk.PortfolioBacktestOptions;
import dev.ktrdr.sdk.PortfolioReport;
import dev.ktrdr.sdk.Resolution;
import dev.ktrdr.sdk.StrategyInput;
import dev.ktrdr.training.backtest.BacktestCsv;
import dev.ktrdr.training.backtest.portfolio.AssetClassCosts;
import dev.ktrdr.training.backtest.portfolio.PortfolioOptions;
import dev.ktrdr.training.backtest.portfolio.PortfolioRun;
import dev.ktrdr.training.backtest.portfolio.PortfolioSizing;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code ktrdr backtest S.yaml --portfolio --symbols A,B,C|--all --data-dir DIR --models-dir M
 * [--sizing equal|vol|cap] [--symbol-cap F] [--gross-cap F] [--borrow] [--default-costs] ...}: a thin client
 * of {@link Ktrdr#backtestPortfolio}. With {@code --all}, the data source's symbols that no stored model
 * serves are listed on stderr and left out. Costs: {@code --commission} and {@code --slippage} for every
 * asset class, or with {@code --default-costs} each class's defaults ({@link AssetClassCosts#defaults}).
 * {@code --out} writes {@code equity.csv}, {@code buy_and_hold.csv} (the equal-weight benchmark),
 * {@code trades.csv}, {@code per_symbol.csv} and {@code summary.json}.
 */
final class PortfolioBacktest {
    private final BacktestCommand c;

    PortfolioBacktest(BacktestCommand c) {
        this.c = c;
    }

    Integer call() {
        if (c.symbol != null) {
            throw new ConfigurationException("--symbol", "with --portfolio name the symbols with --symbols A,B,C or --all");
        }
        if ((c.symbols == null) == !c.all) {
            throw new ConfigurationException("--symbols", "--portfolio needs exactly one of --symbols A,B,C and --all");
        }
        if (!Files.isDirectory(c.modelsDir)) {
            throw new ConfigurationException("--models-dir", c.modelsDir + " is not a directory");
        }
        StrategyInput input = StrategyInput.file(c.strategyFile);
        Strategy strategy = StrategyLoader.parse(input.yaml(), input.source());
        PrintWriter err = c.spec.commandLine().getErr();
        Ktrdr ktrdr = Ktrdr.open(DataSource.of(c.data.open()), c.modelsDir).withFeatureCache(c.featureCache());
        List<Symbol> symbols = new ArrayList<>();
        if (c.all) {
            for (SymbolInfo info : ktrdr.data().available().get()) {
                try {
                    ktrdr.resolve(strategy.name(), info.symbol(), List.of());
                    symbols.add(info.symbol());
                } catch (ModelException | DataException e) {
                    err.println("ktrdr: left out " + info.symbol() + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
            if (symbols.isEmpty()) {
                throw new ConfigurationException("--all", "no symbol of " + ktrdr.data().description()
                        + " is served by a stored model of " + strategy.name());
            }
        } else {
            if (c.symbols.size() > 10_000) {
                throw new ConfigurationException("--symbols", c.symbols.size() + " symbols is more than 10000");
            }
            for (String s : c.symbols) {
                symbols.add(Symbol.of(s.trim()));
            }
        }
        PortfolioOptions p = PortfolioOptions.defaults(c.capital).withSizing(sizing()).withBorrow(c.borrow);
        if (!c.defaultCosts) {
            for (AssetClass a : AssetClass.values()) {
                AssetClassCosts d = AssetClassCosts.defaults(a);
                p = p.withCosts(a, new AssetClassCosts(c.commission, 0, c.slippage, d.borrowRate()));
            }
        }
        PortfolioBacktestOptions options = PortfolioBacktestOptions.DEFAULTS.with(p);
        if (c.from != null) {
            options = options.from(c.fromInstant());
        }
        PortfolioReport report = ktrdr.backtestPortfolio(strategy.name(), symbols, options);
        String text = report.toJson();
        if (c.out != null) {
            write(c.out, report, text);
        }
        PrintWriter o = c.spec.commandLine().getOut();
        if (c.json) {
            o.println(text);
        } else {
            print(o, report);
            if (c.out != null) {
                o.println("wrote equity.csv, buy_and_hold.csv, trades.csv, per_symbol.csv and summary.json into " + c.out);
            }
        }
        o.flush();
        return 0;
    }

    private PortfolioSizing sizing() {
        double sym = c.symbolCap == null ? Double.POSITIVE_INFINITY : c.symbolCap;
        double gross = c.grossCap == null ? Double.POSITIVE_INFINITY : c.grossCap;
        switch (c.sizing.toLowerCase(Locale.ROOT)) {
            case "equal":
                return PortfolioSizing.EQUAL.withCaps(sym, gross);
            case "vol":
                return PortfolioSizing.volatility(c.targetVol, c.volLookback).withCaps(sym, gross);
            case "cap":
                if (c.symbolCap == null) {
                    throw new ConfigurationException("--symbol-cap", "--sizing cap needs --symbol-cap F (a fraction of equity)");
                }
                return PortfolioSizing.cap(sym, gross);
            default:
                throw new ConfigurationException("--sizing", "'" + c.sizing + "' is not one of equal, vol, cap");
        }
    }

    private static void print(PrintWriter o, PortfolioReport r) {
        PortfolioRun run = r.run();
        o.printf(Locale.ROOT, "%s as a portfolio of %d symbols, %s to %s (UTC), %,d clock points%n", r.strategy(),
                run.symbols().size(), r.from(), r.to(), run.times().length);
        PortfolioSizing s = r.options().portfolio().sizing();
        o.printf(Locale.ROOT, "  sizing %s, symbol cap %s, gross cap %s; capital %,.2f %s%n",
                s.mode().name().toLowerCase(Locale.ROOT), cap(s.symbolCap()), cap(s.grossCap()),
                r.options().portfolio().initialCapital(), FigureTable.CURRENCY);
        FigureTable.print(o, run.metrics(), FigureTable.CURRENCY);
        o.println("  per symbol (contribution = profit of its trades after costs)");
        o.printf(Locale.ROOT, "    %-10s %-9s %-10s %7s %16s %13s %12s%n", "symbol", "class", "model", "trades",
                "contribution", "% of capital", "buy & hold");
        double capital = r.options().portfolio().initialCapital();
        for (int i = 0; i < run.symbols().size(); i++) {
            PortfolioRun.SymbolFigures f = run.perSymbol().get(i);
            Resolution m = r.models().get(i);
            o.printf(Locale.ROOT, "    %-10s %-9s %-10s %,7d %16s %12.2f%% %11.2f%%%n", f.info().symbol().value(),
                    f.info().assetClass().id(), m.rung().name().toLowerCase(Locale.ROOT) + (m.unseenSymbol() ? "*" : ""),
                    f.trades(), String.format(Locale.ROOT, "%,.2f", f.contribution()), 100 * f.contribution() / capital,
                    100 * f.buyHoldReturn());
        }
        if (r.models().stream().anyMatch(Resolution::unseenSymbol)) {
            o.println("    * symbol not among the model's training symbols");
        }
        o.println("  exposure by asset class (mean |notional| / equity)");
        for (Map.Entry<AssetClass, Double> e : run.exposureByClass().entrySet()) {
            o.printf(Locale.ROOT, "    %-10s %.2f %%%n", e.getKey().id(), 100 * e.getValue());
        }
    }

    private static String cap(double v) {
        return Double.isInfinite(v) ? "none" : String.format(Locale.ROOT, "%.0f %%", 100 * v);
    }

    private static void write(Path dir, PortfolioReport report, String summary) {
        PortfolioRun run = report.run();
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeText(dir.resolve("equity.csv"), w -> BacktestCsv.writeEquity(w, run.times(), run.equity()));
            AtomicFiles.writeText(dir.resolve("buy_and_hold.csv"),
                    w -> BacktestCsv.writeBuyAndHold(w, run.times(), run.benchmark()));
            AtomicFiles.writeText(dir.resolve("trades.csv"), w -> BacktestCsv.writeTrades(w, run.trades()));
            StringBuilder sb = new StringBuilder("symbol,asset_class,trades,contribution,traded_notional,commissions,buy_hold_return\n");
            for (PortfolioRun.SymbolFigures f : run.perSymbol()) {
                sb.append(f.info().symbol().value()).append(',').append(f.info().assetClass().id()).append(',')
                        .append(f.trades()).append(',').append(f.contribution()).append(',').append(f.tradedNotional())
                        .append(',').append(f.commissions()).append(',').append(f.buyHoldReturn()).append('\n');
            }
            AtomicFiles.writeString(dir.resolve("per_symbol.csv"), sb.toString());
            AtomicFiles.writeString(dir.resolve("summary.json"), summary + "\n");
        } catch (IOException e) {
            throw new DataException("cannot write the portfolio backtest output into " + dir + ": " + e.getMessage(), e);
        }
    }
}
