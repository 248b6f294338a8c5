package dev.ktrdr.examples.cli.backtest;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.UniversalModelLoader;
import dev.ktrdr.api.io.AtomicFiles;
import dev.ktrdr.examples.cli.data.DataSourceOptions;
import dev.ktrdr.examples.cli.strategy.StrategyProblems;
import dev.ktrdr.sdk.BacktestOptions;
import dev.ktrdr.sdk.BacktestReport;
import dev.ktrdr.sdk.DataSource;
import dev.ktrdr.sdk.Ktrdr;
import dev.ktrdr.sdk.Resolution;
import dev.ktrdr.sdk.StrategyInput;
import dev.ktrdr.storage.StoreModelLoader;
import dev.ktrdr.training.backtest.BacktestCsv;
import dev.ktrdr.training.backtest.EventBacktester;
import dev.ktrdr.training.pipeline.StrategyFeatures;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ktrdr backtest S.yaml --symbol S --data-dir DIR --models-dir M [--capital C] [--commission R]
 * [--slippage BPS] [--from DATE] [--json] [--out DIR]} (with {@code --portfolio --symbols A,B,C|--all
 * [--sizing equal|vol|cap]}: {@link PortfolioBacktest}): resolves the strategy's model for the symbol through the
 * {@link StoreModelLoader} (universal, then symbol, then group; the rung that served and every refusal
 * are printed), builds the features with the training pipeline ({@link StrategyFeatures}, the model's
 * feature spec checked) or reads them from the feature store {@code ktrdr train} writes ({@code --cache-dir DIR},
 * default {@code {models dir}/.feature-cache}; {@code --no-feature-cache} turns it off; float32 values, see
 * {@link Ktrdr#withFeatureCache}), decides with the strategy's {@code decisions:} section and replays with the
 * {@link EventBacktester}. Prints the performance report, or one JSON document; {@code --out} writes
 * {@code equity.csv}, {@code buy_and_hold.csv}, {@code trades.csv} and {@code summary.json}. A thin client of
 * {@link Ktrdr#backtest(Resolution, StrategyInput, BacktestOptions)}: the JSON is {@link BacktestReport#toJson()}.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Backtest a stored model of a strategy on one symbol's bars and print the performance report.")
public final class BacktestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STRATEGY", description = "strategy YAML file (either layout)")
    Path strategyFile;

    @Option(names = "--symbol", description = "symbol to backtest, e.g. EURUSD (without --portfolio)")
    String symbol;

    @Option(names = "--portfolio", description = "backtest the symbols of --symbols or --all as one portfolio: one clock, "
            + "one cash account, the --sizing rule and per-asset-class costs")
    boolean portfolio;

    @Option(names = "--symbols", split = ",", paramLabel = "A,B,C", description = "the portfolio's symbols")
    java.util.List<String> symbols;

    @Option(names = "--all", description = "the portfolio holds every symbol of the data source that a model serves")
    boolean all;

    @Option(names = "--sizing", defaultValue = "equal", paramLabel = "equal|vol|cap",
            description = "portfolio sizing: equal weight of equity per symbol, volatility-scaled, or --symbol-cap of equity "
                    + "per position (default: ${DEFAULT-VALUE})")
    String sizing;

    @Option(names = "--symbol-cap", paramLabel = "F", description = "largest position as a fraction of equity (portfolio)")
    Double symbolCap;

    @Option(names = "--gross-cap", paramLabel = "F", description = "largest gross exposure as a fraction of equity (portfolio)")
    Double grossCap;

    @Option(names = "--target-vol", defaultValue = "0.2", paramLabel = "F",
            description = "annualised volatility per position with --sizing vol (default: ${DEFAULT-VALUE})")
    double targetVol;

    @Option(names = "--vol-lookback", defaultValue = "20", paramLabel = "BARS",
            description = "returns in the volatility estimate with --sizing vol (default: ${DEFAULT-VALUE})")
    int volLookback;

    @Option(names = "--borrow", description = "charge each asset class's borrow rate on short positions (portfolio)")
    boolean borrow;

    @Option(names = "--default-costs", description = "portfolio: each asset class's default commission and slippage "
            + "instead of --commission and --slippage")
    boolean defaultCosts;

    @CommandLine.Mixin
    DataSourceOptions data;

    @Option(names = "--models-dir", required = true, paramLabel = "DIR", description = "model store root")
    Path modelsDir;

    @Option(names = "--capital", defaultValue = "100000", description = "initial capital (default: ${DEFAULT-VALUE})")
    double capital;

    @Option(names = "--commission", defaultValue = "0.001",
            description = "commission as a fraction of traded notional, in [0, 1) (default: ${DEFAULT-VALUE})")
    double commission;

    @Option(names = "--slippage", defaultValue = "0", paramLabel = "BPS",
            description = "slippage in basis points against each fill, in [0, 10000) (default: ${DEFAULT-VALUE})")
    double slippage;

    @Option(names = "--from", paramLabel = "DATE",
            description = "first bar to trade, ISO date (2020-01-01) or instant; earlier bars only warm the features up")
    String from;

    @Option(names = "--json", description = "print one JSON document instead of the report")
    boolean json;

    @Option(names = "--out", paramLabel = "DIR", description = "write equity.csv, trades.csv and summary.json here")
    Path out;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "feature store: per-symbol shards reused while "
            + "bars and feature settings are unchanged, the ones ktrdr train writes (default: {models dir}/.feature-cache)")
    Path cacheDir;

    @Option(names = "--no-feature-cache", description = "compute every symbol's features, keep no shards")
    boolean noFeatureCache;

    @Override
    public Integer call() {
        if (portfolio) {
            return new PortfolioBacktest(this).call();
        }
        if (symbol == null) {
            throw new ConfigurationException("--symbol", "name the symbol to backtest, or use --portfolio with --symbols A,B,C or --all");
        }
        if (symbols != null || all) {
            throw new ConfigurationException("--symbols", "--symbols and --all need --portfolio");
        }
        StrategyInput strategyInput = StrategyInput.file(strategyFile);
        Strategy strategy = StrategyLoader.parse(strategyInput.yaml(), strategyInput.source());
        StrategyProblems.print(spec.commandLine().getErr(), "ktrdr: ", strategyFile.toString(), strategy.warnings());
        if (!Files.isDirectory(modelsDir)) {
            throw new ConfigurationException("--models-dir", modelsDir + " is not a directory");
        }
        Ktrdr ktrdr = Ktrdr.open(DataSource.of(data.open()), modelsDir).withFeatureCache(featureCache());
        Resolution res = ktrdr.resolve(strategy.name(), Symbol.of(symbol), strategy.trainingData().timeframes().list());
        BacktestOptions options = BacktestOptions.DEFAULTS.costs(capital, commission, slippage);
        if (from != null) {
            options = options.from(fromInstant());
        }
        BacktestReport report = ktrdr.backtest(res, strategyInput, options);
        String text = report.toJson();
        if (out != null) {
            write(out, report, text);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(text);
        } else {
            report(stdout, report);
            if (report.inSampleOverlap()) {
                stdout.println("note: the window starts before the model's training rows end (" + report.trainedUntil()
                        + "): in-sample for " + report.symbol() + "; use --from for an out-of-sample window");
            }
            if (out != null) {
                stdout.println("wrote " + out.resolve("equity.csv") + ", " + out.resolve("trades.csv") + ", "
                        + out.resolve("buy_and_hold.csv") + ", " + out.resolve("summary.json"));
            }
        }
        stdout.flush();
        return 0;
    }

    /** @return the feature store's folder as {@code ktrdr train} chooses it, or null with {@code --no-feature-cache} */
    Path featureCache() {
        return noFeatureCache ? null : cacheDir != null ? cacheDir : modelsDir.resolve(".feature-cache");
    }

    Instant fromInstant() {
        try {
            return from.length() == 10 ? LocalDate.parse(from).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(from);
        } catch (DateTimeParseException e) {
            throw new ConfigurationException("--from", "'" + from + "' is not an ISO date (2020-01-01) or instant");
        }
    }

    private static String describe(Resolution r) {
        return r.rung().name().toLowerCase(Locale.ROOT) + " rung: " + r.directory().getFileName()
                + (r.unseenSymbol() ? " (symbol not among its training symbols: served through the unknown-symbol slot)" : "");
    }

    private static void report(PrintWriter o, BacktestReport r) {
        o.println(r.strategy() + " on " + r.symbol() + ": model from the " + describe(r.resolution()));
        for (UniversalModelLoader.Refusal f : r.resolution().refusals()) {
            o.println("  refused " + f.candidate() + ": " + f.reason());
        }
        o.printf(Locale.ROOT, "%d %s bars from %s to %s (first %d bars were feature warm-up)%n", r.bars(),
                r.baseTimeframe().label(), r.from(), r.to(), r.warmupBars());
        FigureTable.print(o, r.figures().all(), FigureTable.CURRENCY);
    }

    private static void write(Path dir, BacktestReport report, String summary) {
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeText(dir.resolve("equity.csv"),
                    w -> BacktestCsv.writeEquity(w, report.equityTimes(), report.equity()));
            AtomicFiles.writeText(dir.resolve("buy_and_hold.csv"),
                    w -> BacktestCsv.writeBuyAndHold(w, report.equityTimes(), report.buyAndHold()));
            AtomicFiles.writeText(dir.resolve("trades.csv"), w -> BacktestCsv.writeTrades(w, report.trades()));
            AtomicFiles.writeString(dir.resolve("summary.json"), summary + "\n");
        } catch (IOException e) {
            throw new DataException("cannot write the backtest output into " + dir + ": " + e.getMessage(), e);
        }
    }
}
