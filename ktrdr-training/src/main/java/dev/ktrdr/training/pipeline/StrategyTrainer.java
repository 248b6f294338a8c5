package dev.ktrdr.training.pipeline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.FuzzyEngine;
import dev.ktrdr.api.IndicatorEngine;
import dev.ktrdr.api.KtrdrException;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Labeler;
import dev.ktrdr.api.Labels;
import dev.ktrdr.api.ModelArtifacts;
import dev.ktrdr.api.ModelCodec;
import dev.ktrdr.api.internal.ModelCodecs;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.ModelTrainer;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.api.TimeframeAligner;
import dev.ktrdr.data.CalendarResampler;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.data.LookaheadFreeAligner;
import dev.ktrdr.data.MissingTimeframePolicy;
import dev.ktrdr.data.MultiTimeframeLoader;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.fuzzy.BatchFuzzyEngine;
import dev.ktrdr.indicators.CatalogIndicatorEngine;
import dev.ktrdr.indicators.IndicatorCatalog;
import dev.ktrdr.training.eval.BatchClassifier;
import dev.ktrdr.training.eval.BlockBootstrap;
import dev.ktrdr.training.eval.Calibration;
import dev.ktrdr.training.eval.ClassificationMetrics;
import dev.ktrdr.training.eval.EdgeReport;
import dev.ktrdr.training.eval.EmbeddingAnalysis;
import dev.ktrdr.training.eval.EpochCsv;
import dev.ktrdr.training.eval.EpochRecord;
import dev.ktrdr.training.eval.Evaluation;
import dev.ktrdr.training.eval.MomentumBaseline;
import dev.ktrdr.training.eval.PermutationImportance;
import dev.ktrdr.training.eval.ScoredRows;
import dev.ktrdr.training.features.FeatureColumns;
import dev.ktrdr.training.features.StackedRows;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.labels.ClassBalance;
import dev.ktrdr.training.labels.Labelers;
import dev.ktrdr.training.gbdt.GbdtConfig;
import dev.ktrdr.training.gbdt.GbdtModel;
import dev.ktrdr.training.gbdt.GbdtTrainer;
import dev.ktrdr.training.mlp.EpochListener;
import dev.ktrdr.training.mlp.MlpConfig;
import dev.ktrdr.training.mlp.MlpModel;
import dev.ktrdr.training.mlp.MlpTrainer;
import dev.ktrdr.training.mlp.MlpTrainingResult;
import dev.ktrdr.training.mlp.ModelFit;
import dev.ktrdr.training.mlp.StandardScaler;
import dev.ktrdr.training.mlp.SymbolEncoding;
import dev.ktrdr.training.mlp.SymbolRows;
import dev.ktrdr.training.sampling.internal.MultiSymbolSampler;
import dev.ktrdr.training.shard.FeatureShard;
import dev.ktrdr.training.shard.FeatureStore;
import dev.ktrdr.training.shard.ShardKey;
import dev.ktrdr.training.shard.ShardRows;
import dev.ktrdr.training.shard.StreamingSampler;
import dev.ktrdr.api.internal.BalancedMultiSymbolSampler;
import dev.ktrdr.training.split.ChronologicalSplitter;
import dev.ktrdr.training.split.SplitPlan;
import dev.ktrdr.training.split.SymbolSplit;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import dev.ktrdr.training.strategy.StrategyOverrides;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link ModelTrainer} of ktrdr-java: strategy → bars → features and labels per symbol (paired in
 * {@link SymbolDataset}s) → one chronological purged split with the same cuts for every symbol →
 * {@link MultiSymbolSampler} → {@link MlpTrainer} (scaler fitted on the training rows only), or for
 * {@code model.type: gbdt} {@link GbdtTrainer} on the same rows, sampler and class weights → evaluation
 * on the test rows (overall and per symbol, each beside its majority-class baseline and the momentum
 * baseline) → {@link ModelArtifacts}.
 *
 * <p>Per-symbol overrides ({@link StrategyOverrides}) set each symbol's labels and fuzzy parameters;
 * what applied is recorded in the provenance. Symbols are prepared in parallel on the configured number
 * of threads; results are combined in symbol order, so the outcome does not depend on scheduling.
 *
 * <p>Every hyper-parameter of the strategy reaches the trainer, in either layout (epochs, batch size,
 * learning rate, optimizer, early stopping, seed, weight decay, gradient clipping, class weights,
 * architecture, dropout, symbol encoding, balance strategy, context features).
 *
 * <p>Immutable and thread-safe.
 */
