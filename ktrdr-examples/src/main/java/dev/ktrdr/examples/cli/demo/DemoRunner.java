package dev.ktrdr.examples.cli.demo;

import dev.ktrdr.api.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.api.UniversalModelLoader;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.data.source.DataSources;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.report.ReportData;
import dev.ktrdr.report.ReportSources;
import dev.ktrdr.report.ReportWriter;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.storage.StoreModelLoader;
import dev.ktrdr.training.backtest.BacktestCsv;
import dev.ktrdr.training.backtest.BacktestRun;
import dev.ktrdr.training.backtest.BarsPerYear;
import dev.ktrdr.training.backtest.DecisionConfig;
import dev.ktrdr.training.backtest.EventBacktester;
import dev.ktrdr.training.backtest.Performance;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import dev.ktrdr.training.eval.Calibration;
import dev.ktrdr.training.eval.BlockBootstrap;
import dev.ktrdr.training.eval.EdgeReport;
import dev.ktrdr.training.eval.MomentumBaseline;
import dev.ktrdr.training.eval.ScoredRows;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The one-command demo as a callable: trains a universal 1h/4h/1d model on five symbols, stores it,
 * resolves it for a sixth symbol it never saw through {@link StoreModelLoader}, backtests it there beside
 * a model trained on that symbol's own training split (both over the same out-of-sample window, after the
 * symbol's test cut), and writes the HTML report.
 *
 * <p>Output folder layout: {@code models/} (a {@link FileModelStore}), {@code backtests/universal-SYM/}
 * and {@code backtests/own-SYM/} ({@code equity.csv}, {@code trades.csv}, {@code buy_and_hold.csv},
 * {@code metrics.json}) and {@code report/} ({@code index.html} and the PNGs).
 *
 * <p>Not thread-safe per call (it writes into one folder); separate calls with separate folders are
 * independent.
 */
