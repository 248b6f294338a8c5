package dev.ktrdr.examples.cli.backtest;

import dev.ktrdr.api.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.MissingTimeframePolicy;
import dev.ktrdr.data.MultiTimeframeLoader;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.storage.StoreModelLoader;
import dev.ktrdr.training.backtest.BacktestCsv;
import dev.ktrdr.training.backtest.BacktestRun;
import dev.ktrdr.training.backtest.BarsPerYear;
import dev.ktrdr.training.backtest.DecisionConfig;
import dev.ktrdr.training.backtest.EventBacktester;
import dev.ktrdr.training.backtest.Performance;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import dev.ktrdr.training.pipeline.StrategyFeatures;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import dev.ktrdr.training.strategy.StrategyYaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ktrdr backtest S.yaml --symbol S --data-dir DIR --models-dir M [--capital C] [--commission R]
 * [--slippage BPS] [--from DATE] [--json] [--out DIR]}: resolves the strategy's model for the symbol through the
 * {@link StoreModelLoader} (universal, then symbol, then group; the rung that served and every refusal
 * are printed), builds the features with the training pipeline ({@link StrategyFeatures}, the model's
 * feature spec checked), decides with the strategy's {@code decisions:} section and replays with the
 * {@link EventBacktester}. Prints the performance report, or one JSON document; {@code --out} writes
 * {@code equity.csv}, {@code trades.csv} and {@code summary.json}.
 */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        description = "Backtest a stored model of a strategy on one symbol's bars and print the performance report.")
