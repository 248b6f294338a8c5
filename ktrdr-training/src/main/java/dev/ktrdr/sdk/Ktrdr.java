package dev.ktrdr.sdk;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelArtifacts;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader;
import dev.ktrdr.report.ReportData;
import dev.ktrdr.report.ReportSources;
import dev.ktrdr.report.ReportWriter;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.storage.StoreModelLoader;
import dev.ktrdr.training.backtest.BacktestRun;
import dev.ktrdr.training.backtest.BarsPerYear;
import dev.ktrdr.training.backtest.EventBacktester;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import dev.ktrdr.training.backtest.SplitAdjustment;
import dev.ktrdr.data.actions.CorporateActions;
import dev.ktrdr.training.backtest.portfolio.PortfolioBacktester;
import dev.ktrdr.training.backtest.portfolio.PortfolioLeg;
import dev.ktrdr.training.backtest.portfolio.PortfolioRun;
import dev.ktrdr.training.live.LivePipeline;
import dev.ktrdr.training.pipeline.StrategyFeatures;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.strategy.Problem;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import dev.ktrdr.training.strategy.StrategyOverrides;
import dev.ktrdr.training.strategy.StrategyYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one entry point for the whole workflow: a data source and a model store, then train, store,
 * resolve, backtest, replay live and write the report. Every step returns a typed, immutable result
 * with a {@code toJson()} form; the {@code ktrdr} command line is a thin client of this class.
 *
 * <pre>{@code
 * Ktrdr k = Ktrdr.open(DataSource.folder(Path.of("data")), Path.of("models"));
 * TrainingReport trained = k.train(StrategyInput.file(Path.of("universal.yaml")), TrainOptions.DEFAULTS);
 * Path version = k.store(trained);
 * Resolution r = k.resolve(trained.strategy(), "ETHUSDT");
 * BacktestReport bt = k.backtest(r, BacktestOptions.DEFAULTS);
 * }</pre>
 *
 * <p>Errors: bad input (a strategy problem, a missing file, an invalid option) is a
 * {@link dev.ktrdr.api.KtrdrException} subclass naming the file and line, YAML path or parameter, and
 * changes nothing in the store. Thread-safe: calls may run concurrently (each works on its own
 * objects; the store's saves are atomic).
 */
public final class Ktrdr {
    private final DataSource data;
    private final FileModelStore store; // null: a session without a model store (train and evaluate only)
    private final ProgressListener progress;
    private final StrategyTrainer trainer;
    private final BacktestFeatures backtestFeatures; // the trainer's feature store, for backtests

    private Ktrdr(DataSource data, FileModelStore store, ProgressListener progress) {
        this(data, store, progress, new StrategyTrainer(), null);
    }

    private Ktrdr(DataSource data, FileModelStore store, ProgressListener progress, StrategyTrainer trainer,
                  dev.ktrdr.training.shard.FeatureStore featureStore) {
        this.data = data;
        this.store = store;
        this.progress = progress;
        this.trainer = trainer;
        this.backtestFeatures = new BacktestFeatures(featureStore, trainer);
    }

    /**
     * A session that keeps features in a feature store. Training prepares each symbol through it (see
     * {@link StrategyTrainer#withFeatureStore}); backtests ({@link #backtest(Resolution, BacktestOptions)},
     * {@link #backtestPortfolio}) read the symbol's shard keyed by the model strategy's feature settings and the
     * bars they read, reusing the training run's shard when the bars are the same, and build and write it
     * otherwise. With a store, features go through float32 whether the shard was built or reused, so repeated
     * runs give identical models and identical backtest figures; these may differ from a session without a
     * store (and from {@link #live} replay, which computes in double) by that rounding.
     *
     * @param cacheDir the feature store's folder (per-symbol shards, reused while bars and feature settings are
     *     unchanged), or null for no cache
     * @return a session like this one that keeps features there
     */
    public Ktrdr withFeatureCache(Path cacheDir) {
        dev.ktrdr.training.shard.FeatureStore fs = cacheDir == null ? null
                : new dev.ktrdr.training.shard.FeatureStore(cacheDir);
        return new Ktrdr(data, store, progress, trainer.withFeatureStore(fs), fs);
    }

    /**
     * @param threads threads sharing each MLP mini-batch, 1..64, overriding {@code training.threads}; 0 for the
     *     strategy's setting (default: all cores)
     * @return a session like this one with that setting
     */
    public Ktrdr withTrainingThreads(int threads) {
        return new Ktrdr(data, store, progress, trainer.withTrainingThreads(threads), backtestFeatures.store());
    }

    /**
     * @param data where bars come from
     * @param modelsDir the model store's root (created on the first save)
     * @return a session
     */
    public static Ktrdr open(DataSource data, Path modelsDir) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(modelsDir, "modelsDir");
        return new Ktrdr(data, new FileModelStore(modelsDir), ProgressListener.NONE);
    }

    /**
     * A session without a model store: train and evaluate, validate strategies; {@link #store},
     * {@link #resolve} and the backtest of stored models need {@link #open(DataSource, Path)}.
     *
     * @param data where bars come from
     * @return a session
     */
    public static Ktrdr open(DataSource data) {
        Objects.requireNonNull(data, "data");
        return new Ktrdr(data, null, ProgressListener.NONE);
    }

    /**
     * @param dataDir a folder of {@code {SYMBOL}_{tf}.csv[.gz]} files
     * @param modelsDir the model store's root
     * @return a session
     */
    public static Ktrdr open(Path dataDir, Path modelsDir) {
        return open(DataSource.folder(dataDir), modelsDir);
    }

    /**
     * @param listener receives progress of every long step (feature building, epochs, backtests)
     * @return a session like this one that reports progress there
     */
    public Ktrdr withProgress(ProgressListener listener) {
        return new Ktrdr(data, store, Objects.requireNonNull(listener, "listener"), trainer, backtestFeatures.store());
    }

    /** @return the data source */
    public DataSource data() {
        return data;
    }

    /**
     * @return the model store
     * @throws ConfigurationException when the session was opened without one
     */
    public FileModelStore store() {
        if (store == null) {
            throw new ConfigurationException("models_dir", "this session has no model store: open it with a models folder");
        }
        return store;
    }

    /**
     * Validates a strategy through the one validation path that training, backtests and live replay use.
     *
     * @param strategy the strategy
     * @return every problem with its YAML path; empty when the strategy is valid
     */
    public List<Problem> validate(StrategyInput strategy) {
        return StrategyLoader.validate(strategy.yaml(), strategy.source(), trainer.catalog());
    }

    /**
     * @param strategy the strategy
     * @return it, typed and validated
     * @throws dev.ktrdr.training.strategy.StrategyValidationException listing every problem
     */
    public Strategy strategy(StrategyInput strategy) {
        return StrategyLoader.parse(strategy.yaml(), strategy.source(), trainer.catalog());
    }

    /**
     * Trains the strategy's model (or, with {@link TrainOptions#perSymbol()}, one model per symbol, in
     * parallel) and evaluates it on the test rows; nothing is stored yet (see {@link #store}).
     *
     * @param strategy the strategy
     * @param options overrides of symbols, timeframes, base timeframe and date range
     * @return one report per model trained (one without {@code perSymbol}), in symbol order
     */
    public List<TrainingReport> trainAll(StrategyInput strategy, TrainOptions options) {
        Strategy s = effective(strategy(strategy), strategy.source(), options);
        String yaml = StrategyYaml.write(s.raw());
        List<Symbol> symbols = symbols(s, options);
        List<Timeframe> timeframes = options.timeframes().isEmpty() ? s.trainingData().timeframes().list()
                : options.timeframes();
        if (!options.perSymbol()) {
            return List.of(TrainingReport.of(trainer.run(request(yaml, strategy.source(), symbols, timeframes), progress)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(symbols.size(),
                Math.max(1, Runtime.getRuntime().availableProcessors())));
        try {
            List<Future<StrategyTrainer.Run>> futures = new ArrayList<>();
            for (Symbol sym : symbols) {
                futures.add(pool.submit(() -> trainer.run(request(yaml, strategy.source(), List.of(sym), timeframes),
                        progress, true)));
            }
            List<TrainingReport> out = new ArrayList<>();
            for (Future<StrategyTrainer.Run> f : futures) {
                out.add(TrainingReport.of(join(f)));
            }
            return List.copyOf(out);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Trains the strategy's one model (universal, group or symbol-specific, as the strategy's scope says).
     *
     * @param strategy the strategy
     * @param options overrides; {@code perSymbol} must be false here (use {@link #trainAll})
     * @return the report
     */
    public TrainingReport train(StrategyInput strategy, TrainOptions options) {
        if (options.perSymbol()) {
            throw new ConfigurationException("per_symbol", "train returns one model; use trainAll for one model per symbol");
        }
        return trainAll(strategy, options).get(0);
    }

    /**
     * Audits a strategy on this session's data before anyone believes its numbers: data consistency
     * across timeframes, prefix invariance of the feature rows, the split plan, and (unless quick) the
     * real run beside its baselines. See {@link AuditReport} for the verdicts.
     *
     * @param strategy the strategy
     * @param options symbols, quick, cuts
     * @return the report; never throws for what a check finds, only for a strategy that does not validate
     */
    public AuditReport audit(StrategyInput strategy, AuditOptions options) {
        return audit(strategy, options, trainer.catalog());
    }

    /**
     * @param strategy the strategy
     * @param options symbols, quick, cuts
     * @param catalog the indicator catalogue its types resolve in (with the host's custom indicators)
     * @return the report
     */
    public AuditReport audit(StrategyInput strategy, AuditOptions options,
                             dev.ktrdr.indicators.IndicatorCatalog catalog) {
        Strategy s = dev.ktrdr.training.strategy.StrategyLoader.parse(strategy.yaml(), strategy.source(), catalog);
        List<Symbol> symbols = symbols(s, TrainOptions.builder().symbols(options.symbols()).build());
        return new Audit(data, catalog).run(s, strategy.source(), symbols, options);
    }

    /**
     * Saves a trained model into the store (atomically: a half-written version is never visible) and
     * moves the {@code latest} pointer.
     *
     * @param report a training report from this library
     * @return the stored version's directory
     */
    public Path store(TrainingReport report) {
        return store().save(report.artifacts());
    }

    /**
     * Leave-one-symbol-out: each symbol's test rows scored by a model trained on the other symbols, beside
     * the held-out symbols' own per-symbol and momentum baselines, with the edge's interval. One extra
     * training per symbol; nothing is stored.
     *
     * @param strategy the strategy
     * @param options overrides (at least two symbols)
     * @return the held-out figures
     */
    public StrategyTrainer.Generalization generalization(StrategyInput strategy, TrainOptions options) {
        Strategy s = effective(strategy(strategy), strategy.source(), options);
        List<Timeframe> timeframes = options.timeframes().isEmpty() ? s.trainingData().timeframes().list()
                : options.timeframes();
        return trainer.generalization(request(StrategyYaml.write(s.raw()), strategy.source(), symbols(s, options),
                timeframes), progress);
    }

    /**
     * Finds the model that serves a symbol: the strategy's universal model, else one trained on the
     * symbol, else one of its group, on the strategy's stored timeframes; every refusal is listed.
     *
     * @param strategy the strategy name (a safe name)
     * @param symbol the symbol (a safe name)
     * @return the resolution
     * @throws dev.ktrdr.api.ModelException naming every refused candidate when no model serves
     */
    public Resolution resolve(String strategy, String symbol) {
        return resolve(strategy, Symbol.of(symbol), List.of());
    }

    /**
     * @param strategy the strategy name
     * @param symbol the symbol
     * @param timeframes the timeframes the host will feed (empty: whatever the newest model has)
     * @return the resolution
     */
    public Resolution resolve(String strategy, Symbol symbol, List<Timeframe> timeframes) {
        SymbolInfo info = data.info(symbol);
        List<Timeframe> tfs = timeframes.isEmpty() ? storedTimeframes(strategy) : timeframes;
        UniversalModelLoader.Resolution r = new StoreModelLoader(store()).resolve(strategy, info, tfs);
        return new Resolution(strategy, symbol, r.rung(), r.model(), r.unseenSymbol(), r.refusals(), r.deployment());
    }

    /**
     * Records that a stored version serves a symbol on a timeframe set ({@link FileModelStore#deploy}):
     * compatibility is checked first (a refusal is one line and changes nothing), the record is written
     * atomically, and {@link #resolve} tries it before the fallback chain.
     *
     * @param strategy the strategy name
     * @param versionName the version directory name, e.g. {@code universal_1h-4h-1d_v3}
     * @param symbol the symbol to serve (its asset class and group from this session's data source)
     * @param timeframes the timeframes the host will feed
     * @return the deployment record file
     */
    public Path deploy(String strategy, String versionName, Symbol symbol, List<Timeframe> timeframes) {
        return store().deploy(strategy, versionName, data.info(symbol), timeframes);
    }

    /**
     * Backtests a resolved model on its symbol: features from the strategy stored with the model (its
     * feature spec checked), decisions from that strategy's {@code decisions} (with the symbol's
     * overrides), decide at each base bar's close and fill at the next open with the given costs.
     *
     * <p>In a session {@link #withFeatureCache with a feature store} the features are the symbol's shard (keyed by
     * symbol, the strategy's feature settings without its date range, and the hash of the bars read): the training
     * run's shard when the bars are the same, else built and written once. They are then the float32 values the
     * store keeps, whether the shard was built or reused, so a repeated backtest gives bit-identical figures; they
     * may differ from a backtest without a store, and from {@link #live} replay, by that rounding.
     *
     * @param model the resolution
     * @param options window and costs
     * @return the report
     */
    public BacktestReport backtest(Resolution model, BacktestOptions options) {
        return backtest(model, storedStrategy(model.model()), options);
    }

    /**
     * Backtests a resolved model with the features and decisions of the given strategy (for example the
     * file the host edited after training, to try other decision settings); its features must produce the
     * model's feature spec, which is checked.
     *
     * @param model the resolution
     * @param strategy the strategy whose features and {@code decisions} to use
     * @param options window and costs
     * @return the report
     * @throws dev.ktrdr.api.ModelException when the strategy's features differ from the model's
     */
    public BacktestReport backtest(Resolution model, StrategyInput strategy, BacktestOptions options) {
        return backtest(model, strategy(strategy), options);
    }

    private BacktestReport backtest(Resolution model, Strategy strategy, BacktestOptions options) {
        StoredModel stored = model.model();
        ModelMetadata meta = stored.metadata();
        SymbolInfo info = data.info(model.symbol());
        List<Timeframe> tfs = meta.timeframes();
        MultiTimeframeBars bars = StrategyTrainer.load(data.bars(), info, tfs, meta.baseTimeframe());
        StrategyFeatures features = StrategyFeatures.of(strategy, info, tfs, meta.baseTimeframe());
        Strategy resolved = StrategyOverrides.resolve(strategy, info).strategy();
        EventBacktester backtester = new EventBacktester();
        BarSeries base = bars.get(bars.base());
        FeatureMatrix matrix = backtestFeatures.matrix(strategy, info, tfs, meta.baseTimeframe(), bars, data.bars(),
                data::info, stored.model().featureSpec())
                .orElseGet(() -> backtester.cache().features(bars, features, stored.model().featureSpec()));
        double[] p = EventBacktester.alignToBars(base, matrix, EventBacktester.predict(stored.model(), matrix));
        long from = options.from().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
        long to = options.to().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        int end = base.size();
        while (end > 0 && base.openTime(end - 1) > to) {
            end--;
        }
        BarSeries window = end == base.size() ? base : base.slice(0, end);
        double[] pw = end == base.size() ? p : Arrays.copyOf(p, end * Label.COUNT);
        for (int i = 0; i < window.size() && window.openTime(i) < from; i++) {
            Arrays.fill(pw, i * Label.COUNT, (i + 1) * Label.COUNT, Double.NaN);
        }
        RawPrices raw = rawPrices(info, base, end);
        progress.onProgress(new ProgressListener.Event("backtest", 0, 1, info.symbol().value()));
        BacktestRun run = backtester.runProbabilities(raw.bars(window), pw, RuleDecisionEngine.of(resolved.decisions()),
                options.execution(), BarsPerYear.estimate(window.openTimes(), window.timeframe(), info.calendarId()),
                raw.splits());
        progress.onProgress(new ProgressListener.Event("backtest", 1, 1, info.symbol().value()));
        Instant trainedUntil = trainedUntil(meta);
        long[] times = run.result().equityTimes();
        boolean inSample = !model.unseenSymbol() && times[0] < trainedUntil.toEpochMilli();
        return new BacktestReport(model.strategy(), model.symbol(), model, bars.base(), options.execution(), run.firstBar(),
                trainedUntil, inSample, BacktestReport.Figures.of(run.result().metrics()), run.result().trades(), times,
                run.result().equity(), buyAndHold(raw.bars(window), times, options.execution().initialCapital(), raw.splits()));
    }

    /**
     * The prices a backtest fills at: the raw (as traded) base bars and the symbol's splits when the data source
     * back-adjusts this symbol by splits ({@code corporate_actions.csv}), else the bars as the source gives them.
     * Features and decisions always use the adjusted bars; positions adjust at each split
     * ({@link SplitAdjustment}). Cash dividends are not credited on raw prices.
     */
    private record RawPrices(BarSeries raw, SplitAdjustment splits) {
        /** @return the raw bars over the window's span, or the window itself when there are none */
        BarSeries bars(BarSeries window) {
            return raw == null ? window : raw.size() == window.size() ? raw : raw.slice(0, window.size());
        }
    }

    private RawPrices rawPrices(SymbolInfo info, BarSeries adjustedBase, int end) {
        if (!(data.bars() instanceof CorporateActions.Adjusted adjusted)) {
            return new RawPrices(null, SplitAdjustment.NONE);
        }
        SplitAdjustment splits = SplitAdjustment.of(adjusted.actions(), info.symbol());
        if (splits.isEmpty()) {
            return new RawPrices(null, SplitAdjustment.NONE);
        }
        Timeframe tf = adjustedBase.timeframe();
        BarSeries raw = StrategyTrainer.load(adjusted.raw(), info, List.of(tf), tf).get(tf);
        if (!Arrays.equals(raw.openTimes(), adjustedBase.openTimes())) {
            throw new dev.ktrdr.api.DataException(info.symbol() + " " + tf.label() + ": the raw bars (" + raw.size()
                    + ") and the split-adjusted bars (" + adjustedBase.size() + ") have different bar times");
        }
        return new RawPrices(end == raw.size() ? raw : raw.slice(0, end), splits);
    }

    /**
     * Backtests a strategy's stored models on many symbols as one portfolio: each symbol resolved as
     * {@link #resolve(String, String)} does (universal, per-symbol or group model), its features from the
     * strategy stored with that model, its decisions from that strategy (with the symbol's overrides) and
     * its own decision engine; then one {@link PortfolioBacktester} run on the merged clock, one cash
     * account, the options' sizing and per-asset-class costs. Features come from the bars as the data source
     * gives them; when it back-adjusts a symbol by splits ({@code corporate_actions.csv}), that symbol fills at
     * its raw prices and its positions adjust at each split, as in {@link #backtest(Resolution, BacktestOptions)}.
     * With a feature store, each symbol's features come from its shard, as in that method (float32 values).
     *
     * @param strategy the strategy name
     * @param symbols the symbols, at least one, no repeats
     * @param options window, capital, sizing, costs
     * @return the report
     * @throws dev.ktrdr.api.ModelException naming the symbol when no model serves it
     */
    public PortfolioReport backtestPortfolio(String strategy, List<Symbol> symbols, PortfolioBacktestOptions options) {
        if (symbols.isEmpty()) {
            throw new ConfigurationException("symbols", "a portfolio backtest needs at least one symbol");
        }
        if (new java.util.HashSet<>(symbols).size() != symbols.size()) {
            throw new ConfigurationException("symbols", "a symbol is named twice in " + symbols);
        }
        List<Resolution> models = new ArrayList<>();
        List<PortfolioLeg> legs = new ArrayList<>();
        long from = options.from().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE);
        long to = options.to().map(Instant::toEpochMilli).orElse(Long.MAX_VALUE);
        for (int k = 0; k < symbols.size(); k++) {
            Symbol symbol = symbols.get(k);
            progress.onProgress(new ProgressListener.Event("portfolio features", k, symbols.size(), symbol.value()));
            Resolution model = resolve(strategy, symbol, List.of());
            StoredModel stored = model.model();
            ModelMetadata meta = stored.metadata();
            Strategy st = storedStrategy(stored);
            SymbolInfo info = data.info(symbol);
            MultiTimeframeBars bars = StrategyTrainer.load(data.bars(), info, meta.timeframes(), meta.baseTimeframe());
            StrategyFeatures features = StrategyFeatures.of(st, info, meta.timeframes(), meta.baseTimeframe());
            BarSeries base = bars.get(bars.base());
            FeatureMatrix matrix = backtestFeatures.matrix(st, info, meta.timeframes(), meta.baseTimeframe(), bars,
                    data.bars(), data::info, stored.model().featureSpec()).orElseGet(() -> features.build(bars));
            double[] p = EventBacktester.alignToBars(base, matrix, EventBacktester.predict(stored.model(), matrix));
            int end = base.size();
            while (end > 0 && base.openTime(end - 1) > to) {
                end--;
            }
            BarSeries window = end == base.size() ? base : base.slice(0, end);
            double[] pw = end == base.size() ? p : Arrays.copyOf(p, end * Label.COUNT);
            for (int i = 0; i < window.size() && window.openTime(i) < from; i++) {
                Arrays.fill(pw, i * Label.COUNT, (i + 1) * Label.COUNT, Double.NaN);
            }
            RawPrices raw = rawPrices(info, base, end);
            PortfolioLeg leg = PortfolioLeg.of(info, raw.bars(window), pw,
                    RuleDecisionEngine.of(StrategyOverrides.resolve(st, info).strategy().decisions()));
            if (!raw.splits().isEmpty()) {
                long[] ex = raw.splits().exTimes();
                double[] r = raw.splits().splitRatios();
                List<PortfolioLeg.Split> splits = new ArrayList<>();
                for (int i = 0; i < ex.length; i++) {
                    splits.add(new PortfolioLeg.Split(ex[i], r[i]));
                }
                leg = leg.withSplits(splits);
            }
            legs.add(leg);
            models.add(model);
        }
        progress.onProgress(new ProgressListener.Event("portfolio backtest", 0, 1, symbols.size() + " symbols"));
        PortfolioRun run = new PortfolioBacktester().run(legs, options.portfolio());
        progress.onProgress(new ProgressListener.Event("portfolio backtest", 1, 1, symbols.size() + " symbols"));
        return new PortfolioReport(strategy, models, options, run);
    }

    /**
     * A live replay of a resolved model: feed it bars of every timeframe as they close and it returns
     * the decision the backtest would take at that bar, from the same decision step.
     *
     * @param model the resolution
     * @return the live pipeline for the model's symbol
     */
    public LivePipeline live(Resolution model) {
        StoredModel stored = model.model();
        ModelMetadata meta = stored.metadata();
        Strategy strategy = storedStrategy(stored);
        SymbolInfo info = data.info(model.symbol());
        StrategyFeatures features = StrategyFeatures.of(strategy, info, meta.timeframes(), meta.baseTimeframe());
        return new LivePipeline(features, stored.model(), info,
                RuleDecisionEngine.of(StrategyOverrides.resolve(strategy, info).strategy().decisions()));
    }

    /**
     * Exports a stored model to ONNX (see {@link dev.ktrdr.training.onnx.OnnxExporter} for the inputs, output and
     * metadata properties every exported model has): the checksums are verified, the model decoded, and the file
     * written atomically. Needs {@code org.tribuo:tribuo-util-onnx} on the class path (an optional dependency of
     * this library); other model types export once their exporter is registered in
     * {@link dev.ktrdr.training.onnx.OnnxExport}.
     *
     * @param versionDirectory a stored version directory (of this session's store or any other)
     * @param file the {@code .onnx} file to write
     * @return the number of bytes written
     * @throws dev.ktrdr.api.ModelException naming the directory when the version is damaged, its format has no
     *     exporter, or Tribuo's ONNX helpers are missing
     */
    public long exportOnnx(Path versionDirectory, Path file) {
        Objects.requireNonNull(versionDirectory, "versionDirectory");
        Objects.requireNonNull(file, "file");
        FileModelStore from = store != null ? store : new FileModelStore(versionDirectory.toAbsolutePath().getParent());
        StoredModel stored = from.load(versionDirectory);
        try {
            return dev.ktrdr.training.onnx.OnnxExport.defaults().write(stored, file);
        } catch (NoClassDefFoundError e) {
            throw new dev.ktrdr.api.ModelException(versionDirectory + ": ONNX export needs org.tribuo:tribuo-util-onnx "
                    + "on the class path (missing: " + e.getMessage() + ")", e);
        }
    }

    /**
     * Writes the HTML report of a backtest: {@code dir/index.html} with the equity curve against
     * buy-and-hold and the drawdown, and the summary of the window, the model and its figures.
     *
     * @param report a backtest report
     * @param dir the report folder (created)
     * @return the report's {@code index.html}
     */
    public Path writeReport(BacktestReport report, Path dir) {
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("strategy", report.strategy());
        summary.put("symbol", report.symbol().value());
        summary.put("model", report.resolution().rung().name().toLowerCase(java.util.Locale.ROOT) + " rung, "
                + report.resolution().directory().getFileName()
                + (report.resolution().unseenSymbol() ? " (symbol not seen in training)" : ""));
        summary.put("window (UTC)", report.from() + " to " + report.to() + ", " + report.bars() + " "
                + report.baseTimeframe().label() + " bars");
        BacktestReport.Figures f = report.figures();
        summary.put("total return", String.format(java.util.Locale.ROOT, "%+.2f %%", 100 * f.totalReturn()));
        summary.put("Sharpe ratio (annualised)", String.format(java.util.Locale.ROOT, "%.2f", f.sharpe()));
        summary.put("max drawdown", String.format(java.util.Locale.ROOT, "%.2f %%", 100 * f.maxDrawdown()));
        summary.put("trades", Integer.toString(f.tradeCount()));
        summary.put("buy and hold return", String.format(java.util.Locale.ROOT, "%+.2f %%", 100 * f.buyHoldReturn()));
        if (report.inSampleOverlap()) {
            summary.put("note", "the window starts before the model's training rows end (" + report.trainedUntil()
                    + "): partly in sample");
        }
        ReportData data = ReportData.empty(report.strategy() + " on " + report.symbol().value() + ", " + report.from()
                        + " to " + report.to())
                .withSummary(summary)
                .withEquity(new ReportData.Equity(report.symbol().value(), report.equityTimes(), report.equity(),
                        report.buyAndHold()))
                .withDisplay(new ReportData.Display("quote currency", longWindow(report.equityTimes())));
        new ReportWriter().write(data, dir);
        return dir.resolve("index.html");
    }

    /**
     * Writes the page of an audit: the verdict per check and every line of its evidence.
     *
     * @param report an audit report
     * @param dir the report folder (created)
     * @return the page's {@code index.html}
     */
    public Path writeReport(AuditReport report, Path dir) {
        List<dev.ktrdr.report.AuditPage.Section> sections = new ArrayList<>();
        for (AuditReport.Check c : report.checks()) {
            sections.add(new dev.ktrdr.report.AuditPage.Section(c.id(), c.title(),
                    c.verdict().name().toLowerCase(java.util.Locale.ROOT), c.evidence()));
        }
        return dev.ktrdr.report.AuditPage.write(report.strategy(),
                report.overall().name().toLowerCase(java.util.Locale.ROOT), report.seconds(), sections, dir);
    }

    /**
     * Writes the HTML report of a portfolio backtest: equity against the equal-weight buy-and-hold,
     * drawdown, contribution per symbol, exposure by asset class, correlation of daily returns, and the
     * summary of the window, the sizing and the figures.
     *
     * @param report a portfolio report
     * @param dir the report folder (created)
     * @return the report's {@code index.html}
     */
    public Path writeReport(PortfolioReport report, Path dir) {
        PortfolioRun run = report.run();
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("strategy", report.strategy());
        summary.put("symbols", run.symbols().size() + ": " + String.join(", ",
                run.symbols().stream().map(i -> i.symbol().value()).toList()));
        summary.put("window (UTC)", report.from() + " to " + report.to() + ", " + run.times().length + " clock points");
        summary.put("sizing", report.options().portfolio().sizing().mode().name().toLowerCase(java.util.Locale.ROOT));
        summary.put("capital", String.format(java.util.Locale.ROOT, "%,.2f quote currency",
                report.options().portfolio().initialCapital()));
        BacktestReport.Figures f = report.figures();
        summary.put("total return", String.format(java.util.Locale.ROOT, "%+.2f %%", 100 * f.totalReturn()));
        summary.put("Sharpe ratio (annualised)", String.format(java.util.Locale.ROOT, "%.2f", f.sharpe()));
        summary.put("max drawdown", String.format(java.util.Locale.ROOT, "%.2f %%", 100 * f.maxDrawdown()));
        summary.put("trades", String.format(java.util.Locale.ROOT, "%,d", f.tradeCount()));
        summary.put("turnover", String.format(java.util.Locale.ROOT, "%.2f × mean equity",
                run.metrics().getOrDefault(dev.ktrdr.training.backtest.Performance.TURNOVER, Double.NaN)));
        summary.put("equal-weight buy and hold return", String.format(java.util.Locale.ROOT, "%+.2f %%", 100 * f.buyHoldReturn()));
        Map<String, Double> contribution = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        for (PortfolioRun.SymbolFigures s : run.perSymbol()) {
            contribution.put(s.info().symbol().value(), s.contribution());
            names.add(s.info().symbol().value());
        }
        Map<String, Double> exposure = new LinkedHashMap<>();
        run.exposureByClass().forEach((k, v) -> exposure.put(k.id(), v));
        ReportData data = ReportData.empty(report.strategy() + ", portfolio of " + run.symbols().size() + " symbols, "
                        + report.from() + " to " + report.to())
                .withSummary(summary)
                .withEquity(new ReportData.Equity("portfolio", run.times(), run.equity(), run.benchmark()))
                .withDisplay(new ReportData.Display("quote currency", longWindow(run.times())))
                .withPortfolio(new ReportData.Portfolio(contribution, exposure, names, run.correlation()));
        new ReportWriter().write(data, dir);
        return dir.resolve("index.html");
    }

    /** Windows of three years and more also get the equity on a logarithmic axis. */
    private static boolean longWindow(long[] times) {
        return times.length > 1 && times[times.length - 1] - times[0] >= 3 * 365L * 86_400_000L;
    }

    /**
     * Writes the HTML report of a training run: training curves, accuracy per symbol beside its
     * baseline, importance, confusion matrix.
     *
     * @param report a training report
     * @param dir the report folder (created)
     * @return the report's {@code index.html}
     */
    public Path writeReport(TrainingReport report, Path dir) {
        ModelArtifacts a = report.artifacts();
        ReportData data = ReportSources.fromModelFiles(report.strategy() + " (" + report.scope() + ")", a.metricsJson(),
                "metrics.json", a.historyCsv(), "history.csv");
        new ReportWriter().write(data, dir);
        return dir.resolve("index.html");
    }

    /** The strategy stored with a model version: the one its features were built with. */
    private Strategy storedStrategy(StoredModel stored) {
        return StrategyLoader.parse(store().readText(stored.directory(), "strategy.yaml"),
                stored.directory().resolve("strategy.yaml").toString(), trainer.catalog());
    }

    private TrainingRequest request(String yaml, String source, List<Symbol> symbols, List<Timeframe> timeframes) {
        return new TrainingRequest(yaml, source, data.bars(), data::info, symbols, timeframes);
    }

    /**
     * The strategy with the options' base timeframe and date range written into its tree, validated
     * again; the timeframes reach the trainer with the request (the strategy's deployment section keeps
     * naming what it may serve).
     */
    private Strategy effective(Strategy s, String source, TrainOptions o) {
        Timeframe base = o.baseTimeframe().orElse(null);
        if (base == null && !o.timeframes().isEmpty() && !o.timeframes().contains(s.trainingData().timeframes().base())) {
            base = o.timeframes().stream().min(Enum::compareTo).orElseThrow();
        }
        if (base == null && o.startDate().isEmpty() && o.endDate().isEmpty()) {
            return s;
        }
        Map<String, Object> tree = deepCopy(s.raw());
        Map<String, Object> td = child(tree, "training_data");
        if (base != null) {
            child(td, "timeframes").put("base_timeframe", base.label());
            if (!o.timeframes().isEmpty()) {
                // a coarser base drops the finer timeframes: the list the trainer gets is the one validated
                child(td, "timeframes").put("list", o.timeframes().stream().map(Timeframe::label).toList());
            }
        }
        o.startDate().ifPresent(d -> td.put("start_date", d.toString()));
        o.endDate().ifPresent(d -> td.put("end_date", d.toString()));
        return StrategyLoader.fromTree(tree, source + " (with overrides)", trainer.catalog());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> tree, String key) {
        Object v = tree.get(key);
        Map<String, Object> m = v instanceof Map ? (Map<String, Object>) v : new LinkedHashMap<>();
        tree.put(key, m);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> tree) {
        Map<String, Object> out = new LinkedHashMap<>();
        tree.forEach((k, v) -> out.put(k, v instanceof Map ? deepCopy((Map<String, Object>) v)
                : v instanceof List<?> l ? new ArrayList<>(l) : v));
        return out;
    }

    private List<Symbol> symbols(Strategy s, TrainOptions o) {
        if (!o.symbols().isEmpty()) {
            return o.symbols();
        }
        Strategy.SymbolSelection selection = s.trainingData().symbols();
        if (!selection.list().isEmpty()) {
            return selection.list();
        }
        List<Symbol> out = selection.resolve(data.available().get());
        if (out.isEmpty()) {
            throw new ConfigurationException("training_data.symbols.asset_classes", "no symbol of "
                    + selection.assetClasses() + " in " + data.description() + "; name the symbols to train on");
        }
        return out;
    }

    private List<Timeframe> storedTimeframes(String strategy) {
        return store().versions(strategy).stream().reduce((a, b) -> b).map(v -> v.name().timeframes())
                .orElseThrow(() -> new dev.ktrdr.api.ModelException("no stored model of strategy '" + strategy + "' in "
                        + store().root()));
    }

    /**
     * Where the model's training rows end: the validation cut its trainer recorded ({@code split_cuts}
     * provenance, "validationCut, testCut"), else the end of its data.
     */
    static Instant trainedUntil(ModelMetadata meta) {
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

    /** Equity of buying at the window's first bar's close and holding, at the equity curve's bar times. */
    private static double[] buyAndHold(BarSeries base, long[] times, double capital, SplitAdjustment splits) {
        double[] out = new double[times.length];
        double[] ratio = splits.isEmpty() ? null : splits.ratios(base);
        int b = 0;
        double first = Double.NaN;
        double shares = 1; // shares held per share bought at the first bar: grows at each split on raw prices
        for (int k = 0; k < times.length; k++) {
            while (base.openTime(b) < times[k]) {
                b++;
                if (ratio != null && k > 0) {
                    shares = SplitAdjustment.units(shares, ratio[b]);
                }
            }
            if (k == 0) {
                first = base.close(b);
            }
            out[k] = capital * shares * base.close(b) / first;
        }
        return out;
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        }
    }

    static void requireDirectory(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(what + " " + dir + " is not a directory");
        }
    }
}
