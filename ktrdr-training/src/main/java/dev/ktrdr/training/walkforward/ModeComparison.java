package dev.ktrdr.training.walkforward;

import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.training.backtest.BarsPerYear;
import dev.ktrdr.training.backtest.BacktestRun;
import dev.ktrdr.training.backtest.DecisionConfig;
import dev.ktrdr.training.backtest.EventBacktester;
import dev.ktrdr.training.backtest.Performance;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import dev.ktrdr.training.eval.BaselineFigures;
import dev.ktrdr.training.eval.BlockBootstrap;
import dev.ktrdr.training.eval.Edge;
import dev.ktrdr.training.eval.EdgeReport;
import dev.ktrdr.training.eval.MomentumBaseline;
import dev.ktrdr.training.eval.ScoredRows;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.gbdt.GbdtConfig;
import dev.ktrdr.training.gbdt.GbdtTrainer;
import dev.ktrdr.training.mlp.MlpConfig;
import dev.ktrdr.training.mlp.MlpTrainer;
import dev.ktrdr.training.mlp.SymbolEncoding;
import dev.ktrdr.training.mlp.SymbolRows;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.sampling.internal.MultiSymbolSampler;
import dev.ktrdr.training.split.ChronologicalSplitter;
import dev.ktrdr.training.split.SplitPlan;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The walk-forward experiment: does one model per symbol, a universal model, or a universal model with
 * a symbol embedding trade better, on the training symbols and on symbols kept out of training?
 *
 * <p>Every symbol is prepared once with {@link StrategyTrainer#prepare} (the training feature pipeline
 * and labels). The training symbols' pooled labelled times are cut into {@code windows + 1} equal chunks
 * ({@link ChronologicalSplitter#walkForward}, rolling): window k trains on chunk k (rows whose label
 * horizon crosses the test cut purged) and tests on chunk k + 1. Per window and mode, models are trained
 * ({@link Mode#PER_SYMBOL}: one per training symbol on its own rows; the universal modes: one on every
 * training symbol's rows) and predict every feature row of the test chunk, of training and held-out
 * symbols alike (held-out symbols reach universal models through the unknown-symbol slot; per-symbol mode
 * has no model for them and reports n/a).
 *
 * <p>Same rows: a mode can lack a model for a symbol in a window (a symbol whose history starts late has no
 * training rows in the first chunk, hence no per-symbol model, while the universal models still score its
 * test rows). Every figure is therefore computed on the instants that every mode with a model for the symbol
 * evaluated; {@link Row#lostRows()} counts the labelled rows a mode evaluated and lost to that intersection,
 * and the replays below see only those instants.
 *
 * <p>Baselines ({@code dev.ktrdr.training.eval}: per-symbol majority, momentum over
 * {@value #MOMENTUM_LOOKBACK} bars, the edge over the stronger with its circular block-bootstrap interval,
 * seeded with {@code training.seed}) per row and per mode over the training symbols; per window the accuracy;
 * and for every pair of modes the {@link PairedDifference} of accuracy on the same rows.
 *
 * <p>Per symbol and mode: accuracy over the labelled test rows of every window; the out-of-sample
 * segments stitched into one {@link EventBacktester} replay (from the first test bar to the last; each
 * bar decided with the probabilities of the model of its window; the position carries over window
 * boundaries) giving Sharpe, profit factor, maximum drawdown, total return and trades; and the stability
 * across windows, the standard deviation of the per-window Sharpe ratios (each window replayed alone,
 * force-closed at its end). Decisions follow the strategy's {@code decisions:} section.
 *
 * <p>Deterministic for a given input (seeded training). Immutable and thread-safe.
 */
public final class ModeComparison {
    /** The three ways of training compared. */
    public enum Mode {
        /** One model per training symbol, trained on that symbol alone; none for held-out symbols. */
        PER_SYMBOL("per_symbol"),
        /** One model over every training symbol, the symbol not an input. */
        UNIVERSAL("universal"),
        /** One model over every training symbol with a learned symbol embedding (and its unknown slot). */
        UNIVERSAL_EMBEDDING("universal_embedding"),
        /**
         * One gradient-boosted tree model over every training symbol (the strategy's {@code model.gbdt}; its symbol
         * encoding when that is one_hot or index, else index, with an unknown slot for held-out symbols). Run only
         * when {@link Settings#trees()} asks for it (it needs LightGBM on the class path).
         */
        GBDT("gbdt");

        private final String id;

        Mode(String id) {
            this.id = id;
        }

        /** @return the id used in tables */
        public String id() {
            return id;
        }
    }

    /**
     * One line of the table. Every figure is over the rows and instants that every mode available for the
     * symbol evaluated (see {@link ModeComparison}).
     *
     * @param mode the mode
     * @param symbol the symbol
     * @param heldOut true when the symbol was kept out of training
     * @param available false when the mode has no model for the symbol (per-symbol mode, held-out symbol):
     *     every figure is then NaN
     * @param windows windows with test rows for the symbol
     * @param testRows labelled test rows over all windows, after the intersection across modes
     * @param lostRows labelled rows this mode evaluated that were left out because another mode did not
     *     evaluate them
     * @param accuracy share of labelled test rows classified right
     * @param baseline the per-symbol majority and momentum baselines and the edge over the stronger, with its
     *     block-bootstrap interval (null when not available)
     * @param sharpe annualised Sharpe ratio of the stitched out-of-sample equity
     * @param profitFactor gross profit ÷ gross loss of the stitched trades, as {@link Performance} reports it
     * @param maxDrawdown maximum drawdown of the stitched equity, a fraction
     * @param totalReturn total return of the stitched equity
     * @param buyHoldReturn buy-and-hold return over the same bars, for scale
     * @param trades closed trades in the stitched replay
     * @param sharpeStd standard deviation of the per-window Sharpe ratios (windows that never held a position
     *     have none and are left out; NaN with fewer than two ratios)
     */
    public record Row(Mode mode, Symbol symbol, boolean heldOut, boolean available, int windows, int testRows,
                      int lostRows, double accuracy, Baseline baseline, double sharpe, double profitFactor,
                      double maxDrawdown, double totalReturn, double buyHoldReturn, int trades, double sharpeStd) {
    }

    /**
     * Baselines beside an accuracy (from the baselines API of {@code dev.ktrdr.training.eval}).
     *
     * @param figures accuracy, per-symbol majority baseline, pooled majority, momentum baseline and edge
     * @param edge the edge over the stronger baseline with its 95% block-bootstrap interval and verdict
     */
    public record Baseline(BaselineFigures figures, Edge edge) {
    }

    /**
     * One mode's figures for one symbol in one window, on the common rows.
     *
     * @param mode the mode
     * @param symbol the symbol
     * @param window window number, from 1
     * @param from first instant of the window's test chunk (inclusive), UTC epoch ms
     * @param to end of the test chunk (exclusive), UTC epoch ms
     * @param rows labelled common rows of the symbol in the window
     * @param accuracy share classified right, NaN without rows
     */
    public record WindowFigure(Mode mode, Symbol symbol, int window, long from, long to, int rows, double accuracy) {
    }

    /**
     * The experiment's outcome.
     *
     * @param rows the table: per mode (in {@link Mode} order), training symbols then held-out symbols
     * @param perWindow per mode, symbol and window, on the common rows
     * @param overall per mode, over the training symbols (which every mode evaluates), the accuracy with its
     *     baselines and edge
     * @param differences paired differences of accuracy for every pair of modes
     * @param bootstrap replicates, confidence and seed of every interval
     * @param scoredInstants per mode and symbol, the bar instants (UTC epoch ms, ascending) of the labelled rows
     *     it was scored on: the same for every mode that has a model for the symbol
     * @param portfolioWindows per mode, group and window, the symbols traded as one portfolio ({@link PortfolioModeView})
     * @param portfolioDifferences per pair of modes and group, paired differences of the window portfolios
     */
    public record Result(List<Row> rows, List<WindowFigure> perWindow, Map<Mode, EdgeReport> overall,
                         List<PairedDifference> differences, BlockBootstrap bootstrap,
                         Map<Mode, Map<Symbol, List<Long>>> scoredInstants, List<PortfolioModeView.Window> portfolioWindows,
                         List<PortfolioModeView.Difference> portfolioDifferences) {
        /** Copies the collections. */
        public Result {
            Map<Mode, Map<Symbol, List<Long>>> copy = new LinkedHashMap<>();
            scoredInstants.forEach((m, bySymbol) -> {
                Map<Symbol, List<Long>> inner = new LinkedHashMap<>();
                bySymbol.forEach((sym, times) -> inner.put(sym, List.copyOf(times)));
                copy.put(m, java.util.Collections.unmodifiableMap(inner));
            });
            scoredInstants = java.util.Collections.unmodifiableMap(copy);
            rows = List.copyOf(rows);
            perWindow = List.copyOf(perWindow);
            overall = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overall));
            differences = List.copyOf(differences);
            portfolioWindows = List.copyOf(portfolioWindows);
            portfolioDifferences = List.copyOf(portfolioDifferences);
        }
    }

    /**
     * The experiment's settings.
     *
     * @param strategyYaml the strategy text
     * @param strategySource where it came from, for messages
     * @param data where bars come from, with symbol information
     * @param training symbols to train on (at least one)
     * @param heldOut symbols kept out of training, evaluated only
     * @param windows number of walk-forward windows, in [1, 50]
     * @param execution capital, costs and sizing of the replays
     * @param embeddingDim embedding width for {@link Mode#UNIVERSAL_EMBEDDING} when the strategy has none, ≥ 1
     * @param trees whether the {@link Mode#GBDT} mode runs too
     */
    public record Settings(String strategyYaml, String strategySource, TrainingRequest data, List<Symbol> training,
                           List<Symbol> heldOut, int windows, Backtester.Execution execution, int embeddingDim,
                           boolean trees) {
        /** Validates counts and overlaps. */
        public Settings {
            Objects.requireNonNull(strategyYaml, "strategyYaml");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(execution, "execution");
            training = List.copyOf(training);
            heldOut = List.copyOf(heldOut);
            if (training.isEmpty()) {
                throw new ConfigurationException("training_data.symbols", "no training symbol");
            }
            for (Symbol s : heldOut) {
                if (training.contains(s)) {
                    throw new ConfigurationException("--holdout", s + " is both a training and a held-out symbol");
                }
            }
            if (windows < 1 || windows > 50) {
                throw new ConfigurationException("--windows", windows + " is not in [1, 50]");
            }
            if (embeddingDim < 1 || embeddingDim > 64) {
                throw new ConfigurationException("embedding_dim", embeddingDim + " is not in [1, 64]");
            }
        }

        /**
         * Settings without the {@link Mode#GBDT} mode.
         *
         * @param strategyYaml the strategy text
         * @param strategySource where it came from, for messages
         * @param data where bars come from, with symbol information
         * @param training symbols to train on (at least one)
         * @param heldOut symbols kept out of training, evaluated only
         * @param windows number of walk-forward windows, in [1, 50]
         * @param execution capital, costs and sizing of the replays
         * @param embeddingDim embedding width for {@link Mode#UNIVERSAL_EMBEDDING} when the strategy has none, ≥ 1
         */
        public Settings(String strategyYaml, String strategySource, TrainingRequest data, List<Symbol> training,
                        List<Symbol> heldOut, int windows, Backtester.Execution execution, int embeddingDim) {
            this(strategyYaml, strategySource, data, training, heldOut, windows, execution, embeddingDim, false);
        }

        /** @return the modes these settings run, in {@link Mode} order */
        public List<Mode> modes() {
            return java.util.Arrays.stream(Mode.values()).filter(m -> trees || m != Mode.GBDT).toList();
        }
    }

    /** Lookback of the momentum baseline, the same as the trainer's. */
    public static final int MOMENTUM_LOOKBACK = 5;

    private final StrategyTrainer trainer;

    /** An experiment with the library's default trainer (engines and preparation threads). */
    public ModeComparison() {
        this(new StrategyTrainer());
    }

    /** @param trainer prepares symbols (features and labels) */
    public ModeComparison(StrategyTrainer trainer) {
        this.trainer = Objects.requireNonNull(trainer, "trainer");
    }

    /**
     * Runs the experiment.
     *
     * @param settings what to run
     * @param progress receives {@code "train"} events inside each window (per model: its epochs) and one
     *     {@code "window"} event per window and mode
     * @return the table: per mode (in {@link Mode} order), training symbols then held-out symbols
     */
    public List<Row> run(Settings settings, ProgressListener progress) {
        return compare(settings, progress).rows();
    }

    /**
     * Runs the experiment with every figure: the table, per-window figures, baselines and paired differences.
     *
     * @param settings what to run
     * @param progress receives {@code "train"} events inside each window (per model: its epochs), a
     *     {@code "predict"} event per window and mode, one {@code "window"} event per window and mode, and
     *     {@code "bootstrap"} events while the intervals are computed
     * @return the outcome
     */
    public Result compare(Settings settings, ProgressListener progress) {
        Strategy strategy = StrategyLoader.parse(settings.strategyYaml(), settings.strategySource(), trainer.catalog());
        List<Timeframe> tfs = settings.data().timeframes().isEmpty() ? strategy.trainingData().timeframes().list()
                : settings.data().timeframes();
        Timeframe base = tfs.contains(strategy.trainingData().timeframes().base()) ? strategy.trainingData().timeframes().base()
                : tfs.stream().min(Enum::compareTo).orElseThrow();
        Map<Symbol, StrategyTrainer.Prepared> prepared = new LinkedHashMap<>();
        List<Symbol> all = new ArrayList<>(settings.training());
        all.addAll(settings.heldOut());
        for (Symbol s : all) {
            SymbolInfo info = settings.data().symbolInfo().apply(s);
            prepared.put(s, trainer.prepare(strategy, settings.data(), info, tfs, base));
        }
        List<SymbolDataset> trainSets = new ArrayList<>();
        for (Symbol s : settings.training()) {
            trainSets.add(prepared.get(s).dataset());
        }
        List<SplitPlan> folds = ChronologicalSplitter.walkForward(trainSets, settings.windows(), false);
        DecisionConfig decisions = strategy.decisions();
        MlpConfig baseConfig = StrategyTrainer.mlpConfig(strategy);
        Map<Mode, Map<Symbol, Outcome>> outcomes = new LinkedHashMap<>();
        List<Mode> modes = settings.modes();
        for (Mode mode : modes) {
            // per symbol: aligned probabilities over its base bars, one array per window plus the stitched one
            Map<Symbol, Outcome> mine = new LinkedHashMap<>();
            for (Symbol s : all) {
                mine.put(s, new Outcome(prepared.get(s), folds.size()));
            }
            outcomes.put(mode, mine);
            for (int k = 0; k < folds.size(); k++) {
                SplitPlan fold = folds.get(k);
                String where = mode.id() + " window " + (k + 1) + "/" + folds.size();
                Map<Symbol, TradingModel> models = train(mode, strategy, settings, baseConfig, trainSets, fold, progress, where);
                for (Symbol s : all) {
                    TradingModel m = mode == Mode.PER_SYMBOL ? models.get(s) : models.get(null);
                    if (m != null) {
                        mine.get(s).predict(k, m, fold.testCut(), fold.testEnd());
                    }
                }
                progress.onProgress(new ProgressListener.Event("predict", k + 1, folds.size(), where + ": predicted "
                        + all.size() + " symbols"));
                progress.onProgress(new ProgressListener.Event("window", k + 1, folds.size(), mode.id()));
            }
        }
        // every mode is scored on the same instants: per symbol, those that every mode with a model for it evaluated
        for (Symbol s : all) {
            List<Outcome> avail = new ArrayList<>();
            for (Mode mode : modes) {
                if (outcomes.get(mode).get(s).evaluatedAny()) {
                    avail.add(outcomes.get(mode).get(s));
                }
            }
            boolean[] common = Outcome.intersection(avail, prepared.get(s).dataset().rows());
            for (Outcome o : avail) {
                o.restrictTo(common);
            }
        }
        BlockBootstrap bootstrap = BlockBootstrap.withSeed(strategy.training().seed());
        List<Row> rows = new ArrayList<>();
        List<WindowFigure> perWindow = new ArrayList<>();
        Map<Mode, EdgeReport> overall = new LinkedHashMap<>();
        int step = 0;
        for (Mode mode : modes) {
            progress.onProgress(new ProgressListener.Event("bootstrap", ++step, modes.size(), mode.id() + ": edge intervals"));
            Map<Symbol, Outcome> mine = outcomes.get(mode);
            List<Symbol> scored = new ArrayList<>();
            for (Symbol s : all) {
                if (mine.get(s).evaluatedAny()) {
                    scored.add(s);
                }
            }
            EdgeReport report = scored.isEmpty() ? null : bootstrap.evaluate(scoredRows(scored, mine, prepared));
            List<Symbol> trained = scored.stream().filter(settings.training()::contains).toList();
            if (!trained.isEmpty()) {
                overall.put(mode, trained.size() == scored.size() ? report
                        : bootstrap.evaluate(scoredRows(trained, mine, prepared)));
            }
            for (Symbol s : all) {
                boolean held = settings.heldOut().contains(s);
                Outcome o = mine.get(s);
                Baseline b = report == null || !o.evaluatedAny() ? null
                        : new Baseline(report.perSymbolFigures().get(s), report.perSymbolEdges().get(s));
                rows.add(o.row(mode, s, held, b, decisions, settings.execution()));
                if (o.evaluatedAny()) {
                    for (int k = 0; k < folds.size(); k++) {
                        int[] hr = o.windowHits(k);
                        perWindow.add(new WindowFigure(mode, s, k + 1, folds.get(k).testCut(), folds.get(k).testEnd(), hr[1],
                                hr[1] == 0 ? Double.NaN : (double) hr[0] / hr[1]));
                    }
                }
            }
        }
        List<PairedDifference> differences = new ArrayList<>();
        for (int i = 0; i < modes.size(); i++) {
            for (int j = i + 1; j < modes.size(); j++) {
                Map<Symbol, Outcome> a = outcomes.get(modes.get(i));
                Map<Symbol, Outcome> b = outcomes.get(modes.get(j));
                List<Symbol> both = all.stream().filter(s -> a.get(s).evaluatedAny() && b.get(s).evaluatedAny()).toList();
                progress.onProgress(new ProgressListener.Event("bootstrap", ++step,
                        modes.size() + (long) modes.size() * (modes.size() - 1) / 2, modes.get(i).id() + " vs " + modes.get(j).id()));
                if (both.isEmpty()) {
                    continue;
                }
                ScoredRows paired = scoredRows(both, a, prepared);
                int n = paired.rows();
                boolean[] hitA = new boolean[n];
                boolean[] hitB = new boolean[n];
                int[] window = new int[n];
                int at = 0;
                for (Symbol s : both) {
                    Outcome oa = a.get(s);
                    Outcome ob = b.get(s);
                    for (int r : oa.commonLabelled()) {
                        hitA[at] = oa.hit(r);
                        hitB[at] = ob.hit(r);
                        window[at] = oa.windowOf(r) + 1;
                        at++;
                    }
                }
                differences.add(PairedDifference.of(modes.get(i).id(), modes.get(j).id(), paired, hitA, hitB, window, bootstrap));
            }
        }
        Map<Mode, Map<Symbol, List<Long>>> instants = new LinkedHashMap<>();
        for (Mode mode : modes) {
            Map<Symbol, List<Long>> bySymbol = new LinkedHashMap<>();
            for (Symbol s : all) {
                Outcome o = outcomes.get(mode).get(s);
                if (o.evaluatedAny()) {
                    List<Long> t = new ArrayList<>(o.commonLabelled().length);
                    for (int r : o.commonLabelled()) {
                        t.add(prepared.get(s).dataset().time(r));
                    }
                    bySymbol.put(s, t);
                }
            }
            instants.put(mode, bySymbol);
        }
        // the portfolio view: per mode, group and window, the symbols as one account on the common instants
        Map<Mode, List<PortfolioModeView.SymbolWindows>> windowsByMode = new LinkedHashMap<>();
        for (Mode mode : settings.modes()) {
            List<PortfolioModeView.SymbolWindows> list = new ArrayList<>();
            for (Symbol s : all) {
                Outcome o = outcomes.get(mode).get(s);
                if (o.evaluatedAny()) {
                    double[][] pw = new double[folds.size()][];
                    for (int k = 0; k < folds.size(); k++) {
                        pw[k] = o.hasWindow[k] ? o.perWindow[k] : null;
                    }
                    list.add(new PortfolioModeView.SymbolWindows(prepared.get(s).info(), prepared.get(s).base(), pw,
                            settings.heldOut().contains(s)));
                }
            }
            windowsByMode.put(mode, list);
        }
        progress.onProgress(new ProgressListener.Event("portfolio", 0, 1, "each mode's window portfolios"));
        List<PortfolioModeView.Window> portfolios = PortfolioModeView.windows(windowsByMode, folds.size(), decisions,
                settings.execution());
        progress.onProgress(new ProgressListener.Event("portfolio", 1, 1, "each mode's window portfolios"));
        return new Result(rows, perWindow, overall, differences, bootstrap, instants, portfolios,
                PortfolioModeView.differences(portfolios));
    }

    /** The labelled common rows of the symbols under a mode, symbol after symbol, in time order. */
    private static ScoredRows scoredRows(List<Symbol> symbols, Map<Symbol, Outcome> outcomes,
                                         Map<Symbol, StrategyTrainer.Prepared> prepared) {
        int n = 0;
        for (Symbol s : symbols) {
            n += outcomes.get(s).commonLabelled().length;
        }
        int[] sym = new int[n];
        byte[] actual = new byte[n];
        byte[] predicted = new byte[n];
        byte[] momentum = new byte[n];
        int[] horizons = new int[symbols.size()];
        int at = 0;
        for (int k = 0; k < symbols.size(); k++) {
            Outcome o = outcomes.get(symbols.get(k));
            SymbolDataset d = prepared.get(symbols.get(k)).dataset();
            horizons[k] = d.horizon();
            byte[] mom = new MomentumBaseline(MOMENTUM_LOOKBACK).predict(prepared.get(symbols.get(k)).base());
            for (int r : o.commonLabelled()) {
                sym[at] = k;
                actual[at] = d.classAt(r);
                predicted[at] = o.predictedAt(r);
                momentum[at] = mom[o.barOf(r)];
                at++;
            }
        }
        return ScoredRows.of(symbols, sym, actual, predicted, momentum, horizons);
    }

    private static Map<Symbol, TradingModel> train(Mode mode, Strategy strategy, Settings settings, MlpConfig base,
                                                   List<SymbolDataset> sets, SplitPlan fold, ProgressListener progress,
                                                   String where) {
        if (mode == Mode.GBDT) {
            return trees(strategy, settings, sets, fold, progress, where);
        }
        MlpConfig.Builder b = base.toBuilder();
        if (mode == Mode.UNIVERSAL_EMBEDDING) {
            boolean own = strategy.model().symbolEncoding().type().equals("embedding");
            b.symbolEncoding(SymbolEncoding.Kind.EMBEDDING)
                    .embeddingDim(own ? strategy.model().symbolEncoding().dim() : settings.embeddingDim())
                    // without symbol dropout the unknown slot, which serves held-out symbols, is never trained
                    .symbolDropout(own && strategy.model().symbolEncoding().unknownSymbolDropout() > 0
                            ? strategy.model().symbolEncoding().unknownSymbolDropout() : 0.1);
        } else {
            b.symbolEncoding(SymbolEncoding.Kind.NONE).embeddingDim(1).symbolDropout(0);
        }
        MlpTrainer mlp = new MlpTrainer(b.build());
        MultiSymbolSampler.Strategy balance = MultiSymbolSampler.Strategy.parse(strategy.model().multiSymbol().balanceStrategy());
        Map<Symbol, TradingModel> out = new LinkedHashMap<>();
        if (mode == Mode.PER_SYMBOL) {
            for (SymbolDataset d : sets) {
                int[] t = fold.of(d.symbol()).train();
                if (t.length > 0) {
                    out.put(d.symbol(), mlp.train(List.of(rows(d, t)), List.of(),
                            new MultiSymbolSampler(balance, strategy.training().seed()), settings.strategyYaml(),
                            inside(progress, where + " " + d.symbol())).model());
                }
            }
            return out;
        }
        List<SymbolRows> train = new ArrayList<>();
        for (SymbolDataset d : sets) {
            int[] t = fold.of(d.symbol()).train();
            if (t.length > 0) {
                train.add(rows(d, t));
            }
        }
        if (!train.isEmpty()) {
            out.put(null, mlp.train(train, List.of(), new MultiSymbolSampler(balance, strategy.training().seed()),
                    settings.strategyYaml(), inside(progress, where)).model());
        }
        return out;
    }

    /** The {@link Mode#GBDT} model of a window: one tree ensemble over every training symbol. */
    private static Map<Symbol, TradingModel> trees(Strategy strategy, Settings settings, List<SymbolDataset> sets,
                                                   SplitPlan fold, ProgressListener progress, String where) {
        String own = strategy.model().symbolEncoding().type();
        SymbolEncoding.Kind kind = own.equals("one_hot") ? SymbolEncoding.Kind.ONE_HOT : SymbolEncoding.Kind.INDEX;
        double dropout = strategy.model().symbolEncoding().unknownSymbolDropout();
        // without symbol dropout the unknown slot, which serves held-out symbols, is never trained
        GbdtConfig config = GbdtConfig.of(strategy, kind, dropout > 0 ? dropout : 0.1);
        List<SymbolRows> train = new ArrayList<>();
        for (SymbolDataset d : sets) {
            int[] t = fold.of(d.symbol()).train();
            if (t.length > 0) {
                train.add(rows(d, t));
            }
        }
        Map<Symbol, TradingModel> out = new LinkedHashMap<>();
        if (!train.isEmpty()) {
            MultiSymbolSampler.Strategy balance = MultiSymbolSampler.Strategy.parse(strategy.model().multiSymbol().balanceStrategy());
            out.put(null, new GbdtTrainer(config).train(train, List.of(), new MultiSymbolSampler(balance,
                    strategy.training().seed()), settings.strategyYaml(), inside(progress, where)).model());
        }
        return out;
    }

    /** Forwards a trainer's epoch events as {@code "train"} events naming the mode, window and model. */
    private static ProgressListener inside(ProgressListener progress, String where) {
        return e -> progress.onProgress(new ProgressListener.Event("train", e.done(), e.total(), where + ": " + e.stage()
                + (e.message().isEmpty() ? "" : " " + e.message())));
    }

    private static SymbolRows rows(SymbolDataset d, int[] sel) {
        FeatureMatrix f = d.features();
        int cols = f.columns();
        long[] times = new long[sel.length];
        double[] v = new double[sel.length * cols];
        byte[] y = new byte[sel.length];
        for (int i = 0; i < sel.length; i++) {
            times[i] = f.time(sel[i]);
            f.copyRow(sel[i], v, i * cols);
            y[i] = d.classAt(sel[i]);
        }
        return new SymbolRows(new FeatureMatrix(f.symbol(), f.spec(), times, v), y);
    }

    /** One symbol's out-of-sample probabilities and predictions under one mode. */
    private static final class Outcome {
        final StrategyTrainer.Prepared p;
        final double[] stitched;
        final double[][] perWindow;
        final boolean[] hasWindow;
        /** Per dataset row: predicted class, −1 when not evaluated. */
        final byte[] predicted;
        /** Per dataset row: its window, −1 when not evaluated. */
        final int[] window;
        /** Per dataset row: its base bar. */
        final int[] bar;
        int[] commonLabelled = new int[0];
        int lostLabelled;

        Outcome(StrategyTrainer.Prepared p, int windows) {
            this.p = p;
            int bars = p.base().size();
            stitched = new double[bars * Label.COUNT];
            Arrays.fill(stitched, Double.NaN);
            perWindow = new double[windows][];
            hasWindow = new boolean[windows];
            SymbolDataset d = p.dataset();
            predicted = new byte[d.rows()];
            Arrays.fill(predicted, (byte) -1);
            window = new int[d.rows()];
            Arrays.fill(window, -1);
            bar = new int[d.rows()];
            long[] open = p.base().openTimes();
            for (int r = 0; r < d.rows(); r++) {
                bar[r] = Arrays.binarySearch(open, d.time(r));
            }
        }

        void predict(int w, TradingModel model, long from, long to) {
            SymbolDataset d = p.dataset();
            FeatureMatrix f = d.features();
            double[] row = new double[f.columns()];
            double[] prob = new double[Label.COUNT];
            double[] mine = new double[stitched.length];
            Arrays.fill(mine, Double.NaN);
            for (int r = 0; r < d.rows(); r++) {
                long t = d.time(r);
                if (t < from || t >= to) {
                    continue;
                }
                f.copyRow(r, row, 0);
                model.predict(row, d.symbol(), prob);
                int b = bar[r];
                System.arraycopy(prob, 0, stitched, b * Label.COUNT, Label.COUNT);
                System.arraycopy(prob, 0, mine, b * Label.COUNT, Label.COUNT);
                hasWindow[w] = true;
                int best = prob[1] > prob[0] ? 1 : 0;
                if (prob[2] > prob[best]) {
                    best = 2;
                }
                predicted[r] = (byte) best;
                window[r] = w;
            }
            perWindow[w] = mine;
        }

        boolean evaluatedAny() {
            for (boolean w : hasWindow) {
                if (w) {
                    return true;
                }
            }
            return false;
        }

        /** Rows every outcome evaluated. */
        static boolean[] intersection(List<Outcome> outcomes, int rows) {
            boolean[] common = new boolean[rows];
            if (outcomes.isEmpty()) {
                return common;
            }
            Arrays.fill(common, true);
            for (Outcome o : outcomes) {
                for (int r = 0; r < rows; r++) {
                    common[r] &= o.predicted[r] >= 0;
                }
            }
            return common;
        }

        /** Forgets every instant outside {@code common}: predictions, probabilities and window marks. */
        void restrictTo(boolean[] common) {
            SymbolDataset d = p.dataset();
            int labelled = 0;
            int lost = 0;
            for (int r = 0; r < predicted.length; r++) {
                boolean isLabelled = d.classAt(r) != Label.NONE;
                if (predicted[r] >= 0 && !common[r]) {
                    if (isLabelled) {
                        lost++;
                    }
                    int b = bar[r];
                    Arrays.fill(stitched, b * Label.COUNT, (b + 1) * Label.COUNT, Double.NaN);
                    if (perWindow[window[r]] != null) {
                        Arrays.fill(perWindow[window[r]], b * Label.COUNT, (b + 1) * Label.COUNT, Double.NaN);
                    }
                    predicted[r] = -1;
                    window[r] = -1;
                }
                if (common[r] && isLabelled) {
                    labelled++;
                }
            }
            int[] rows = new int[labelled];
            int at = 0;
            for (int r = 0; r < predicted.length; r++) {
                if (common[r] && d.classAt(r) != Label.NONE) {
                    rows[at++] = r;
                }
            }
            commonLabelled = rows;
            lostLabelled = lost;
            Arrays.fill(hasWindow, false);
            for (int w : window) {
                if (w >= 0) {
                    hasWindow[w] = true;
                }
            }
        }

        int[] commonLabelled() {
            return commonLabelled;
        }

        byte predictedAt(int r) {
            return predicted[r];
        }

        boolean hit(int r) {
            return predicted[r] == p.dataset().classAt(r);
        }

        int windowOf(int r) {
            return window[r];
        }

        int barOf(int r) {
            return bar[r];
        }

        /** @return hits and labelled common rows in window {@code w} */
        int[] windowHits(int w) {
            int hits = 0;
            int n = 0;
            for (int r : commonLabelled) {
                if (window[r] == w) {
                    n++;
                    hits += hit(r) ? 1 : 0;
                }
            }
            return new int[] {hits, n};
        }

        Row row(Mode mode, Symbol s, boolean held, Baseline baseline, DecisionConfig decisions,
                Backtester.Execution execution) {
            int windows = 0;
            for (boolean w : hasWindow) {
                windows += w ? 1 : 0;
            }
            if (windows == 0) {
                return new Row(mode, s, held, false, 0, 0, lostLabelled, Double.NaN, null, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, 0, Double.NaN);
            }
            int hits = 0;
            for (int r : commonLabelled) {
                hits += hit(r) ? 1 : 0;
            }
            int labelled = commonLabelled.length;
            BarSeries base = p.base();
            double bpy = BarsPerYear.estimate(base.openTimes(), base.timeframe(), p.info().calendarId());
            EventBacktester bt = new EventBacktester();
            BacktestRun all = replay(bt, base, stitched, decisions, execution, bpy);
            double[] sharpes = new double[windows];
            int w = 0;
            for (int k = 0; k < perWindow.length; k++) {
                if (hasWindow[k]) {
                    BacktestRun one = replay(bt, base, perWindow[k], decisions, execution, bpy);
                    double sh = one.result().metrics().get(Performance.SHARPE);
                    // a window without any position has a flat equity and no Sharpe ratio: left out of the spread
                    if (Double.isFinite(sh)) {
                        sharpes[w++] = sh;
                    }
                }
            }
            Map<String, Double> m = all.result().metrics();
            return new Row(mode, s, held, true, windows, labelled, lostLabelled,
                    labelled == 0 ? Double.NaN : (double) hits / labelled, baseline, m.get(Performance.SHARPE),
                    m.get(Performance.PROFIT_FACTOR), m.get(Performance.MAX_DRAWDOWN),
                    m.get(Performance.TOTAL_RETURN), m.get(Performance.BUY_HOLD_RETURN), all.result().trades().size(),
                    w < 2 ? Double.NaN : Performance.standardDeviation(Arrays.copyOf(sharpes, w)));
        }

        /** Replays the bars from the first to the last bar with probabilities (the segment, not the series' end). */
        private static BacktestRun replay(EventBacktester bt, BarSeries base, double[] p, DecisionConfig decisions,
                                          Backtester.Execution execution, double bpy) {
            int first = -1;
            int last = -1;
            for (int i = 0; i < base.size(); i++) {
                if (!Double.isNaN(p[i * Label.COUNT])) {
                    if (first < 0) {
                        first = i;
                    }
                    last = i;
                }
            }
            // one bar past the segment, when there is one, so the segment's last decision can still fill
            int end = Math.min(base.size(), last + 2);
            return bt.runProbabilities(base.slice(first, end), Arrays.copyOfRange(p, first * Label.COUNT, end * Label.COUNT),
                    RuleDecisionEngine.of(decisions), execution, bpy);
        }
    }

    /**
     * The table as CSV: one line per row, figures with full precision, n/a where unavailable.
     *
     * @param rows the table
     * @return CSV text with a header line
     */
    public static String toCsv(List<Row> rows) {
        StringBuilder sb = new StringBuilder("mode,symbol,role,windows,test_rows,accuracy,sharpe,profit_factor,"
                + "max_drawdown,total_return,buy_hold_return,trades,sharpe_std_across_windows,lost_rows,baseline_accuracy,"
                + "momentum_accuracy,edge,edge_ci_low,edge_ci_high,edge_against,verdict\n");
        for (Row r : rows) {
            sb.append(r.mode().id()).append(',').append(r.symbol()).append(',').append(r.heldOut() ? "held_out" : "training");
            if (!r.available()) {
                sb.append(",0,0,n/a,n/a,n/a,n/a,n/a,n/a,n/a,n/a,").append(r.lostRows()).append(",n/a,n/a,n/a,n/a,n/a,n/a,n/a\n");
                continue;
            }
            sb.append(',').append(r.windows()).append(',').append(r.testRows());
            for (double v : new double[] {r.accuracy(), r.sharpe(), r.profitFactor(), r.maxDrawdown(), r.totalReturn(),
                r.buyHoldReturn()}) {
                sb.append(',').append(csv(v));
            }
            sb.append(',').append(r.trades()).append(',').append(csv(r.sharpeStd())).append(',').append(r.lostRows());
            Baseline b = r.baseline();
            for (double v : new double[] {b.figures().baselineAccuracy(), b.figures().momentumAccuracy(), b.edge().point(),
                b.edge().low(), b.edge().high()}) {
                sb.append(',').append(csv(v));
            }
            sb.append(',').append(b.edge().against().label()).append(',').append(b.edge().verdict().label());
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String csv(double v) {
        return Double.isNaN(v) ? "n/a" : Double.toString(v);
    }

    /**
     * The table as Markdown, rounded for reading.
     *
     * @param rows the table
     * @return a Markdown table
     */
    public static String toMarkdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| mode | symbol | role | windows | rows | lost rows | accuracy "
                + "| per-symbol baseline | momentum | edge [95%] | Sharpe | profit factor "
                + "| max drawdown | total return | buy & hold | trades | Sharpe std (windows) |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.mode().id()).append(" | ").append(r.symbol()).append(" | ")
                    .append(r.heldOut() ? "held out" : "training").append(" | ");
            if (!r.available()) {
                sb.append("n/a | n/a | ").append(r.lostRows())
                        .append(" | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a |\n");
                continue;
            }
            Baseline b = r.baseline();
            sb.append(r.windows()).append(" | ").append(r.testRows()).append(" | ").append(r.lostRows()).append(" | ")
                    .append(pct(r.accuracy())).append(" | ").append(pct(b.figures().baselineAccuracy())).append(" | ")
                    .append(pct(b.figures().momentumAccuracy())).append(" | ").append(edge(b.edge())).append(" | ")
                    .append(num(r.sharpe()))
                    .append(" | ").append(num(r.profitFactor())).append(" | ").append(pct(r.maxDrawdown())).append(" | ")
                    .append(pct(r.totalReturn())).append(" | ").append(pct(r.buyHoldReturn())).append(" | ").append(r.trades()).append(" | ").append(num(r.sharpeStd()))
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String edge(Edge e) {
        if (Double.isNaN(e.point())) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.2f pts ", 100 * e.point())
                + (Double.isNaN(e.low()) ? "[no interval]" : String.format(Locale.ROOT, "[%+.2f, %+.2f]", 100 * e.low(), 100 * e.high()))
                + " " + e.verdict().label();
    }

    /**
     * Accuracy per window as Markdown: one line per mode and symbol, one column per window (rows in brackets).
     *
     * @param figures the per-window figures
     * @param windows number of windows
     * @return a Markdown table
     */
    public static String windowsMarkdown(List<WindowFigure> figures, int windows) {
        StringBuilder sb = new StringBuilder("| mode | symbol |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (int w = 1; w <= windows; w++) {
            sb.append(" window ").append(w).append(" |");
            rule.append("---:|");
        }
        sb.append('\n').append(rule).append('\n');
        String key = null;
        for (WindowFigure f : figures) {
            String k = f.mode().id() + " | " + f.symbol();
            if (!k.equals(key)) {
                if (key != null) {
                    sb.append('\n');
                }
                sb.append("| ").append(k).append(" |");
                key = k;
            }
            sb.append(' ').append(pct(f.accuracy())).append(" (").append(f.rows()).append(") |");
        }
        if (key != null) {
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100 * v);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "n/a" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : String.format(Locale.ROOT, "%.3f", v);
    }
}