public final class BacktestCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STRATEGY", description = "strategy YAML file (either layout)")
    Path strategyFile;

    @Option(names = "--symbol", required = true, description = "symbol to backtest, e.g. EURUSD")
    String symbol;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "folder of {SYMBOL}_{tf}.csv[.gz] files")
    Path dataDir;

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

    @Override
    public Integer call() {
        String yaml = StrategyYaml.readText(strategyFile);
        Strategy strategy = StrategyLoader.parse(yaml, strategyFile.toString());
        Backtester.Execution execution = new Backtester.Execution(capital, commission, 0, slippage,
                Backtester.Sizing.FRACTION_OF_EQUITY, 1.0);
        DataFolder folder = new DataFolder(dataDir);
        SymbolInfo info = folder.registry().info(Symbol.of(symbol));
        if (!Files.isDirectory(modelsDir)) {
            throw new ConfigurationException("--models-dir", modelsDir + " is not a directory");
        }
        UniversalModelLoader.Resolution res = new StoreModelLoader(new FileModelStore(modelsDir))
                .resolve(strategy.name(), info, strategy.trainingData().timeframes().list());
        StoredModel stored = res.model();
        ModelMetadata meta = stored.metadata();
        List<Timeframe> tfs = meta.timeframes();
        MultiTimeframeBars bars = new MultiTimeframeLoader(folder).load(info.symbol(), tfs, meta.baseTimeframe(),
                MissingTimeframePolicy.FAIL).bars();
        StrategyFeatures features = StrategyFeatures.of(strategy, info, tfs, meta.baseTimeframe());
        DecisionConfig decisions = DecisionConfig.fromMap(decisionsSection(strategy));
        long start = fromMillis();
        EventBacktester backtester = new EventBacktester();
        BarSeries base = bars.get(bars.base());
        // the model's feature spec is checked against the built features here
        FeatureMatrix matrix = backtester.cache().features(bars, features, stored.model().featureSpec());
        double[] p = EventBacktester.alignToBars(base, matrix, EventBacktester.predict(stored.model(), matrix));
        for (int i = 0; i < base.size() && base.openTime(i) < start; i++) {
            Arrays.fill(p, i * Label.COUNT, (i + 1) * Label.COUNT, Double.NaN);
        }
        BacktestRun run = backtester.runProbabilities(base, p, RuleDecisionEngine.of(decisions), execution,
                BarsPerYear.estimate(base.openTimes(), base.timeframe(), info.calendarId()));
        Instant trainedUntil = trainedUntil(meta);
        boolean inSample = !res.unseenSymbol() && run.result().equityTimes()[0] < trainedUntil.toEpochMilli();
        Map<String, Object> doc = document(strategy, info, res, bars, run, execution);
        doc.put("in_sample_overlap", inSample);
        String text = json(doc);
        if (out != null) {
            write(out, run, text);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(text);
        } else {
            report(stdout, strategy, info, res, bars, run);
            if (inSample) {
                stdout.println("note: the window starts before the model's training rows end (" + trainedUntil
                        + "): in-sample for " + info.symbol() + "; use --from for an out-of-sample window");
            }
            if (out != null) {
                stdout.println("wrote " + out.resolve("equity.csv") + ", " + out.resolve("trades.csv") + ", "
                        + out.resolve("summary.json"));
            }
        }
        stdout.flush();
        return 0;
    }

    /**
     * Where the model's training rows end: the validation cut its trainer recorded ({@code split_cuts}
     * provenance, "validationCut, testCut"), else the end of its data.
     */
    private static Instant trainedUntil(ModelMetadata meta) {
        String cuts = meta.provenance().get("split_cuts");
        if (cuts != null) {
            try {
                return Instant.parse(cuts.split(",")[0].trim());
            } catch (DateTimeParseException e) {
                // an older or foreign model: fall back to the end of its data
            }
        }
        return meta.dataEnd();
    }

    private long fromMillis() {
        if (from == null) {
            return Long.MIN_VALUE;
        }
        try {
            return from.length() == 10 ? LocalDate.parse(from).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
                    : Instant.parse(from).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ConfigurationException("--from", "'" + from + "' is not an ISO date (2020-01-01) or instant");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> decisionsSection(Strategy s) {
        Object d = s.raw().get("decisions");
        if (d != null && !(d instanceof Map)) {
            throw new ConfigurationException("decisions", "must be a mapping, got " + d.getClass().getSimpleName());
        }
        return (Map<String, ?>) d;
    }

    private static String describe(UniversalModelLoader.Resolution r) {
        return r.rung().name().toLowerCase(Locale.ROOT) + " rung: " + r.model().directory().getFileName()
                + (r.unseenSymbol() ? " (symbol not among its training symbols: served through the unknown-symbol slot)" : "");
    }

    private static void report(PrintWriter o, Strategy s, SymbolInfo info, UniversalModelLoader.Resolution r,
                               MultiTimeframeBars bars, BacktestRun run) {
        o.println(s.name() + " on " + info.symbol() + ": model from the " + describe(r));
        for (UniversalModelLoader.Refusal f : r.refusals()) {
            o.println("  refused " + f.candidate() + ": " + f.reason());
        }
        Backtester.Result res = run.result();
        long[] t = res.equityTimes();
        o.printf(Locale.ROOT, "%d %s bars from %s to %s (first %d bars were feature warm-up)%n", t.length,
                bars.base().label(), Instant.ofEpochMilli(t[0]), Instant.ofEpochMilli(t[t.length - 1]), run.firstBar());
        Map<String, Double> m = res.metrics();
        for (Map.Entry<String, Double> e : new java.util.TreeMap<>(m).entrySet()) {
            o.printf(Locale.ROOT, "  %-28s %s%n", e.getKey(), format(e.getKey(), e.getValue()));
        }
    }

    private static String format(String key, double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        boolean percent = key.contains("return") || key.contains("drawdown") && !key.endsWith("amount")
                || key.equals(Performance.VOLATILITY) || key.equals(Performance.WIN_RATE) || key.equals(Performance.EXPOSURE);
        return percent ? String.format(Locale.ROOT, "%.2f%%", 100 * v) : String.format(Locale.ROOT, "%.4f", v);
    }

    private static Map<String, Object> document(Strategy s, SymbolInfo info, UniversalModelLoader.Resolution r,
                                                MultiTimeframeBars bars, BacktestRun run, Backtester.Execution ex) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("strategy", s.name());
        d.put("symbol", info.symbol().value());
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("rung", r.rung().name().toLowerCase(Locale.ROOT));
        model.put("directory", r.model().directory().toString());
        model.put("version", r.model().version());
        model.put("unseen_symbol", r.unseenSymbol());
        List<Map<String, String>> refusals = new ArrayList<>();
        for (UniversalModelLoader.Refusal f : r.refusals()) {
            refusals.add(Map.of("candidate", f.candidate(), "reason", f.reason()));
        }
        model.put("refusals", refusals);
        d.put("model", model);
        Map<String, Object> exec = new LinkedHashMap<>();
        exec.put("capital", ex.initialCapital());
        exec.put("commission", ex.commissionRate());
        exec.put("slippage_bps", ex.slippageBps());
        d.put("execution", exec);
        Backtester.Result res = run.result();
        d.put("base_timeframe", bars.base().label());
        d.put("bars", res.equity().length);
        d.put("from", Instant.ofEpochMilli(res.equityTimes()[0]).toString());
        d.put("to", Instant.ofEpochMilli(res.equityTimes()[res.equityTimes().length - 1]).toString());
        Map<String, Object> metrics = new java.util.TreeMap<>();
        res.metrics().forEach((k, v) -> metrics.put(k, Double.isFinite(v) ? v : null));
        d.put("metrics", metrics);
        return d;
    }

    private static void write(Path dir, BacktestRun run, String summary) {
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeText(dir.resolve("equity.csv"), w -> BacktestCsv.writeEquity(w, run.result()));
            AtomicFiles.writeText(dir.resolve("trades.csv"), w -> BacktestCsv.writeTrades(w, run.result().trades()));
            AtomicFiles.writeString(dir.resolve("summary.json"), summary + "\n");
        } catch (IOException e) {
            throw new DataException("cannot write the backtest output into " + dir + ": " + e.getMessage(), e);
        }
    }

        private static String json(Object o) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