public final class StrategyTrainer implements ModelTrainer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StrategyTrainer.class);
    /**
     * Formerly the format id written when no codec could encode the model.
     *
     * @deprecated no longer written: metadata always names the registered codec ({@link ModelCodecs#forModel})
     */
    @Deprecated
    public static final String UNENCODED = "unencoded";
    /** Bars of the momentum baseline's return beside every accuracy. */
    public static final int MOMENTUM_LOOKBACK = 5;
    private static final int IMPORTANCE_ROWS = 2000;
    /** Shuffles per group in the group permutation importance of the test rows. */
    static final int IMPORTANCE_REPEATS = PermutationImportance.DEFAULT_GROUP_REPEATS;
    private static final int EPOCH_IMPORTANCE_ROWS = 512;
    private static final String LIBRARY_VERSION = Optional.ofNullable(StrategyTrainer.class.getPackage()
            .getImplementationVersion()).orElse("0.1.0-SNAPSHOT");

    private final IndicatorEngine indicators;
    private final FuzzyEngine fuzzy;
    private final TimeframeAligner aligner;
    private final int threads;
    private final FeatureStore featureStore; // null: features are not cached
    private final int trainingThreads; // 0: the strategy's training.threads
    private final int concurrentTrainings; // 0: automatic (see threadsPerTraining and trainingsAtOnce)
    /** The shard each prepared dataset was read from (identity keys; entries go with their datasets). */
    private final Map<SymbolDataset, FeatureShard> shards = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** A trainer with the library's engines and one symbol-preparation thread per core (at most 64). */
    public StrategyTrainer() {
        this(new CatalogIndicatorEngine(), new BatchFuzzyEngine(), new LookaheadFreeAligner(),
                Math.max(1, Math.min(64, Runtime.getRuntime().availableProcessors())));
    }

    /**
     * @param indicators computes indicators
     * @param fuzzy evaluates memberships
     * @param aligner aligns timeframes without looking ahead
     * @param threads threads for preparing symbols, ≥ 1
     */
    public StrategyTrainer(IndicatorEngine indicators, FuzzyEngine fuzzy, TimeframeAligner aligner, int threads) {
        this.indicators = Objects.requireNonNull(indicators, "indicators");
        this.fuzzy = Objects.requireNonNull(fuzzy, "fuzzy");
        this.aligner = Objects.requireNonNull(aligner, "aligner");
        if (threads < 1 || threads > 64) {
            throw new ConfigurationException("threads", threads + " is not in [1, 64]");
        }
        this.threads = threads;
        this.featureStore = null;
        this.trainingThreads = 0;
        this.concurrentTrainings = 0;
    }

    private StrategyTrainer(StrategyTrainer t, FeatureStore featureStore, int trainingThreads) {
        this(t, featureStore, trainingThreads, t.concurrentTrainings);
    }

    private StrategyTrainer(StrategyTrainer t, FeatureStore featureStore, int trainingThreads, int concurrentTrainings) {
        this.indicators = t.indicators;
        this.fuzzy = t.fuzzy;
        this.aligner = t.aligner;
        this.threads = t.threads;
        this.featureStore = featureStore;
        this.trainingThreads = trainingThreads;
        this.concurrentTrainings = concurrentTrainings;
    }

    /**
     * A trainer like this one that keeps every symbol's features in a feature store: a symbol whose bars and
     * feature settings match its shard is read from the shard instead of recomputed, any other is rebuilt and
     * its shard replaced; the MLP then trains from the mapped shards ({@link MlpTrainer#trainStreaming}), so no
     * array holds every training row. Features go through float32 either way, so a run gives the same model
     * whether its shards were built or reused. Strategies with {@code training.feature_cache: false} are not
     * cached.
     *
     * <p>To keep the heap independent of the features, the prepared datasets of such a run hold row times and
     * labels only: {@code Prepared.dataset().features()} has no columns (the run's evaluation reads the shards).
     * Callers that need a symbol's feature matrix use a trainer without a store, or
     * {@link FeatureShard#features()} of the shard in the store.
     *
     * @param store the store, or null for none
     * @return the trainer
     */
    public StrategyTrainer withFeatureStore(FeatureStore store) {
        return new StrategyTrainer(this, store, trainingThreads);
    }

    /**
     * @param mlpThreads threads sharing each MLP mini-batch, 1..64, overriding {@code training.threads}; 0 for
     *     the strategy's setting
     * @return a trainer like this one with that setting
     * @throws ConfigurationException when out of range
     */
    public StrategyTrainer withTrainingThreads(int mlpThreads) {
        if (mlpThreads < 0 || mlpThreads > 64) {
            throw new ConfigurationException("threads", mlpThreads + " is not in [1, 64] (0: the strategy's training.threads)");
        }
        return new StrategyTrainer(this, featureStore, mlpThreads);
    }

    /**
     * How many of the independent trainings of {@link #generalization} (one per held-out symbol) and of
     * walk-forward (one per fold) run at once. The figures do not depend on it: each training's model is a
     * function of its rows, seed and MLP thread count only, and results are combined in symbol and fold order.
     *
     * @param trainings 1..64 trainings at once (1: one after the other), or 0 for automatic: as many as the
     *     cores hold at {@code T} MLP threads each, {@code max(1, cores / T)}, fewer when the heap cannot hold
     *     that many in-memory copies of the training rows (a run without a feature store)
     * @return a trainer like this one with that setting
     * @throws ConfigurationException when out of range
     */
    public StrategyTrainer withConcurrentTrainings(int trainings) {
        if (trainings < 0 || trainings > 64) {
            throw new ConfigurationException("concurrent trainings", trainings + " is not in [1, 64] (0: automatic)");
        }
        return new StrategyTrainer(this, featureStore, trainingThreads, trainings);
    }

    /**
     * @return the catalogue this trainer's indicator engine resolves types in (the standard one for an
     *     engine that is not a {@link CatalogIndicatorEngine}): strategies are validated against it
     */
    public IndicatorCatalog catalog() {
        return indicators instanceof CatalogIndicatorEngine c ? c.catalog() : IndicatorCatalog.standard();
    }

    /**
     * One symbol after preparation.
     *
     * @param info the symbol
     * @param baseBars supplies its base series (after the date range); through a feature store the bars are
     *     loaded on the first {@link #base()} and kept, so a run whose shards hold all it needs (features,
     *     labels, the momentum baseline) never loads or holds them
     * @param dataset its paired features and labels
     * @param balance its class balance over the base series
     * @param warmupDropped rows dropped for warm-up (indicators and context features)
     * @param overridesApplied the overrides that applied to it
     */
    public record Prepared(SymbolInfo info, Supplier<BarSeries> baseBars, SymbolDataset dataset, ClassBalance balance,
                           int warmupDropped, List<String> overridesApplied) {
        /** Checks presence. */
        public Prepared {
            Objects.requireNonNull(baseBars, "baseBars");
        }

        /** @return its base series (after the date range); loaded now if it has not been yet */
        public BarSeries base() {
            return baseBars.get();
        }
    }

    /** Loads once, on the first call, and keeps the result (thread-safe). */
    private static final class Once<T> implements Supplier<T> {
        private Supplier<T> load;
        private T value;

        Once(Supplier<T> load) {
            this.load = load;
        }

        @Override
        public synchronized T get() {
            if (load != null) {
                value = load.get();
                load = null;
            }
            return value;
        }
    }

    /**
     * Everything a run produced, for callers that want more than {@link TrainingResult}.
     *
     * @param strategy the strategy as loaded
     * @param prepared per symbol, in symbol order
     * @param split the split shared by all symbols
     * @param training the training result: an {@link MlpTrainingResult}, or a
     *     {@link dev.ktrdr.training.gbdt.GbdtTrainingResult} for {@code model.type: gbdt}
     * @param test test evaluation
     * @param validation validation evaluation
     * @param momentumTest the momentum baseline on the same test rows
     * @param result what {@link #train} returns
     * @param testEdge accuracy on the test rows beside the per-symbol and momentum baselines, its edge with a
     *     block-bootstrap interval and verdict, overall and per symbol
     * @param walkForwardEdge the same over the walk-forward folds' test rows, when walk-forward is configured
     */
    public record Run(Strategy strategy, List<Prepared> prepared, SplitPlan split, ModelFit training,
                      Evaluation test, Evaluation validation, ClassificationMetrics momentumTest, TrainingResult result,
                      EdgeReport testEdge, Optional<EdgeReport> walkForwardEdge) {
        /** Checks presence. */
        public Run {
            Objects.requireNonNull(testEdge, "testEdge");
            Objects.requireNonNull(walkForwardEdge, "walkForwardEdge");
        }

        /** @return the one-line caveat to print beside every edge for segment labels, else empty */
        public Optional<String> labelCaveat() {
            return EdgeReport.caveat(strategy.training().labels().source());
        }
    }

    @Override
    public TrainingResult train(TrainingRequest request, ProgressListener progress) {
        return run(request, progress).result();
    }

    /**
     * Runs the whole path and keeps every intermediate result. The model's scope comes from the strategy
     * ({@code universal}, {@code group-{name}} for {@code symbol_group}, the symbol for
     * {@code symbol_specific}).
     *
     * @param request what to train on
     * @param progress receives {@code prepare}, {@code epoch} and {@code evaluate} events
     * @return the run
     */
    public Run run(TrainingRequest request, ProgressListener progress) {
        return run(request, progress, false);
    }

    /**
     * Runs the whole path; with {@code symbolSpecific} the model is one symbol's own model (scope: the
     * symbol, as {@code ktrdr train --per-symbol} makes), whatever scope the strategy names.
     *
     * @param request what to train on; with {@code symbolSpecific} exactly one symbol
     * @param progress receives {@code prepare}, {@code epoch} and {@code evaluate} events
     * @param symbolSpecific whether the model is scoped to its single symbol
     * @return the run
     * @throws ConfigurationException when {@code symbolSpecific} and the request does not name exactly one symbol
     */
    public Run run(TrainingRequest request, ProgressListener progress, boolean symbolSpecific) {
        if (symbolSpecific && request.symbols().size() != 1) {
            throw new ConfigurationException("symbols", "a symbol-specific model trains on exactly one symbol, got "
                    + request.symbols());
        }
        // the one validation path: every problem of the file at once (scale_features: false among them)
        Strategy strategy = StrategyLoader.parse(request.strategyYaml(), request.strategySource(), catalog());
        List<Symbol> symbols = request.symbols().isEmpty() ? strategy.trainingData().symbols().list() : request.symbols();
        if (symbols.isEmpty()) {
            throw new ConfigurationException("training_data.symbols", "the strategy selects symbols by asset class "
                    + strategy.trainingData().symbols().assetClasses() + "; name the symbols to train on");
        }
        List<Timeframe> timeframes = request.timeframes().isEmpty() ? strategy.trainingData().timeframes().list()
                : request.timeframes();
        Timeframe base = timeframes.contains(strategy.trainingData().timeframes().base())
                ? strategy.trainingData().timeframes().base()
                : timeframes.stream().min(Enum::compareTo).orElseThrow();

        List<Prepared> prepared = prepareAll(strategy, request, symbols, timeframes, base, progress);
        List<SymbolDataset> datasets = new ArrayList<>();
        for (Prepared p : prepared) {
            datasets.add(p.dataset());
        }
        SplitPlan split = new ChronologicalSplitter(strategy.training().split().train(),
                strategy.training().split().validation(), strategy.training().split().test()).split(datasets);
        showAndCheck(strategy, split, progress);

        List<Symbol> order = new ArrayList<>();
        List<int[]> testSel = new ArrayList<>();
        List<int[]> valSel = new ArrayList<>();
        for (SymbolDataset d : datasets) {
            order.add(d.symbol());
            testSel.add(split.of(d.symbol()).test());
            valSel.add(split.of(d.symbol()).validation());
        }
        StackedRows validationRows = stack(datasets, valSel);
        StackedRows epochSample = validationRows.rows() == 0 ? null
                : sample(validationRows, datasets, valSel, EPOCH_IMPORTANCE_ROWS);
        List<EpochRecord> records = new ArrayList<>();
        long seed = strategy.training().seed();
        EpochListener epochs = (es, view) -> {
            EpochRecord r;
            if (validationRows.rows() == 0) {
                double[] nan3 = {Double.NaN, Double.NaN, Double.NaN};
                r = new EpochRecord(es.epoch(), es.trainLoss(), es.trainAccuracy(), es.validationLoss(),
                        es.validationAccuracy(), nan3, nan3, Map.of(), es.learningRate(), es.gradientNorm(), es.seconds());
            } else {
                // the trainer's validation pass already classified every validation row, in this order
                Evaluation v = Evaluation.of(validationRows.classes(), view.validationPredictions(),
                        validationRows.symbolIndex(), order);
                r = EpochRecord.of(es.epoch(), es.trainLoss(), es.trainAccuracy(), es.validationLoss(), v,
                        es.learningRate(), es.gradientNorm(), es.seconds())
                        .withTimeframeImportance(PermutationImportance.byTimeframeBlock(
                                BatchClassifier.of(view.model(), order), epochSample, seed + es.epoch()));
            }
            records.add(r);
        };
        ModelFit trained = fit(strategy, request.strategyYaml(), datasets, split, progress, epochs);
        if (records.isEmpty()) {
            // trees report boosting rounds: losses only, no per-round evaluation
            double[] nan3 = {Double.NaN, Double.NaN, Double.NaN};
            for (dev.ktrdr.training.mlp.EpochStats es : trained.history()) {
                records.add(new EpochRecord(es.epoch(), es.trainLoss(), es.trainAccuracy(), es.validationLoss(),
                        es.validationAccuracy(), nan3, nan3, Map.of(), es.learningRate(), es.gradientNorm(), es.seconds()));
            }
        }
        long trainRowCount = 0;
        for (SymbolDataset d : datasets) {
            trainRowCount += split.of(d.symbol()).train().length;
        }
        TradingModel model = trained.model();

        progress.onProgress(new ProgressListener.Event("evaluate", 0, 1, "test rows"));
        StackedRows testRows = stack(datasets, testSel);
        for (int k = 0; k < datasets.size(); k++) {
            if (testSel.get(k).length == 0) {
                LOG.warn("{} has no test rows: its data ends before the shared test cut {}", datasets.get(k).symbol(),
                        split.testCut() == Long.MAX_VALUE ? "(none)" : Instant.ofEpochMilli(split.testCut()));
            }
        }
        double[] testProbs = probabilities(model, testRows);
        byte[] testPredicted = argmax(testProbs);
        Evaluation test = Evaluation.of(testRows.classes(), testPredicted, testRows.symbolIndex(), order);
        EdgeReport testEdge = BlockBootstrap.withSeed(seed).evaluate(ScoredRows.of(order, testRows.symbolIndex(),
                testRows.classes(), testPredicted, momentumRows(prepared, testSel), horizons(datasets)));
        double[] validationProbs = probabilities(model, validationRows);
        Evaluation validation = Evaluation.of(validationRows.classes(), argmax(validationProbs),
                validationRows.symbolIndex(), order);
        long[][] momentum = new long[Label.COUNT][Label.COUNT];
        Map<Symbol, ClassificationMetrics> momentumPerSymbol = new LinkedHashMap<>();
        for (Prepared p : prepared) {
            int[] sel = split.of(p.info().symbol()).test();
            byte[] actual = new byte[sel.length];
            for (int i = 0; i < sel.length; i++) {
                actual[i] = p.dataset().classAt(sel[i]);
            }
            ClassificationMetrics m = ClassificationMetrics.of(actual, momentumOf(p, sel));
            momentumPerSymbol.put(p.info().symbol(), m);
            long[][] c = m.confusion();
            for (int a = 0; a < Label.COUNT; a++) {
                for (int q = 0; q < Label.COUNT; q++) {
                    momentum[a][q] += c[a][q];
                }
            }
        }
        ClassificationMetrics momentumTest = ClassificationMetrics.fromConfusion(momentum);

        Map<String, Double> summary = new LinkedHashMap<>(test.summary("test_"));
        summary.putAll(testEdge.summary("test_"));
        testEdge.perSymbolEdges().forEach((sym, e) -> summary.put("test_edge." + sym, e.point()));
        summary.put("validation_accuracy", validation.overall().accuracy());
        summary.put("validation_baseline_accuracy", validation.perSymbolBaseline());
        summary.put("validation_pooled_majority_accuracy", validation.overall().baseline());
        summary.put("momentum_test_accuracy", momentumTest.accuracy());
        summary.put("test_expected_calibration_error",
                testRows.rows() == 0 ? Double.NaN : Calibration.expectedCalibrationError(testProbs, testRows.classes(), 10));
        if (validationRows.rows() > 0 && testRows.rows() > 0) {
            // temperature fitted on validation rows only, judged on test rows
            double temperature = Calibration.fitTemperature(validationProbs, validationRows.classes());
            summary.put("temperature", temperature);
            summary.put("test_expected_calibration_error_scaled", Calibration.expectedCalibrationError(
                    Calibration.applyTemperature(testProbs, temperature), testRows.classes(), 10));
        }
        // epochs (and boosting rounds) are counted from 1 wherever a person reads them (summary, metrics.json, charts, CLI)
        summary.put("best_epoch", (double) (trained.bestEpoch() + 1));
        // the kept epoch's (or boosting round's) validation loss: what ktrdr train --promote-best compares
        summary.put("best_validation_loss", trained.bestEpoch() < 0 || trained.history().isEmpty() ? Double.NaN
                : trained.history().get(trained.bestEpoch()).validationLoss());
        summary.put("epochs_run", (double) trained.history().size());
        summary.put("train_rows", (double) trainRowCount);
        summary.put("test_rows", (double) testRows.rows());

        Optional<EdgeReport> walkForwardEdge = Optional.empty();
        if (strategy.training().walkForward().enabled()) {
            walkForwardEdge = walkForward(strategy, request.strategyYaml(), prepared, progress, summary);
        }

        StackedRows sampled = testRows.rows() == 0 ? null : sample(testRows, datasets, testSel, IMPORTANCE_ROWS);
        List<String> sets = new ArrayList<>(strategy.fuzzySets().keySet());
        PermutationImportance.Result importance = sampled == null ? null : PermutationImportance.compute(
                BatchClassifier.of(model, order), sampled, sets, 1, strategy.training().seed());
        List<PermutationImportance.Window> windows = sampled == null ? List.of() : PermutationImportance.byTimeWindow(
                BatchClassifier.of(model, order), sampled, sets, 4, 1, strategy.training().seed());
        List<PermutationImportance.GroupResult> groupImportance = sampled == null ? List.of()
                : groupImportance(BatchClassifier.of(model, order), sampled, strategy, sets);

        ModelArtifacts artifacts = artifacts(strategy, request, prepared, split, trained, records, test, validation,
                momentumTest, momentumPerSymbol, importance, windows, groupImportance, summary, timeframes, base,
                symbolSpecific, testEdge, walkForwardEdge);
        progress.onProgress(new ProgressListener.Event("evaluate", 1, 1, testEdge.line()));
        return new Run(strategy, prepared, split, trained, test, validation, momentumTest,
                new TrainingResult(artifacts, summary), testEdge, walkForwardEdge);
    }

    /**
     * Shows the split plan (one {@code split} progress event per line of {@link SplitPlan#table()}) and refuses
     * it when a symbol or a part falls below {@code training.min_rows_per_split}: every symbol's training rows,
     * the validation set when early stopping is on, the test set when the split has one. With early stopping off
     * and no validation rows, says so.
     *
     * @param strategy the strategy
     * @param split the plan
     * @param progress receives the lines
     * @throws DataException with one line naming the symbol or part, its rows per part and the remedy
     */
    public static void showAndCheck(Strategy strategy, SplitPlan split, ProgressListener progress) {
        List<String> lines = new ArrayList<>(split.table());
        boolean early = strategy.training().earlyStopping().enabled();
        if (!early && split.validationRows() == 0) {
            lines.add("no validation rows: early stopping is off (training.early_stopping.enabled: false), so all "
                    + strategy.training().epochs() + " epochs run and validation figures are not available");
        }
        for (int i = 0; i < lines.size(); i++) {
            progress.onProgress(new ProgressListener.Event("split", i + 1, lines.size(), lines.get(i)));
        }
        split.requireMinimum(strategy.training().minRowsPerSplit(), early, strategy.training().split().test() > 0);
    }

    /** Per symbol, its label horizon in bars, in dataset order. */
    private static int[] horizons(List<SymbolDataset> datasets) {
        int[] h = new int[datasets.size()];
        for (int k = 0; k < h.length; k++) {
            h[k] = datasets.get(k).horizon();
        }
        return h;
    }

    /** The momentum baseline's predictions of the selected rows, stacked in symbol order (as {@link StackedRows}). */
    private byte[] momentumRows(List<Prepared> prepared, List<int[]> selected) {
        int total = 0;
        for (int[] s : selected) {
            total += s.length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (int k = 0; k < prepared.size(); k++) {
            byte[] m = momentumOf(prepared.get(k), selected.get(k));
            System.arraycopy(m, 0, out, at, m.length);
            at += m.length;
        }
        return out;
    }

    /**
     * The momentum baseline's predictions of a symbol's selected rows: from its shard's momentum column when it
     * has one (no bars needed), else from its base bars; both give the same classes.
     */
    private byte[] momentumOf(Prepared p, int[] rows) {
        FeatureShard shard = shards.get(p.dataset());
        if (shard != null && shard.momentumLookback() == MOMENTUM_LOOKBACK) {
            byte[] out = new byte[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = shard.momentum(rows[i]);
            }
            return out;
        }
        return new MomentumBaseline(MOMENTUM_LOOKBACK).predictRows(p.dataset(), p.base(), rows);
    }

    /** One of several independent trainings (leave-one-symbol-out, walk-forward): silent, on {@code mlpThreads}. */
    private ModelFit fit(Strategy strategy, String yaml, List<SymbolDataset> datasets, SplitPlan split, int mlpThreads) {
        return fit(strategy, yaml, datasets, split, ProgressListener.NONE, EpochListener.NONE, mlpThreads);
    }

    private ModelFit fit(Strategy strategy, String yaml, List<SymbolDataset> datasets, SplitPlan split,
                         ProgressListener progress, EpochListener epochs) {
        return fit(strategy, yaml, datasets, split, progress, epochs, trainingThreads);
    }

    /** @param mlpThreads MLP threads, or 0 for the strategy's {@code training.threads} */
    private ModelFit fit(Strategy strategy, String yaml, List<SymbolDataset> datasets, SplitPlan split,
                         ProgressListener progress, EpochListener epochs, int mlpThreads) {
        MlpConfig config = null;
        BalancedMultiSymbolSampler sampler = null;
        if (!strategy.model().isGbdt()) {
            config = mlpConfig(strategy);
            if (mlpThreads > 0) {
                config = config.toBuilder().threads(mlpThreads).build();
            }
            sampler = StreamingSampler.bounded(
                    MultiSymbolSampler.Strategy.parse(strategy.model().multiSymbol().balanceStrategy()), strategy.training().seed(),
                    strategy.training().scale().samplesPerEpoch());
        }
        List<FeatureShard> mapped = new ArrayList<>();
        for (SymbolDataset d : datasets) {
            FeatureShard sh = shards.get(d);
            if (sh != null) {
                mapped.add(sh);
            }
        }
        if (config != null && !datasets.isEmpty() && mapped.size() == datasets.size()) {
            // every symbol is in the feature store: gather mini-batches from the mapped shards
            List<ShardRows> trainRows = new ArrayList<>();
            List<ShardRows> valRows = new ArrayList<>();
            for (int k = 0; k < datasets.size(); k++) {
                SymbolDataset d = datasets.get(k);
                SymbolSplit sp = split.of(d.symbol());
                if (sp.train().length > 0) {
                    trainRows.add(new ShardRows(mapped.get(k), sp.train(), classes(d, sp.train())));
                }
                if (sp.validation().length > 0) {
                    valRows.add(new ShardRows(mapped.get(k), sp.validation(), classes(d, sp.validation())));
                }
            }
            if (trainRows.isEmpty()) {
                throw new DataException("no training rows after warm-up, labelling and the split; load more history");
            }
            return new MlpTrainer(config).trainStreaming(trainRows, valRows, sampler, yaml, progress, epochs);
        }
        List<SymbolRows> trainRows = new ArrayList<>();
        List<SymbolRows> valRows = new ArrayList<>();
        for (SymbolDataset d : datasets) {
            SymbolSplit s = split.of(d.symbol());
            if (s.train().length > 0) {
                trainRows.add(rows(d, s.train()));
            }
            if (s.validation().length > 0) {
                valRows.add(rows(d, s.validation()));
            }
        }
        if (trainRows.isEmpty()) {
            throw new DataException("no training rows after warm-up, labelling and the split; load more history");
        }
        if (strategy.model().isGbdt()) {
            // the same rows, split, sampler and class weights as the MLP (GbdtTrainer turns the plan into row weights)
            MultiSymbolSampler treeSampler = new MultiSymbolSampler(
                    MultiSymbolSampler.Strategy.parse(strategy.model().multiSymbol().balanceStrategy()), strategy.training().seed());
            return new GbdtTrainer(GbdtConfig.of(strategy)).train(trainRows, valRows, treeSampler, yaml, progress);
        }
        return new MlpTrainer(config).train(trainRows, valRows, sampler, yaml, progress, epochs);
    }

    private static final FeatureSpec NO_COLUMNS = new FeatureSpec(List.of());
    /** The most embeddings whose pairwise distances {@code metrics.json} lists. */
    static final int PAIRWISE_EMBEDDING_LIMIT = 200;

    /**
     * Stacks the selected rows, reading features from the mapped shards when every dataset came from the
     * feature store, else from the datasets.
     */
    private StackedRows stack(List<SymbolDataset> datasets, List<int[]> rows) {
        FeatureShard[] sh = new FeatureShard[datasets.size()];
        for (int k = 0; k < sh.length; k++) {
            sh[k] = shards.get(datasets.get(k));
            if (sh[k] == null) {
                return StackedRows.of(datasets, rows);
            }
        }
        if (sh.length == 0) {
            return StackedRows.of(datasets, rows);
        }
        FeatureSpec spec = sh[0].spec();
        for (FeatureShard f : sh) {
            spec.requireSameAs(f.spec());
        }
        // the rows stay in the mapped shards: the heap holds only the selection (see StackedRows.reading)
        return StackedRows.reading(datasets, rows, spec, (k, r, dst, offset) -> sh[k].copyRow(r, dst, offset));
    }

    private static byte[] classes(SymbolDataset d, int[] rows) {
        byte[] c = new byte[rows.length];
        for (int k = 0; k < rows.length; k++) {
            c[k] = d.classAt(rows[k]);
        }
        return c;
    }

    /**
     * Walk-forward evaluation ({@code training.walk_forward}): one model per fold, trained on the fold's
     * training window (rolling or expanding, each symbol purged with its own horizon before the fold's test
     * window; no validation part, so no early stopping) and tested on the next window. A fold without training
     * or test rows is skipped and said so (a {@code walk_forward} progress event and
     * {@code walk_forward_folds_skipped}). The folds' trainings run concurrently as {@link #leaveOneSymbolOut}'s do
     * (the same {@code P} and {@code T}, the same figures as one after the other); one {@code walk_forward} event
     * per fold, skipped ones first, the others as they finish, counted 1, 2, ... and naming the fold.
     *
     * <p>Adds to {@code out}: pooled over the folds' test rows {@code walk_forward_accuracy},
     * {@code walk_forward_baseline_accuracy} (per-symbol majority), {@code walk_forward_pooled_majority_accuracy},
     * {@code walk_forward_momentum_accuracy}, {@code walk_forward_edge}, {@code walk_forward_edge_ci_low},
     * {@code walk_forward_edge_ci_high}; per fold k the same keys suffixed {@code .k}; and
     * {@code walk_forward_folds_skipped}.
     *
     * @return the edge report pooled over the folds' test rows (each symbol's rows in time order), empty when
     *     every fold was skipped
     */
    private Optional<EdgeReport> walkForward(Strategy strategy, String yaml, List<Prepared> prepared,
                                                    ProgressListener progress, Map<String, Double> out) {
        var wf = strategy.training().walkForward();
        List<SymbolDataset> datasets = new ArrayList<>();
        List<Symbol> order = new ArrayList<>();
        for (Prepared p : prepared) {
            datasets.add(p.dataset());
            order.add(p.dataset().symbol());
        }
        int[] horizons = horizons(datasets);
        BlockBootstrap bootstrap = BlockBootstrap.withSeed(strategy.training().seed());
        List<SplitPlan> folds = ChronologicalSplitter.walkForward(datasets, wf.folds(), wf.expanding());
        // skipped folds are said at once; the others train P at a time (trainingsAtOnce), each told when it ends
        int[] done = {0};
        int skipped = 0;
        List<Integer> trained = new ArrayList<>();
        List<java.util.concurrent.Callable<FoldResult>> tasks = new ArrayList<>();
        int threadsEach = threadsPerTraining(strategy);
        for (int k = 0; k < folds.size(); k++) {
            SplitPlan fold = folds.get(k);
            List<int[]> testSel = new ArrayList<>();
            int testRows = 0;
            for (SymbolDataset d : datasets) {
                testSel.add(fold.of(d.symbol()).test());
                testRows += fold.of(d.symbol()).test().length;
            }
            if (fold.trainRows() == 0 || testRows == 0) {
                skipped++;
                progress.onProgress(new ProgressListener.Event("walk_forward", ++done[0], folds.size(), "fold " + k
                        + " skipped: " + fold.trainRows() + " training and " + testRows + " test rows"));
                continue;
            }
            trained.add(k);
            tasks.add(() -> {
                TradingModel model = fit(strategy, yaml, datasets, fold, threadsEach).model();
                // the fold's test features live only while its model predicts them
                StackedRows test = stack(datasets, testSel);
                byte[] pred = argmax(probabilities(model, test));
                byte[] mom = momentumRows(prepared, testSel);
                byte[] cls = test.classes();
                return new FoldResult(testSel, cls, pred, mom,
                        bootstrap.evaluate(ScoredRows.of(order, test.symbolIndex(), cls, pred, mom, horizons)));
            });
        }
        List<FoldResult> results = ConcurrentTrainings.run(trainingsAtOnce(strategy, threadsEach, tasks.size(), datasets),
                tasks, (i, r) -> progress.onProgress(new ProgressListener.Event("walk_forward", ++done[0], folds.size(),
                        "fold " + trained.get(i) + ": " + r.edge.line())));
        // per symbol, the folds' test rows in time order: actual, predicted, momentum
        List<java.io.ByteArrayOutputStream> actual = new ArrayList<>();
        List<java.io.ByteArrayOutputStream> predicted = new ArrayList<>();
        List<java.io.ByteArrayOutputStream> momentum = new ArrayList<>();
        for (int k = 0; k < datasets.size(); k++) {
            actual.add(new java.io.ByteArrayOutputStream());
            predicted.add(new java.io.ByteArrayOutputStream());
            momentum.add(new java.io.ByteArrayOutputStream());
        }
        for (int i = 0; i < results.size(); i++) {
            FoldResult r = results.get(i);
            String suffix = "." + trained.get(i);
            r.edge.summary("walk_forward_").forEach((key, v) -> out.put(key + suffix, v));
            // the fold's test rows are stacked in symbol order
            int from = 0;
            for (int k = 0; k < datasets.size(); k++) {
                int n = r.testSel.get(k).length;
                actual.get(k).write(r.actual, from, n);
                predicted.get(k).write(r.predicted, from, n);
                momentum.get(k).write(r.momentum, from, n);
                from += n;
            }
        }
        out.put("walk_forward_folds_skipped", (double) skipped);
        int total = 0;
        for (java.io.ByteArrayOutputStream a : actual) {
            total += a.size();
        }
        if (total == 0) {
            return Optional.empty();
        }
        int[] symbolIndex = new int[total];
        byte[] a = new byte[total];
        byte[] p = new byte[total];
        byte[] m = new byte[total];
        int at = 0;
        for (int k = 0; k < datasets.size(); k++) {
            byte[] ak = actual.get(k).toByteArray();
            System.arraycopy(ak, 0, a, at, ak.length);
            System.arraycopy(predicted.get(k).toByteArray(), 0, p, at, ak.length);
            System.arraycopy(momentum.get(k).toByteArray(), 0, m, at, ak.length);
            Arrays.fill(symbolIndex, at, at + ak.length, k);
            at += ak.length;
        }
        EdgeReport pooled = bootstrap.evaluate(ScoredRows.of(order, symbolIndex, a, p, m, horizons));
        out.putAll(pooled.summary("walk_forward_"));
        return Optional.of(pooled);
    }

    /** One walk-forward fold's test rows (stacked in symbol order) and its edge; internal, never shared. */
    private static final class FoldResult {
        final List<int[]> testSel;
        final byte[] actual;
        final byte[] predicted;
        final byte[] momentum;
        final EdgeReport edge;

        FoldResult(List<int[]> testSel, byte[] actual, byte[] predicted, byte[] momentum, EdgeReport edge) {
            this.testSel = testSel;
            this.actual = actual;
            this.predicted = predicted;
            this.momentum = momentum;
            this.edge = edge;
        }
    }

    /**
     * Leave-one-symbol-out results.
     *
     * @param perSymbol per held-out symbol, its test metrics (each with its own majority-class baseline)
     * @param edge the held-out rows of all symbols: accuracy beside the per-symbol and momentum baselines, the
     *     edge with its block-bootstrap interval and verdict, overall and per held-out symbol
     * @param split the split shared by every held-out run
     */
    public record Generalization(Map<Symbol, ClassificationMetrics> perSymbol, EdgeReport edge, SplitPlan split) {
        /** Copies the map. */
        public Generalization {
            perSymbol = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perSymbol));
            Objects.requireNonNull(edge, "edge");
            Objects.requireNonNull(split, "split");
        }
    }

    /**
     * Leave-one-symbol-out generalisation: for each symbol, a model is trained on the other symbols (same
     * split cuts as a full run) and tested on the held-out symbol's test rows, which it meets through the
     * unknown-symbol slot of its symbol encoding. Costs one training per symbol.
     *
     * <p>The trainings are independent and run {@code P} at a time on {@code T} MLP threads each: {@code T} is
     * {@link #withTrainingThreads} or {@code training.threads} when set, else 1; {@code P} is
     * {@link #withConcurrentTrainings} when set, else {@code max(1, cores / T)}. Each model is a function of its
     * rows, seed and {@code T} only and results are combined in symbol order, so the figures are those of the
     * same trainings run one after the other, whatever {@code P} and the scheduling; with the defaults they do
     * not depend on the core count either. One {@code generalization} progress event per finished training,
     * in the order they finish, counted 1, 2, ... and naming the held-out symbol.
     *
     * @param request what to train on (at least two symbols)
     * @param progress receives progress events
     * @return per held-out symbol, its test metrics (each with its own majority-class baseline)
     */
    public Map<Symbol, ClassificationMetrics> leaveOneSymbolOut(TrainingRequest request, ProgressListener progress) {
        return generalization(request, progress).perSymbol();
    }

    /**
     * {@link #leaveOneSymbolOut} with the edge of the held-out rows over their per-symbol and momentum
     * baselines. The split is refused like a full run's ({@link #showAndCheck}, without showing it again).
     *
     * @param request what to train on (at least two symbols)
     * @param progress receives progress events
     * @return the results
     */
    public Generalization generalization(TrainingRequest request, ProgressListener progress) {
        Strategy strategy = StrategyLoader.parse(request.strategyYaml(), request.strategySource(), catalog());
        List<Symbol> symbols = request.symbols().isEmpty() ? strategy.trainingData().symbols().list() : request.symbols();
        if (symbols.size() < 2) {
            throw new ConfigurationException("training_data.symbols", "leave-one-symbol-out needs at least two symbols, got "
                    + symbols);
        }
        List<Timeframe> timeframes = request.timeframes().isEmpty() ? strategy.trainingData().timeframes().list()
                : request.timeframes();
        Timeframe base = timeframes.contains(strategy.trainingData().timeframes().base())
                ? strategy.trainingData().timeframes().base()
                : timeframes.stream().min(Enum::compareTo).orElseThrow();
        List<Prepared> prepared = prepareAll(strategy, request, symbols, timeframes, base, progress);
        List<SymbolDataset> all = new ArrayList<>();
        List<Symbol> order = new ArrayList<>();
        for (Prepared p : prepared) {
            all.add(p.dataset());
            order.add(p.dataset().symbol());
        }
        SplitPlan split = new ChronologicalSplitter(strategy.training().split().train(),
                strategy.training().split().validation(), strategy.training().split().test()).split(all);
        split.requireMinimum(strategy.training().minRowsPerSplit(), strategy.training().earlyStopping().enabled(),
                strategy.training().split().test() > 0);
        List<int[]> testSel = new ArrayList<>();
        for (SymbolDataset d : all) {
            testSel.add(split.of(d.symbol()).test());
        }
        // one training per held-out symbol, P at a time (trainingsAtOnce), each told when it ends
        int threadsEach = threadsPerTraining(strategy);
        List<java.util.concurrent.Callable<HeldOut>> tasks = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            int held = k;
            tasks.add(() -> {
                List<SymbolDataset> others = new ArrayList<>(all);
                SymbolDataset d = others.remove(held);
                TradingModel model = fit(strategy, request.strategyYaml(), others, split, threadsEach).model();
                StackedRows test = stack(List.of(d), List.of(testSel.get(held)));
                byte[] p = argmax(probabilities(model, test));
                return new HeldOut(p, ClassificationMetrics.of(test.classes(), p));
            });
        }
        int[] done = {0};
        List<HeldOut> results = ConcurrentTrainings.run(trainingsAtOnce(strategy, threadsEach, tasks.size(), all), tasks,
                (k, r) -> progress.onProgress(new ProgressListener.Event("generalization", ++done[0], all.size(),
                        order.get(k) + ": " + r.metrics)));
        Map<Symbol, ClassificationMetrics> out = new LinkedHashMap<>();
        int total = 0;
        for (int k = 0; k < all.size(); k++) {
            out.put(order.get(k), results.get(k).metrics);
            total += testSel.get(k).length;
        }
        // the held-out rows in symbol order, as stacking them would give, without their features
        int[] symbolIndex = new int[total];
        byte[] actual = new byte[total];
        byte[] predicted = new byte[total];
        int at = 0;
        for (int k = 0; k < all.size(); k++) {
            byte[] c = classes(all.get(k), testSel.get(k));
            System.arraycopy(c, 0, actual, at, c.length);
            System.arraycopy(results.get(k).predicted, 0, predicted, at, c.length);
            Arrays.fill(symbolIndex, at, at + c.length, k);
            at += c.length;
        }
        EdgeReport edge = BlockBootstrap.withSeed(strategy.training().seed()).evaluate(ScoredRows.of(order,
                symbolIndex, actual, predicted, momentumRows(prepared, testSel), horizons(all)));
        return new Generalization(out, edge, split);
    }

    /** One held-out symbol's predicted test classes and metrics; internal, never shared. */
    private static final class HeldOut {
        final byte[] predicted;
        final ClassificationMetrics metrics;

        HeldOut(byte[] predicted, ClassificationMetrics metrics) {
            this.predicted = predicted;
            this.metrics = metrics;
        }
    }

    /**
     * MLP threads of each leave-one-symbol-out or walk-forward training ({@code T}): {@link #withTrainingThreads}
     * when set, else {@code training.threads} when set, else 1, so that with the defaults these figures do not
     * depend on the machine's core count (the run's own model keeps all cores on its one training).
     */
    private int threadsPerTraining(Strategy strategy) {
        if (trainingThreads > 0) {
            return trainingThreads;
        }
        int t = strategy.training().scale().threads();
        return t > 0 ? t : 1;
    }

    /**
     * How many of {@code count} independent trainings run at once ({@code P}): {@link #withConcurrentTrainings}
     * when set, else {@code max(1, cores / threadsEach)}, lowered without a feature store so that the heap holds
     * {@code P} in-memory copies of the training and validation rows twice over. Trees train one at a time
     * (LightGBM has its own threads). The result never changes the figures, only the time they take.
     */
    private int trainingsAtOnce(Strategy strategy, int threadsEach, int count, List<SymbolDataset> datasets) {
        if (strategy.model().isGbdt() || count <= 1) {
            return 1;
        }
        if (concurrentTrainings > 0) {
            return Math.min(concurrentTrainings, count);
        }
        int p = Math.min(count, Math.max(1, ConcurrentTrainings.cores() / threadsEach));
        long bytes = 0;
        boolean mapped = true;
        for (SymbolDataset d : datasets) {
            mapped &= shards.get(d) != null;
            bytes += (long) d.rows() * (4L * d.features().columns() + 6);
        }
        if (mapped || p == 1) {
            return p; // from shards each training holds one batch and its sampler's plan, not the rows
        }
        Runtime rt = Runtime.getRuntime();
        long free = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        return (int) Math.max(1, Math.min(p, free / Math.max(1, 2 * bytes)));
    }

    /**
     * The {@code generalization_*} summary figures with the edge: those of
     * {@link #generalizationSummary(Map)} plus {@code generalization_pooled_majority_accuracy},
     * {@code generalization_momentum_accuracy}, {@code generalization_edge}, {@code generalization_edge_ci_low},
     * {@code generalization_edge_ci_high} and per symbol {@code generalization_edge.{SYMBOL}}.
     *
     * @param g results of {@link #generalization}
     * @return the figures
     */
    public static Map<String, Double> generalizationSummary(Generalization g) {
        Map<String, Double> out = generalizationSummary(g.perSymbol());
        out.putAll(g.edge().summary("generalization_"));
        g.edge().perSymbolEdges().forEach((sym, e) -> out.put("generalization_edge." + sym, e.point()));
        return out;
    }

    /**
     * The leave-one-symbol-out figures as the model's generalisation score in its metadata, with each held-out
     * symbol's own majority-class baseline beside its accuracy.
     *
     * @param g results of {@link #generalization}
     * @return the metadata record
     */
    public static ModelMetadata.Generalization metadataFigures(Generalization g) {
        Map<String, Double> pooled = generalizationSummary(g.perSymbol());
        Map<Symbol, Double> accuracy = new LinkedHashMap<>();
        Map<Symbol, Double> baseline = new LinkedHashMap<>();
        g.perSymbol().forEach((sym, m) -> {
            accuracy.put(sym, m.accuracy());
            baseline.put(sym, m.baseline());
        });
        return new ModelMetadata.Generalization(pooled.get("generalization_accuracy"),
                pooled.get("generalization_baseline_accuracy"), g.edge().edge().point(), g.edge().edge().low(),
                g.edge().edge().high(), accuracy, baseline);
    }

    /**
     * Pools leave-one-symbol-out results into the {@code generalization_*} summary figures.
     *
     * @param perSymbol results of {@link #leaveOneSymbolOut}
     * @return {@code generalization_accuracy}, {@code generalization_baseline_accuracy} (pooled over the
     *     held-out rows) and per symbol {@code generalization_accuracy.{SYMBOL}}
     */
    public static Map<String, Double> generalizationSummary(Map<Symbol, ClassificationMetrics> perSymbol) {
        long[][] pooled = new long[Label.COUNT][Label.COUNT];
        Map<String, Double> out = new LinkedHashMap<>();
        double baselineRows = 0;
        long rows = 0;
        for (Map.Entry<Symbol, ClassificationMetrics> e : perSymbol.entrySet()) {
            long[][] c = e.getValue().confusion();
            for (int a = 0; a < Label.COUNT; a++) {
                for (int q = 0; q < Label.COUNT; q++) {
                    pooled[a][q] += c[a][q];
                }
            }
            baselineRows += e.getValue().baseline() * e.getValue().count();
            rows += e.getValue().count();
        }
        out.put("generalization_accuracy", ClassificationMetrics.fromConfusion(pooled).accuracy());
        // each held-out symbol is judged against its own majority class; pooled, that is a row-weighted mean
        out.put("generalization_baseline_accuracy", rows == 0 ? Double.NaN : baselineRows / rows);
        perSymbol.forEach((s, m) -> out.put("generalization_accuracy." + s, m.accuracy()));
        return out;
    }

    /** {@code ", about 1m20s left"}: elapsed / done × remaining, empty when done or nothing is done yet. */
    static String timeLeft(long startNanos, long done, long total) {
        if (done <= 0 || done >= total) {
            return "";
        }
        long s = Math.round((System.nanoTime() - startNanos) / 1e9 / done * (total - done));
        return ", about " + (s < 60 ? s + "s" : s < 3600 ? (s / 60) + "m" + String.format(java.util.Locale.ROOT, "%02d", s % 60)
                + "s" : (s / 3600) + "h" + String.format(java.util.Locale.ROOT, "%02d", (s % 3600) / 60) + "m") + " left";
    }

    private List<Prepared> prepareAll(Strategy strategy, TrainingRequest request, List<Symbol> symbols,
                                      List<Timeframe> timeframes, Timeframe base, ProgressListener progress) {
        AtomicLong done = new AtomicLong();
        Map<String, AtomicLong> how = new java.util.concurrent.ConcurrentHashMap<>();
        ExecutorService pool = daemonPool("ktrdr-prepare", Math.min(threads, symbols.size()));
        try {
            List<Future<Prepared>> futures = new ArrayList<>();
            long t0 = System.nanoTime();
            for (Symbol s : symbols) {
                futures.add(pool.submit(() -> {
                    Prepared p = prepare(strategy, request, request.symbolInfo().apply(s), timeframes, base,
                            h -> how.computeIfAbsent(h, k -> new AtomicLong()).incrementAndGet());
                    long n = done.incrementAndGet();
                    progress.onProgress(new ProgressListener.Event("prepare", n, symbols.size(),
                            s + ": " + p.dataset().rows() + " rows, " + p.balance() + ", label horizon "
                                    + p.dataset().horizon() + " bars" + timeLeft(t0, n, symbols.size())));
                    return p;
                }));
            }
            List<Prepared> out = new ArrayList<>();
            for (Future<Prepared> f : futures) {
                out.add(f.get());
            }
            // one line for the whole feature phase: its wall time and how each symbol's rows were found
            StringBuilder kinds = new StringBuilder();
            for (String k : List.of(SHARD_BY_SOURCE, SHARD_BY_BARS, SHARD_BUILT, IN_MEMORY)) {
                long n = how.getOrDefault(k, new AtomicLong()).get();
                if (n > 0) {
                    kinds.append(kinds.length() == 0 ? "" : ", ").append(n).append(' ').append(k);
                }
            }
            progress.onProgress(new ProgressListener.Event("features", 1, 1, symbols.size() + " symbols in "
                    + String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9) + " s: " + kinds));
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KtrdrException k) {
                throw k;
            }
            throw new DataException("preparing symbols failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("interrupted while preparing symbols", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Prepares one symbol: bars, features (with context features), labels, pairing.
     *
     * @param strategy the strategy (overrides are applied here)
     * @param request where bars come from
     * @param info the symbol
     * @param timeframes timeframes, in order
     * @param base the base timeframe
     * @return the prepared symbol
     */
    public Prepared prepare(Strategy strategy, TrainingRequest request, SymbolInfo info, List<Timeframe> timeframes,
                            Timeframe base) {
        return prepare(strategy, request, info, timeframes, base, h -> { });
    }

    /** How a symbol's rows were found, for the feature phase's summary line. */
    private static final String SHARD_BY_SOURCE = "shards reused (input files unchanged, no bars loaded)";
    private static final String SHARD_BY_BARS = "shards reused (bars loaded and hashed)";
    private static final String SHARD_BUILT = "shards built";
    private static final String IN_MEMORY = "computed in memory (no feature store)";

    private Prepared prepare(Strategy strategy, TrainingRequest request, SymbolInfo info, List<Timeframe> timeframes,
                             Timeframe base, java.util.function.Consumer<String> how) {
        StrategyOverrides.Resolved resolved = StrategyOverrides.resolve(strategy, info);
        Strategy s = resolved.strategy();
        Supplier<BarSeries> baseBars = new Once<>(() -> dateRange(load(request.data(), info, timeframes, base), s)
                .get(base));
        // trees train from rows in memory (LightGBM builds its own dataset), so they do not use the feature store
        if (featureStore != null && s.training().scale().featureCache() && !s.model().isGbdt()) {
            String settings = settingsOf(s, timeframes, base);
            // unchanged input files are recognised without loading or parsing them
            String source = request.data().fingerprint(info.symbol()).map(fp -> sourceKey(fp, info)).orElse("");
            FeatureStore.Lookup bySource = featureStore.findBySource(info.symbol(), settings, source);
            if (bySource.shard().isPresent()) {
                how.accept(SHARD_BY_SOURCE);
                return fromShard(bySource.shard().get(), info, baseBars, resolved);
            }
            MultiTimeframeBars bars = dateRange(load(request.data(), info, timeframes, base), s);
            return cached(s, resolved, info, bars, settings, source, baseBars, timeframes, base, how);
        }
        how.accept(IN_MEMORY);
        MultiTimeframeBars bars = dateRange(load(request.data(), info, timeframes, base), s);
        return compute(s, resolved, info, bars, timeframes, base);
    }

    /** The last strategy's feature settings: symbols without overrides share the strategy object. */
    private record SettingsMemo(Strategy strategy, List<Timeframe> timeframes, Timeframe base, String settings) {
    }

    private volatile SettingsMemo settingsMemo;

    /**
     * {@link FeatureStore#settingsOf} for this trainer's engines, remembered for the last strategy object
     * (it canonicalises the strategy tree as JSON, a few milliseconds a symbol in a fresh JVM).
     */
    private String settingsOf(Strategy s, List<Timeframe> timeframes, Timeframe base) {
        SettingsMemo m = settingsMemo;
        if (m != null && m.strategy() == s && m.timeframes().equals(timeframes) && m.base() == base) {
            return m.settings();
        }
        String settings = FeatureStore.settingsOf(s, timeframes, base, List.of(indicators.getClass().getName(),
                fuzzy.getClass().getName(), aligner.getClass().getName()));
        settingsMemo = new SettingsMemo(s, List.copyOf(timeframes), base, settings);
        return settings;
    }

    /** The source fingerprint with the symbol's information (calendar, asset class) folded in. */
    private static String sourceKey(String fingerprint, SymbolInfo info) {
        return ShardKey.sha256(("source=" + fingerprint + "\ninfo=" + info + "\nmomentum=" + MOMENTUM_LOOKBACK)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * The prepared symbol from the feature store: its shard when the key (feature settings, bars hash) and the
     * checksum match, else computed and written first. Either way the dataset holds the shard's values, so a
     * reused shard gives exactly what the first run had.
     */
    private Prepared cached(Strategy s, StrategyOverrides.Resolved resolved, SymbolInfo info, MultiTimeframeBars bars,
                            String settings, String source, Supplier<BarSeries> baseBars, List<Timeframe> timeframes,
                            Timeframe base, java.util.function.Consumer<String> how) {
        ShardKey key = new ShardKey(info.symbol(), settings, ShardKey.hashBars(bars));
        FeatureStore.Lookup found = featureStore.find(key);
        FeatureShard shard;
        if (found.shard().isPresent() && found.shard().get().momentumLookback() == MOMENTUM_LOOKBACK) {
            how.accept(SHARD_BY_BARS);
            shard = found.shard().get();
            if (!source.isEmpty() && !shard.source().equals(source)) {
                // the same bars from other files (e.g. recompressed): record them, so that the next run finds the
                // shard without loading; the rows are copied from the shard, not recomputed
                byte[] momentum = new byte[shard.rows()];
                for (int r = 0; r < momentum.length; r++) {
                    momentum[r] = shard.momentum(r);
                }
                shard = featureStore.put(key, shard.features(), shard.labels(), shard.warmupDropped(), shard.overrides(),
                        new FeatureShard.Extras(source, MOMENTUM_LOOKBACK, momentum));
            }
        } else {
            how.accept(SHARD_BUILT);
            if (!found.reason().equals("no shard yet")) {
                LOG.info("{}: rebuilding its feature shard: {}", info.symbol(), found.shard().isPresent()
                        ? "it has no momentum column" : found.reason());
            }
            // the same values compute() gives, built column by column for the shard (no row-major matrix)
            StrategyFeatures builder = StrategyFeatures.resolved(s, timeframes, base, indicators, fuzzy, aligner);
            BarSeries baseSeries = bars.get(base);
            FeatureColumns features = builder.buildColumns(bars, startMillis(s));
            requireRows(features.rows(), info, baseSeries);
            Labels labels = Labelers.fromConfig(s.training().labels()).label(baseSeries);
            // every feature row paired with its label, as compute() checks
            SymbolDataset d = SymbolDataset.pair(new FeatureMatrix(info.symbol(), NO_COLUMNS, features.times(),
                    new double[0]), labels);
            byte[] momentum = new MomentumBaseline(MOMENTUM_LOOKBACK).predictRows(d, baseSeries,
                    java.util.stream.IntStream.range(0, d.rows()).toArray());
            shard = featureStore.put(key, features, labels, baseSeries.size() - features.rows(), resolved.applied(),
                    new FeatureShard.Extras(source, MOMENTUM_LOOKBACK, momentum));
        }
        return fromShard(shard, info, baseBars, resolved);
    }

    /** A prepared symbol whose features stay in its mapped shard (times and labels are read into the heap). */
    private Prepared fromShard(FeatureShard shard, SymbolInfo info, Supplier<BarSeries> baseBars,
                               StrategyOverrides.Resolved resolved) {
        Labels labels = shard.labels();
        // times and labels only: the features stay in the mapped shard (see stack and fit)
        long[] times = shard.times();
        SymbolDataset dataset = SymbolDataset.pair(new FeatureMatrix(info.symbol(), NO_COLUMNS, times, new double[0]),
                labels);
        shards.put(dataset, shard);
        return new Prepared(info, baseBars, dataset, ClassBalance.of(labels), shard.warmupDropped(),
                resolved.applied());
    }

    private Prepared compute(Strategy s, StrategyOverrides.Resolved resolved, SymbolInfo info, MultiTimeframeBars bars,
                             List<Timeframe> timeframes, Timeframe base) {
        // the same pipeline object a backtest or a live host builds for this symbol (StrategyFeatures)
        StrategyFeatures builder = StrategyFeatures.resolved(s, timeframes, base, indicators, fuzzy, aligner);
        BarSeries baseSeries = bars.get(base);
        FeatureMatrix features = fromStart(builder.build(bars), s);
        requireRows(features.rows(), info, baseSeries);
        Labeler labeler = Labelers.fromConfig(s.training().labels());
        Labels labels = labeler.label(baseSeries);
        return new Prepared(info, () -> baseSeries, SymbolDataset.pair(features, labels), ClassBalance.of(labels),
                baseSeries.size() - features.rows(), resolved.applied());
    }

    private static void requireRows(int rows, SymbolInfo info, BarSeries baseSeries) {
        if (rows == 0) {
            throw new DataException(info.symbol() + ": no feature rows after warm-up (" + baseSeries.size()
                    + " base bars); load more history");
        }
    }

    /**
     * Loads a symbol's bars on every timeframe: through {@link MultiTimeframeLoader} for a
     * {@link DataFolder} (missing timeframes resampled from finer files), else timeframe by timeframe
     * from the source, resampling from the base series with the symbol's calendar when the source has no
     * bars for a timeframe.
     */
    public static MultiTimeframeBars load(BarSource data, SymbolInfo info, List<Timeframe> timeframes, Timeframe base) {
        if (data instanceof DataFolder folder) {
            return new MultiTimeframeLoader(folder).load(info.symbol(), timeframes, base, MissingTimeframePolicy.FAIL).bars();
        }
        if (data instanceof ListedBars listed) {
            return new MultiTimeframeLoader(listed).load(info.symbol(), timeframes, base, MissingTimeframePolicy.FAIL).bars();
        }
        BarSeries baseSeries = data.load(info.symbol(), base);
        Map<Timeframe, BarSeries> series = new LinkedHashMap<>();
        for (Timeframe tf : timeframes) {
            if (tf == base) {
                series.put(tf, baseSeries);
                continue;
            }
            BarSeries s;
            try {
                s = data.load(info.symbol(), tf);
            } catch (DataException missing) {
                if (!tf.isMultipleOf(base)) {
                    throw missing;
                }
                s = new CalendarResampler(Calendars.byId(info.calendarId())).resample(baseSeries, tf);
            }
            series.put(tf, s);
        }
        return new MultiTimeframeBars(info, base, series);
    }

    /**
     * Keeps the bars of the strategy's date range, plus {@code history_required} bars of each timeframe
     * before {@code start_date} so that indicators are warm at the start; rows before the start are
     * removed from the features later ({@link #fromStart}).
     */
    private static MultiTimeframeBars dateRange(MultiTimeframeBars bars, Strategy s) {
        long from = startMillis(s);
        Optional<LocalDate> end = s.trainingData().endDate();
        if (from == Long.MIN_VALUE && end.isEmpty()) {
            return bars;
        }
        long to = end.map(d -> d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()).orElse(Long.MAX_VALUE);
        Map<Timeframe, BarSeries> out = new LinkedHashMap<>();
        for (Timeframe tf : bars.timeframes()) {
            BarSeries x = bars.get(tf);
            int a = 0;
            while (a < x.size() && x.openTime(a) < from) {
                a++;
            }
            int b = a;
            while (b < x.size() && x.openTime(b) < to) {
                b++;
            }
            out.put(tf, x.slice(Math.max(0, a - s.trainingData().historyRequired()), b));
        }
        return new MultiTimeframeBars(bars.info(), bars.base(), out);
    }

    private static long startMillis(Strategy s) {
        return s.trainingData().startDate().map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli())
                .orElse(Long.MIN_VALUE);
    }

    /** Drops feature rows before the strategy's start date (they were only history for warm-up). */
    private static FeatureMatrix fromStart(FeatureMatrix f, Strategy s) {
        long from = startMillis(s);
        int r = 0;
        while (r < f.rows() && f.time(r) < from) {
            r++;
        }
        return r == 0 ? f : f.slice(r, f.rows());
    }

    /**
     * Maps a strategy to the MLP configuration: every training and model setting reaches it.
     *
     * @param s the strategy
     * @return the MLP configuration
     */
    public static MlpConfig mlpConfig(Strategy s) {
        return s.mlpConfig();
    }

    /**
     * The selected rows of a dataset for the MLP trainer: the dataset's own feature matrix (not a copy, which
     * would double the feature memory of a large run) with every row outside the selection labelled NONE,
     * which the trainer drops (also when fitting the scaler). The provenance data hash therefore covers the
     * symbol's whole feature matrix and the selection's labels.
     */
    private static SymbolRows rows(SymbolDataset d, int[] sel) {
        byte[] y = new byte[d.rows()];
        Arrays.fill(y, Label.NONE);
        for (int r : sel) {
            y[r] = d.classAt(r);
        }
        return new SymbolRows(d.features(), y);
    }

    /** Rows per task when predicting on several threads. */
    private static final int PREDICT_CHUNK = 16_384;

    /**
     * The model's probabilities for every row, row-major. Chunks of {@value #PREDICT_CHUNK} rows run on up to the
     * preparation thread count; a row's probabilities depend on that row alone ({@link TradingModel} predicts
     * concurrently), so the result does not depend on the thread count.
     */
    private double[] probabilities(TradingModel model, StackedRows rows) {
        return probabilities(model, rows, threads, PREDICT_CHUNK);
    }

    /** {@link #probabilities(TradingModel, StackedRows)} on up to {@code threads} threads, {@code chunk} rows a task. */
    static double[] probabilities(TradingModel model, StackedRows rows, int threads, int chunk) {
        int n = rows.rows();
        double[] out = new double[n * Label.COUNT];
        int chunks = (n + chunk - 1) / chunk;
        int workers = Math.min(threads, chunks);
        int[] sym = rows.symbolIndex();
        if (workers <= 1) {
            predictRows(model, rows, sym, 0, n, out);
            return out;
        }
        ExecutorService pool = daemonPool("ktrdr-predict", workers);
        try {
            List<Future<?>> parts = new ArrayList<>();
            for (int c = 0; c < chunks; c++) {
                int from = c * chunk;
                int to = Math.min(n, from + chunk);
                parts.add(pool.submit(() -> predictRows(model, rows, sym, from, to, out)));
            }
            for (Future<?> f : parts) {
                f.get();
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new dev.ktrdr.api.ModelException("prediction failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.ktrdr.api.ModelException("interrupted while predicting", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void predictRows(TradingModel model, StackedRows rows, int[] sym, int from, int to, double[] out) {
        double[] row = new double[rows.columns()];
        double[] p = new double[Label.COUNT];
        for (int r = from; r < to; r++) {
            rows.copyRow(r, row, 0);
            model.predict(row, rows.symbols().get(sym[r]), p);
            System.arraycopy(p, 0, out, r * Label.COUNT, Label.COUNT);
        }
    }

    /** A fixed pool of daemon threads (shut down by the caller). */
    private static ExecutorService daemonPool(String name, int size) {
        return Executors.newFixedThreadPool(size, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private static byte[] argmax(double[] p) {
        byte[] out = new byte[p.length / Label.COUNT];
        for (int r = 0; r < out.length; r++) {
            int best = 0;
            for (int c = 1; c < Label.COUNT; c++) {
                if (p[r * Label.COUNT + c] > p[r * Label.COUNT + best]) {
                    best = c;
                }
            }
            out[r] = (byte) best;
        }
        return out;
    }

    /** An evenly spaced subset of about {@code limit} of the selected rows, each symbol in proportion. */
    private StackedRows sample(StackedRows all, List<SymbolDataset> datasets, List<int[]> selected, int limit) {
        if (all.rows() <= limit) {
            return all;
        }
        // evenly spaced rows keep the sample cheap, deterministic and spread over the whole period
        List<int[]> sel = new ArrayList<>();
        for (int[] t : selected) {
            int keep = (int) Math.max(1, (long) t.length * limit / all.rows());
            int[] s = new int[Math.min(keep, t.length)];
            for (int i = 0; i < s.length; i++) {
                s[i] = t[(int) ((long) i * t.length / s.length)];
            }
            sel.add(s);
        }
        return stack(datasets, sel);
    }

    /**
     * Group permutation importance per timeframe, per fuzzy set and per indicator ({@value #IMPORTANCE_REPEATS}
     * repeats each) on the sampled test rows.
     */
    private static List<PermutationImportance.GroupResult> groupImportance(BatchClassifier classifier, StackedRows rows,
                                                                           Strategy strategy, List<String> sets) {
        List<String> names = rows.spec().names();
        Map<String, String> setToIndicator = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : strategy.fuzzySets().entrySet()) {
            String ind = e.getKey();
            if (e.getValue() instanceof Map<?, ?> m && m.get("indicator") instanceof String ref) {
                int dot = ref.indexOf('.');
                String head = dot > 0 ? ref.substring(0, dot) : ref;
                ind = strategy.indicators().containsKey(head) ? head : ref;
            }
            setToIndicator.put(e.getKey(), ind);
        }
        long seed = strategy.training().seed();
        return List.of(
                PermutationImportance.byGroup(classifier, rows, "timeframe", PermutationImportance.timeframeColumns(names),
                        IMPORTANCE_REPEATS, seed),
                PermutationImportance.byGroup(classifier, rows, "fuzzy_set", PermutationImportance.setColumns(names, sets),
                        IMPORTANCE_REPEATS, seed + 1),
                PermutationImportance.byGroup(classifier, rows, "indicator",
                        PermutationImportance.indicatorColumns(names, setToIndicator), IMPORTANCE_REPEATS, seed + 2));
    }

    private ModelArtifacts artifacts(Strategy s, TrainingRequest request, List<Prepared> prepared, SplitPlan split,
                                     ModelFit trained, List<EpochRecord> records, Evaluation test,
                                     Evaluation validation, ClassificationMetrics momentum,
                                     Map<Symbol, ClassificationMetrics> momentumPerSymbol,
                                     PermutationImportance.Result importance, List<PermutationImportance.Window> windows,
                                     List<PermutationImportance.GroupResult> groupImportance,
                                     Map<String, Double> summary, List<Timeframe> timeframes, Timeframe base,
                                     boolean symbolSpecific, EdgeReport testEdge, Optional<EdgeReport> walkForwardEdge) {
        TradingModel model = trained.model();
        // only symbols with training rows are the model's training symbols (the loader calls them "seen")
        List<Symbol> symbols = split.trainingSymbols();
        List<Symbol> evaluated = new ArrayList<>();
        Map<Symbol, Long> samples = new LinkedHashMap<>();
        java.util.Set<dev.ktrdr.api.AssetClass> assetClasses = java.util.EnumSet.noneOf(dev.ktrdr.api.AssetClass.class);
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        Map<String, Object> balance = new LinkedHashMap<>();
        Map<String, Object> horizons = new LinkedHashMap<>();
        Map<String, String> provenance = new LinkedHashMap<>(trained.provenance());
        for (Prepared p : prepared) {
            Symbol sym = p.info().symbol();
            evaluated.add(sym);
            if (symbols.contains(sym)) {
                samples.put(sym, (long) split.of(sym).train().length);
                assetClasses.add(p.info().assetClass());
            }
            SymbolDataset d = p.dataset();
            first = Math.min(first, d.time(0));
            last = Math.max(last, d.time(d.rows() - 1));
            balance.put(sym.value(), p.balance().toString());
            horizons.put(sym.value(), d.horizon());
            if (!p.overridesApplied().isEmpty()) {
                provenance.put("overrides." + sym, String.join("; ", p.overridesApplied()));
            }
        }
        provenance.put("strategy_source", request.strategySource());
        provenance.put("split_cuts", Instant.ofEpochMilli(split.validationCut()) + ", "
                + (split.testCut() == Long.MAX_VALUE ? "none" : Instant.ofEpochMilli(split.testCut()).toString()));
        FeatureSpec spec = model.featureSpec();
        Map<Timeframe, Integer> perTf = new LinkedHashMap<>();
        for (Timeframe tf : timeframes) {
            int n = 0;
            for (String name : spec.names()) {
                if (name.startsWith(tf.label() + "_")) {
                    n++;
                }
            }
            perTf.put(tf, n);
        }
        // metadata names the codec that will write model.bin (ktrdr-mlp via ServiceLoader)
        ModelCodec codec = ModelCodecs.forModel(model);
        ModelScope scope = scope(s, prepared, symbolSpecific);
        Map<String, Double> performance = new LinkedHashMap<>();
        summary.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                performance.put(k, v);
            }
        });
        ModelMetadata metadata = ModelMetadata.builder().strategy(s.name()).scope(scope).symbols(symbols)
                .samplesPerSymbol(samples).timeframes(timeframes).baseTimeframe(base)
                .dataRange(Instant.ofEpochMilli(first), Instant.ofEpochMilli(last))
                .deployment(new dev.ktrdr.api.Deployment(s.deployment().mode(), s.deployment().assetClasses(),
                        s.deployment().excluded(),
                        s.deployment().supportedTimeframes().stream().filter(timeframes::contains).toList()))
                .architecture(new ModelMetadata.FeatureArchitecture(spec.size(), perTf, s.model().symbolEncoding().type(),
                        s.model().symbolEncoding().type().equals("embedding") ? s.model().symbolEncoding().dim() : 0,
                        spec.names()))
                .performance(performance).format(codec.formatId(), codec.formatVersion()).libraryVersion(LIBRARY_VERSION)
                .createdAt(Instant.now()).provenance(provenance)
                .strategyVersion(s.version() == null ? "" : s.version()).assetClasses(assetClasses).build();

        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("test", evaluationJson(test));
        metrics.put("edge_test", testEdge.toJson());
        walkForwardEdge.ifPresent(w -> metrics.put("edge_walk_forward", w.toJson()));
        EdgeReport.caveat(s.training().labels().source()).ifPresent(c -> metrics.put("label_caveat", c));
        metrics.put("split_plan", split.toJson());
        metrics.put("validation", evaluationJson(validation));
        Map<String, Object> mom = new LinkedHashMap<>();
        mom.put("lookback", MOMENTUM_LOOKBACK);
        mom.put("overall", metricsJson(momentum));
        Map<String, Object> momSym = new LinkedHashMap<>();
        momentumPerSymbol.forEach((k, v) -> momSym.put(k.value(), metricsJson(v)));
        mom.put("per_symbol", momSym);
        metrics.put("momentum_baseline_test", mom);
        metrics.put("class_balance", balance);
        metrics.put("label_horizon_bars", horizons);
        metrics.put("best_epoch", trained.bestEpoch() + 1);
        metrics.put("epochs_counted_from", 1);
        metrics.put("stopped_early", trained.stoppedEarly());
        if (importance != null) {
            Map<String, Object> imp = new LinkedHashMap<>();
            imp.put("accuracy", importance.baselineAccuracy());
            imp.put("per_timeframe", importance.perTimeframe());
            imp.put("per_set", importance.perGroup());
            imp.put("per_feature", importance.perFeature());
            List<Object> perWindow = new ArrayList<>();
            for (PermutationImportance.Window w : windows) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("from", Instant.ofEpochMilli(w.windowStart()).toString());
                x.put("to", Instant.ofEpochMilli(w.windowEnd()).toString());
                x.put("accuracy", finite(w.result().baselineAccuracy()));
                x.put("per_timeframe", w.result().perTimeframe());
                perWindow.add(x);
            }
            imp.put("per_time_window", perWindow);
            Map<String, Object> groups = new LinkedHashMap<>();
            for (PermutationImportance.GroupResult g : groupImportance) {
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("what", g.describe());
                x.put("rows", g.rows());
                x.put("repeats", g.repeats());
                x.put("confidence", g.confidence());
                x.put("accuracy", finite(g.baselineAccuracy()));
                Map<String, Object> per = new LinkedHashMap<>();
                for (PermutationImportance.GroupDrop d : g.groups()) {
                    Map<String, Object> one = new LinkedHashMap<>();
                    one.put("columns", d.columns());
                    one.put("mean_drop", finite(d.meanDrop()));
                    one.put("ci_low", finite(d.low()));
                    one.put("ci_high", finite(d.high()));
                    per.put(d.group(), one);
                }
                x.put("groups", per);
                groups.put(g.kind(), x);
            }
            imp.put("group", groups);
            imp.put("per_timeframe_what", "sum of single-column accuracy drops of the timeframe's columns ("
                    + importance.perFeature().size() + " columns, each shuffled alone; not a group importance)");
            metrics.put("permutation_importance_test", imp);
        }
        if (model instanceof GbdtModel trees) {
            Map<String, Object> gain = new LinkedHashMap<>();
            gain.put("what", "share of the total split gain over the kept trees, per feature (symbol columns pooled)");
            gain.put("rounds", trees.rounds());
            gain.put("per_feature", trees.gainImportance());
            metrics.put("gain_importance", gain);
        }
        Symbol unknownProbe = Symbol.of("UNKNOWN-SYMBOL-SLOT");
        if (model instanceof MlpModel mlp && mlp.encoding().kind() == SymbolEncoding.Kind.EMBEDDING
                && !mlp.knows(unknownProbe)) {
            List<String> names = new ArrayList<>();
            List<double[]> vectors = new ArrayList<>();
            for (Symbol sym : symbols) {
                names.add(sym.value());
                vectors.add(mlp.embedding(sym));
            }
            // a symbol never trained on maps to the unknown slot; "<unknown>" cannot be a symbol
            names.add("<unknown>");
            vectors.add(mlp.embedding(unknownProbe));
            EmbeddingAnalysis e = EmbeddingAnalysis.of(names, vectors.toArray(new double[0][]));
            Map<String, Object> emb = new LinkedHashMap<>();
            emb.put("names", e.names());
            if (names.size() <= PAIRWISE_EMBEDDING_LIMIT) {
                emb.put("euclidean", e.euclidean());
                emb.put("cosine", e.cosine());
            } else {
                // pairwise matrices grow as symbols squared (1,000 symbols: 40 MB of JSON, over the store's limit)
                emb.put("pairwise_omitted", "more than " + PAIRWISE_EMBEDDING_LIMIT + " embeddings");
            }
            emb.put("pca_2d", e.coordinates());
            emb.put("explained_variance", e.explainedVariance());
            metrics.put("symbol_embeddings", emb);
        }
        java.util.Set<String> importanceColumns = new java.util.LinkedHashSet<>();
        for (EpochRecord r : records) {
            importanceColumns.addAll(r.timeframeImportance().keySet());
        }
        String history = new EpochCsv(evaluated, List.copyOf(importanceColumns)).toCsv(records);
        // trees split raw values: their scaler.json is the identity
        String scaler = (model instanceof MlpModel mlp ? mlp.scaler() : StandardScaler.identity(spec.size())).toJson(spec);
        Map<String, Object> plan = new LinkedHashMap<>(split.toJson());
        plan.put("min_rows_per_split", s.training().minRowsPerSplit());
        plan.put("early_stopping", s.training().earlyStopping().enabled());
        return new ModelArtifacts(metadata, model, request.strategyYaml(), scaler, json(metrics), history, json(plan));
    }

    /**
     * The scope a trained model is stored under: the symbol for a symbol-specific run or strategy,
     * {@code universal} for a universal strategy, and for {@code symbol_group} the group: the single asset
     * class of {@code deployment.target_symbols.restrictions} if it names one, else the group (or asset
     * class) that all training symbols share.
     *
     * @param s the strategy
     * @param prepared the training symbols
     * @param symbolSpecific whether the run is one symbol's own model
     * @return the scope
     * @throws ConfigurationException for a group strategy whose symbols share no group
     */
    static ModelScope scope(Strategy s, List<Prepared> prepared, boolean symbolSpecific) {
        if (symbolSpecific || s.scope() == Strategy.Scope.SYMBOL_SPECIFIC) {
            return ModelScope.symbol(prepared.get(0).info().symbol());
        }
        if (s.scope() == Strategy.Scope.UNIVERSAL) {
            return ModelScope.UNIVERSAL;
        }
        if (s.deployment().assetClasses().size() == 1) {
            return ModelScope.group(s.deployment().assetClasses().iterator().next().id());
        }
        java.util.Set<String> groups = new java.util.LinkedHashSet<>();
        for (Prepared p : prepared) {
            groups.add(p.info().group().orElse(p.info().assetClass().id()));
        }
        if (groups.size() != 1) {
            throw new ConfigurationException("scope", "symbol_group needs training symbols of one group or asset class "
                    + "(or one asset class under deployment.target_symbols.restrictions), got " + groups);
        }
        return ModelScope.group(groups.iterator().next());
    }

    private static Map<String, Object> evaluationJson(Evaluation e) {
        Map<String, Object> out = new LinkedHashMap<>(metricsJson(e.overall()));
        Map<String, Object> per = new LinkedHashMap<>();
        e.perSymbol().forEach((k, v) -> per.put(k.value(), metricsJson(v)));
        out.put("per_symbol", per);
        return out;
    }

    private static Map<String, Object> metricsJson(ClassificationMetrics m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", m.count());
        out.put("accuracy", finite(m.accuracy()));
        out.put("majority_baseline", finite(m.baseline()));
        out.put("macro_f1", finite(m.macroF1()));
        Map<String, Object> per = new LinkedHashMap<>();
        for (Label l : Label.values()) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("precision", finite(m.precision(l)));
            c.put("recall", finite(m.recall(l)));
            c.put("f1", finite(m.f1(l)));
            c.put("support", m.support(l));
            per.put(l.name(), c);
        }
        out.put("per_class", per);
        out.put("confusion", Arrays.asList(m.confusion()));
        return out;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String json(Object o) {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new DataException("cannot write metrics JSON: " + e.getOriginalMessage(), e);
        }
    }
}