public final class DemoRunner {
    /** The embedded strategy's classpath resource. */
    public static final String STRATEGY_RESOURCE = "/dev/ktrdr/examples/demo/universal_demo.yaml";
    /** Default hourly bars per synthetic symbol. */
    public static final int DEFAULT_SYNTHETIC_BARS = 10_000;
    /** Timeframes of the demo's models. */
    public static final List<Timeframe> TIMEFRAMES = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);
    private static final List<String> SYNTHETIC_TRAIN = List.of("EURUSD", "GBPUSD", "BTCUSDT", "AAPL", "SPY");
    private static final String SYNTHETIC_UNSEEN = "ETHUSDT";
    private static final List<String> REAL_TRAIN = List.of("EURUSD", "XAUUSD", "AAPL", "SPY", "BTCUSDT");
    private static final String REAL_UNSEEN = "ETHUSDT";
    /** Longest span of real data the demo trains on, in days (keeps it within a minute or so). */
    public static final int MAX_REAL_DAYS = 480;

    private DemoRunner() {
    }

    /**
     * What to run.
     *
     * @param data a folder of {@code {SYMBOL}_{tf}.csv[.gz]} files or a source URI ({@code parquet:DIR},
     *     {@code duckdb:FILE}, {@code jdbc:...}), or empty for the synthetic market
     * @param out the output folder (created; an existing model store inside gains new versions)
     * @param syntheticBars hourly bars per synthetic symbol, 2 000 to 200 000 (ignored with a data folder)
     * @param seed the synthetic market's seed
     * @param trainSymbols training symbols, or empty for the defaults (five over three asset classes)
     * @param unseenSymbol the held-out symbol, or empty for the default
     */
    public record Options(Optional<String> data, Path out, int syntheticBars, long seed, List<String> trainSymbols,
                          Optional<String> unseenSymbol) {
        /** Validates ranges. */
        public Options {
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(out, "out");
            if (syntheticBars < 2_000 || syntheticBars > 200_000) {
                throw new ConfigurationException("--bars", syntheticBars + " is not in [2000, 200000]");
            }
            trainSymbols = List.copyOf(trainSymbols);
            Objects.requireNonNull(unseenSymbol, "unseenSymbol");
        }

        /**
         * @param data a data folder or source URI, or empty
         * @param out the output folder
         * @return the default options
         */
        public static Options defaults(Optional<String> data, Path out) {
            return new Options(data, out, DEFAULT_SYNTHETIC_BARS, 42, List.of(), Optional.empty());
        }
    }

    /**
     * One backtest of the demo.
     *
     * @param label what was replayed
     * @param directory where its CSV files are
     * @param result the backtest result
     * @param accuracy test accuracy of the model on the symbol's labelled rows in the window
     * @param baseline the symbol's own majority-class share on those rows (its per-symbol baseline)
     * @param edge accuracy, baselines (per-symbol, momentum) and the edge with its block-bootstrap interval on
     *     those rows
     */
    public record Backtest(String label, Path directory, Backtester.Result result, double accuracy, double baseline,
                           EdgeReport edge) {
    }

    /**
     * What the demo produced.
     *
     * @param dataSource "synthetic market (seed n)" or the data folder
     * @param trained the training symbols
     * @param unseen the held-out symbol
     * @param universalVersion the stored universal model's version directory
     * @param ownVersion the stored per-symbol model's version directory
     * @param rung the loader's rung that served the unseen symbol
     * @param unseenBySlot true when the model served the symbol through its unknown-symbol slot
     * @param universalSummary the universal model's training summary (test accuracy, baselines, ...)
     * @param universalEdge the universal model's test accuracy beside its per-symbol and momentum baselines, with
     *     the edge, its interval and verdict
     * @param labelCaveat the line to print beside every edge for segment labels, else empty
     * @param universal the universal model's backtest on the unseen symbol
     * @param own the per-symbol model's backtest on the same window
     * @param windowStart first bar of the backtest window (the unseen symbol's test cut)
     * @param report the report's {@code index.html}
     * @param charts the number of charts in the report
     */
    public record Result(String dataSource, List<Symbol> trained, Symbol unseen, Path universalVersion, Path ownVersion,
                         UniversalModelLoader.Rung rung, boolean unseenBySlot, Map<String, Double> universalSummary,
                         EdgeReport universalEdge, Optional<String> labelCaveat,
                         Backtest universal, Backtest own, Instant windowStart, Path report, int charts) {
    }

    /**
     * Runs the demo.
     *
     * @param o what to run
     * @param progress receives progress events of every stage
     * @param log receives one line per finished step (for the console), may ignore them
     * @return what it produced
     * @throws DataException when the data folder lacks a symbol's hourly bars
     */
    public static Result run(Options o, ProgressListener progress, java.util.function.Consumer<String> log) {
        String strategyYaml = resource(STRATEGY_RESOURCE);
        BarSource source;
        Function<Symbol, SymbolInfo> infos;
        List<Symbol> train = new ArrayList<>();
        Symbol unseen;
        String dataSource;
        if (o.data().isPresent()) {
            String uri = o.data().get();
            ListedBars listed = DataSources.open(uri);
            source = listed;
            infos = s -> listed.registry().info(s);
            for (String s : o.trainSymbols().isEmpty() ? REAL_TRAIN : o.trainSymbols()) {
                train.add(Symbol.of(s));
            }
            unseen = Symbol.of(o.unseenSymbol().orElse(REAL_UNSEEN));
            for (Symbol s : concat(train, unseen)) {
                if (!listed.timeframes(s).contains(Timeframe.H1)) {
                    throw new DataException(uri + ": no hourly bars for " + s + " (in a folder: " + s + "_1h.csv or "
                            + s + "_1h.csv.gz); the demo needs 1h bars of every symbol");
                }
            }
            // the span every symbol's hourly file covers, at most MAX_REAL_DAYS long and ending where the first file ends
            long from = Long.MIN_VALUE;
            long to = Long.MAX_VALUE;
            for (Symbol s : concat(train, unseen)) {
                BarSeries h1 = listed.load(s, Timeframe.H1);
                if (h1.isEmpty()) {
                    throw new DataException(listed.origin(s, Timeframe.H1) + ": no bars");
                }
                from = Math.max(from, h1.openTime(0));
                to = Math.min(to, h1.openTime(h1.size() - 1));
            }
            LocalDate end = Instant.ofEpochMilli(to).atZone(ZoneOffset.UTC).toLocalDate().minusDays(1);
            LocalDate start = Instant.ofEpochMilli(from).atZone(ZoneOffset.UTC).toLocalDate().plusDays(1);
            if (start.isBefore(end.minusDays(MAX_REAL_DAYS))) {
                start = end.minusDays(MAX_REAL_DAYS);
            }
            if (!start.isBefore(end.minusDays(90))) {
                throw new DataException(uri + ": the hourly bars of " + concat(train, unseen)
                        + " share less than 90 days (" + start + " to " + end + "); pick symbols whose data overlap");
            }
            strategyYaml = strategyYaml.replace("  history_required: 200\n", "  history_required: 200\n  start_date: \""
                    + start + "\"\n  end_date: \"" + end + "\"\n");
            dataSource = uri;
        } else {
            List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.defaultUniverse();
            SyntheticMarket.Config config = SyntheticMarket.Config.of(specs, Timeframe.H1,
                    Instant.parse("2020-01-01T00:00:00Z"), o.syntheticBars(), o.seed());
            source = dev.ktrdr.examples.Examples.commonWindow(config);
            Map<Symbol, SymbolInfo> map = new LinkedHashMap<>();
            for (SymbolInfo i : SyntheticMarket.infos(specs)) {
                map.put(i.symbol(), i);
            }
            infos = s -> {
                SymbolInfo i = map.get(s);
                if (i == null) {
                    throw new DataException("the synthetic market has no symbol " + s + "; it has " + map.keySet());
                }
                return i;
            };
            for (String s : o.trainSymbols().isEmpty() ? SYNTHETIC_TRAIN : o.trainSymbols()) {
                train.add(Symbol.of(s));
            }
            unseen = Symbol.of(o.unseenSymbol().orElse(SYNTHETIC_UNSEEN));
            for (Symbol s : concat(train, unseen)) {
                infos.apply(s);
            }
            dataSource = "synthetic market (" + specs.size() + " symbols, " + o.syntheticBars() + " hourly bars each, seed "
                    + o.seed() + ")";
        }
        if (train.contains(unseen)) {
            throw new ConfigurationException("--unseen", unseen + " is also a training symbol; it must be held out");
        }

        StrategyTrainer trainer = new StrategyTrainer();
        StrategyTrainer.Run universalRun = trainer.run(new TrainingRequest(strategyYaml, "universal_demo.yaml", source,
                infos::apply, train, TIMEFRAMES), progress);
        log.accept("trained universal model on " + train + ": " + universalRun.testEdge().line());

        // the per-symbol comparison: same strategy, trained on the held-out symbol alone, its own scope
        String ownYaml = strategyYaml.replace("scope: universal\n", "scope: symbol_specific\n")
                .replace("  target_symbols: {mode: universal}\n", "");
        StrategyTrainer.Run ownRun = trainer.run(new TrainingRequest(ownYaml, "universal_demo.yaml (symbol_specific)", source,
                infos::apply, List.of(unseen), TIMEFRAMES), progress);
        log.accept(String.format(Locale.ROOT, "trained %s's own model on its training split: test accuracy %.1f%%", unseen,
                100 * ownRun.test().overall().accuracy()));

        FileModelStore store = new FileModelStore(o.out().resolve("models"));
        Path universalDir = store.save(universalRun.result().artifacts());
        Path ownDir = store.save(ownRun.result().artifacts());
        log.accept("stored " + relative(o.out(), universalDir) + " and " + relative(o.out(), ownDir));

        SymbolInfo unseenInfo = infos.apply(unseen);
        UniversalModelLoader.Resolution resolution = new StoreModelLoader(store).resolve(universalRun.strategy().name(),
                unseenInfo, TIMEFRAMES);
        log.accept("resolved " + universalRun.strategy().name() + " for " + unseen + ": rung " + resolution.rung() + " -> "
                + relative(o.out(), resolution.model().directory()) + (resolution.unseenSymbol()
                ? " (symbol not seen in training: served through the unknown-symbol slot)" : ""));
        StoredModel ownStored = store.load(ownDir);

        // both models replay the held-out symbol after its own test cut: out of sample in time for both
        StrategyTrainer.Prepared target = ownRun.prepared().get(0);
        SymbolDataset dataset = target.dataset();
        int[] testRows = ownRun.split().of(unseen).test();
        if (testRows.length == 0) {
            throw new DataException(unseen + " has no test rows; load more history");
        }
        long windowStart = dataset.time(testRows[0]);
        DecisionConfig decisions = universalRun.strategy().decisions();
        Backtester.Execution execution = new Backtester.Execution(10_000, 0.0005, 0, 2, Backtester.Sizing.FRACTION_OF_EQUITY, 1.0);
        Path backtests = o.out().resolve("backtests");
        progress.onProgress(new ProgressListener.Event("backtest", 0, 2, unseen.value()));
        long seed = universalRun.strategy().training().seed();
        Backtest universal = backtest("universal model on " + unseen + " (never seen)", resolution.model().model(), target,
                testRows, windowStart, decisions, execution, backtests.resolve("universal-" + unseen.value()), unseenInfo, seed);
        progress.onProgress(new ProgressListener.Event("backtest", 1, 2, unseen.value()));
        Backtest own = backtest(unseen + "'s own model", ownStored.model(), target, testRows, windowStart, decisions, execution,
                backtests.resolve("own-" + unseen.value()), unseenInfo, seed);
        progress.onProgress(new ProgressListener.Event("backtest", 2, 2, unseen.value()));

        ReportData data = ReportSources.fromModelFiles("ktrdr demo: universal model, served to " + unseen,
                universalRun.result().artifacts().metricsJson(), "metrics.json", universalRun.result().artifacts().historyCsv(),
                "history.csv");
        Map<String, Double> acc = new LinkedHashMap<>(data.perSymbolAccuracy());
        Map<String, Double> base = new LinkedHashMap<>(data.perSymbolBaseline());
        acc.put(unseen + " (unseen)", universal.accuracy());
        base.put(unseen + " (unseen)", universal.baseline());
        acc.put(unseen + " (own model)", own.accuracy());
        base.put(unseen + " (own model)", own.baseline());
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("data", dataSource);
        summary.put("training symbols", train.toString());
        summary.put("unseen symbol", unseen + " (" + unseenInfo.assetClass() + ")");
        summary.put("loader rung", resolution.rung() + (resolution.unseenSymbol() ? ", unknown-symbol slot" : ""));
        summary.put("backtest window", Instant.ofEpochMilli(windowStart) + " to "
                + Instant.ofEpochMilli(target.base().openTime(target.base().size() - 1)));
        summary.putAll(data.summary());
        for (Backtest b : List.of(universal, own)) {
            Map<String, Double> m = b.result().metrics();
            summary.put(b.label() + ": return / Sharpe / max drawdown / trades", String.format(Locale.ROOT,
                    "%+.2f %% / %.2f / %.2f %% / %d", 100 * m.get(Performance.TOTAL_RETURN), m.get(Performance.SHARPE),
                    100 * m.get(Performance.MAX_DRAWDOWN), b.result().trades().size()));
        }
        summary.put("buy and hold " + unseen, String.format(Locale.ROOT, "%+.2f %%",
                100 * universal.result().metrics().get(Performance.BUY_HOLD_RETURN)));
        long[] times = universal.result().equityTimes();
        data = data.withSummary(summary).withPerSymbol(acc, base)
                .withEquity(new ReportData.Equity(universal.label(), times, universal.result().equity(),
                        buyAndHold(target.base(), times, execution.initialCapital())))
                .withCalibration(calibration(universalRun))
                .withNotes(List.of("Everything on this page is out of sample: the universal model never saw " + unseen
                                + ", and both backtests replay only bars after " + unseen + "'s test cut, deciding at each 1h "
                                + "bar's close and filling at the next open with 0.05 % commission and 2 bps slippage.",
                        "Accuracy is shown beside the per-symbol baseline (each symbol's own majority class, row-weighted "
                                + "over symbols), the number to beat; the edge is accuracy minus the stronger of that and the "
                                + "momentum baseline, with a 95% block-bootstrap interval, and 'no edge' when the interval "
                                + "covers 0. The calibration plot uses the universal model's test rows of its training symbols."
                                + universalRun.labelCaveat().map(c -> " " + c + ".").orElse(""),
                        "Importance is the accuracy drop on the test rows when a group of columns is shuffled; a negative "
                                + "drop means the model does better without that group, a sign that what it learned there "
                                + "does not hold out of sample."));
        Path reportDir = o.out().resolve("report");
        List<ReportWriter.ChartFile> charts = new ReportWriter().write(data, reportDir);
        log.accept("wrote " + relative(o.out(), reportDir.resolve("index.html")) + " (" + charts.size() + " charts)");
        return new Result(dataSource, List.copyOf(train), unseen, universalDir, ownDir, resolution.rung(),
                resolution.unseenSymbol(), universalRun.result().summary(), universalRun.testEdge(), universalRun.labelCaveat(),
                universal, own, Instant.ofEpochMilli(windowStart),
                reportDir.resolve("index.html"), charts.size());
    }

    private static Backtest backtest(String label, TradingModel model, StrategyTrainer.Prepared target, int[] testRows,
                                     long windowStart, DecisionConfig decisions, Backtester.Execution execution, Path dir,
                                     SymbolInfo info, long seed) {
        FeatureMatrix features = target.dataset().features();
        BarSeries base = target.base();
        double[] p = EventBacktester.alignToBars(base, features, model.predict(features));
        // bars before the window carry no decision (NaN = "no features"), so the replay starts at the cut
        for (int i = 0; i < base.size() && base.openTime(i) < windowStart; i++) {
            Arrays.fill(p, i * Label.COUNT, (i + 1) * Label.COUNT, Double.NaN);
        }
        double bpy = BarsPerYear.estimate(base.openTimes(), base.timeframe(), info.calendarId());
        BacktestRun run = new EventBacktester().runProbabilities(base, p, RuleDecisionEngine.of(decisions), execution, bpy);
        Backtester.Result r = run.result();

        double[] rowProbs = model.predict(features);
        byte[] actual = new byte[testRows.length];
        byte[] predicted = new byte[testRows.length];
        for (int k = 0; k < testRows.length; k++) {
            actual[k] = target.dataset().classAt(testRows[k]);
            predicted[k] = argmax(rowProbs, testRows[k]);
        }
        byte[] momentum = new MomentumBaseline(StrategyTrainer.MOMENTUM_LOOKBACK).predictRows(target.dataset(), base, testRows);
        EdgeReport edge = BlockBootstrap.withSeed(seed).evaluate(ScoredRows.of(List.of(target.dataset().symbol()),
                new int[testRows.length], actual, predicted, momentum, new int[] {target.dataset().horizon()}));
        write(dir, r, buyAndHold(base, r.equityTimes(), execution.initialCapital()));
        return new Backtest(label, dir, r, edge.figures().accuracy(), edge.figures().baselineAccuracy(), edge);
    }

    private static byte argmax(double[] p, int row) {
        int o = row * Label.COUNT;
        byte best = 0;
        for (byte c = 1; c < Label.COUNT; c++) {
            if (p[o + c] > p[o + best]) {
                best = c;
            }
        }
        return best;
    }

    /** Buy-and-hold equity over the backtest's bars: all capital in at the first bar's close, no costs. */
    static double[] buyAndHold(BarSeries base, long[] times, double capital) {
        double[] out = new double[times.length];
        int b = 0;
        double c0 = Double.NaN;
        for (int k = 0; k < times.length; k++) {
            while (base.openTime(b) < times[k]) {
                b++;
            }
            if (k == 0) {
                c0 = base.close(b);
            }
            out[k] = capital * base.close(b) / c0;
        }
        return out;
    }

    private static ReportData.Calibration calibration(StrategyTrainer.Run run) {
        int bins = 10;
        double[] conf = new double[bins];
        double[] hit = new double[bins];
        long[] count = new long[bins];
        TradingModel model = run.result().artifacts().model();
        List<double[]> allProbs = new ArrayList<>();
        List<Byte> allActual = new ArrayList<>();
        for (StrategyTrainer.Prepared p : run.prepared()) {
            SymbolDataset d = p.dataset();
            int[] test = run.split().of(d.symbol()).test();
            double[] row = new double[d.features().columns()];
            for (int r : test) {
                double[] probs = new double[Label.COUNT];
                d.features().copyRow(r, row, 0);
                model.predict(row, d.symbol(), probs);
                int best = 0;
                for (int c = 1; c < Label.COUNT; c++) {
                    if (probs[c] > probs[best]) {
                        best = c;
                    }
                }
                int bin = Math.min(bins - 1, (int) (probs[best] * bins));
                conf[bin] += probs[best];
                hit[bin] += best == d.classAt(r) ? 1 : 0;
                count[bin]++;
                allProbs.add(probs);
                allActual.add(d.classAt(r));
            }
        }
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                conf[b] /= count[b];
                hit[b] /= count[b];
            }
        }
        double[] flat = new double[allProbs.size() * Label.COUNT];
        byte[] actual = new byte[allActual.size()];
        for (int i = 0; i < actual.length; i++) {
            System.arraycopy(allProbs.get(i), 0, flat, i * Label.COUNT, Label.COUNT);
            actual[i] = allActual.get(i);
        }
        double ece = actual.length == 0 ? Double.NaN : Calibration.expectedCalibrationError(flat, actual, bins);
        return new ReportData.Calibration(conf, hit, count, ece);
    }

    private static void write(Path dir, Backtester.Result r, double[] bench) {
        try {
            Files.createDirectories(dir);
            AtomicFiles.writeText(dir.resolve("equity.csv"), w -> BacktestCsv.writeEquity(w, r));
            AtomicFiles.writeText(dir.resolve("trades.csv"), w -> BacktestCsv.writeTrades(w, r.trades()));
            StringBuilder sb = new StringBuilder("time,buy_and_hold\n");
            long[] times = r.equityTimes();
            for (int i = 0; i < bench.length; i++) {
                sb.append(Instant.ofEpochMilli(times[i])).append(',').append(bench[i]).append('\n');
            }
            AtomicFiles.writeString(dir.resolve("buy_and_hold.csv"), sb);
            Map<String, Double> sorted = new java.util.TreeMap<>();
            r.metrics().forEach((k, v) -> sorted.put(k, v));
            Map<String, Object> finite = new LinkedHashMap<>();
            sorted.forEach((k, v) -> finite.put(k, Double.isFinite(v) ? v : null));
            AtomicFiles.writeString(dir.resolve("metrics.json"),
                    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(finite));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the backtest to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static List<Symbol> concat(List<Symbol> a, Symbol b) {
        List<Symbol> out = new ArrayList<>(a);
        out.add(b);
        return out;
    }

    /**
     * @param name a classpath resource
     * @return its text
     */
    static String resource(String name) {
        try (InputStream in = DemoRunner.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The output folder may be relative while the store hands back absolute paths: compare both absolute. */
    private static Path relative(Path base, Path p) {
        return base.toAbsolutePath().normalize().relativize(p.toAbsolutePath().normalize());
    }
}
