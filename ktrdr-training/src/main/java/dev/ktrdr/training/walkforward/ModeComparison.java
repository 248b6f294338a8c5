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
import dev.ktrdr.training.backtest.BarsPerYear;
import dev.ktrdr.training.backtest.BacktestRun;
import dev.ktrdr.training.backtest.DecisionConfig;
import dev.ktrdr.training.backtest.EventBacktester;
import dev.ktrdr.training.backtest.Performance;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.mlp.MlpConfig;
import dev.ktrdr.training.mlp.MlpModel;
import dev.ktrdr.training.mlp.MlpTrainer;
import dev.ktrdr.training.mlp.SymbolEncoding;
import dev.ktrdr.training.mlp.SymbolRows;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.sampling.MultiSymbolSampler;
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
        UNIVERSAL_EMBEDDING("universal_embedding");

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
     * One line of the table.
     *
     * @param mode the mode
     * @param symbol the symbol
     * @param heldOut true when the symbol was kept out of training
     * @param available false when the mode has no model for the symbol (per-symbol mode, held-out symbol):
     *     every figure is then NaN
     * @param windows windows with test rows for the symbol
     * @param testRows labelled test rows over all windows
     * @param accuracy share of labelled test rows classified right
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
                      double accuracy, double sharpe, double profitFactor, double maxDrawdown, double totalReturn,
                      double buyHoldReturn, int trades, double sharpeStd) {
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
     */
    public record Settings(String strategyYaml, String strategySource, TrainingRequest data, List<Symbol> training,
                           List<Symbol> heldOut, int windows, Backtester.Execution execution, int embeddingDim) {
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
    }

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
     * @param progress receives one {@code "window"} event per window and mode
     * @return the table: per mode (in {@link Mode} order), training symbols then held-out symbols
     */
    public List<Row> run(Settings settings, ProgressListener progress) {
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
        List<Row> rows = new ArrayList<>();
        for (Mode mode : Mode.values()) {
            // per symbol: aligned probabilities over its base bars, one array per window plus the stitched one
            Map<Symbol, Outcome> outcomes = new LinkedHashMap<>();
            for (Symbol s : all) {
                outcomes.put(s, new Outcome(prepared.get(s).base().size(), folds.size()));
            }
            for (int k = 0; k < folds.size(); k++) {
                SplitPlan fold = folds.get(k);
                Map<Symbol, MlpModel> models = train(mode, strategy, settings, baseConfig, trainSets, fold);
                for (Symbol s : all) {
                    MlpModel m = mode == Mode.PER_SYMBOL ? models.get(s) : models.get(null);
                    if (m != null) {
                        outcomes.get(s).predict(k, m, prepared.get(s), fold.testCut(), fold.testEnd());
                    }
                }
                progress.onProgress(new ProgressListener.Event("window", k + 1, folds.size(), mode.id()));
            }
            for (Symbol s : all) {
                boolean held = settings.heldOut().contains(s);
                rows.add(outcomes.get(s).row(mode, s, held, prepared.get(s), decisions, settings.execution()));
            }
        }
        return rows;
    }

    private static Map<Symbol, MlpModel> train(Mode mode, Strategy strategy, Settings settings, MlpConfig base,
                                               List<SymbolDataset> sets, SplitPlan fold) {
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
        Map<Symbol, MlpModel> out = new LinkedHashMap<>();
        if (mode == Mode.PER_SYMBOL) {
            for (SymbolDataset d : sets) {
                int[] t = fold.of(d.symbol()).train();
                if (t.length > 0) {
                    out.put(d.symbol(), mlp.train(List.of(rows(d, t)), List.of(),
                            new MultiSymbolSampler(balance, strategy.training().seed()), settings.strategyYaml(),
                            ProgressListener.NONE).model());
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
                    settings.strategyYaml(), ProgressListener.NONE).model());
        }
        return out;
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

    /** One symbol's out-of-sample probabilities and hits under one mode. */
    private static final class Outcome {
        final double[] stitched;
        final double[][] perWindow;
        final boolean[] hasWindow;
        long hits;
        long labelled;

        Outcome(int bars, int windows) {
            stitched = new double[bars * Label.COUNT];
            Arrays.fill(stitched, Double.NaN);
            perWindow = new double[windows][];
            hasWindow = new boolean[windows];
        }

        void predict(int window, MlpModel model, StrategyTrainer.Prepared p, long from, long to) {
            SymbolDataset d = p.dataset();
            FeatureMatrix f = d.features();
            long[] open = p.base().openTimes();
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
                int b = Arrays.binarySearch(open, t);
                System.arraycopy(prob, 0, stitched, b * Label.COUNT, Label.COUNT);
                System.arraycopy(prob, 0, mine, b * Label.COUNT, Label.COUNT);
                hasWindow[window] = true;
                byte y = d.classAt(r);
                if (y != Label.NONE) {
                    labelled++;
                    int best = prob[1] > prob[0] ? 1 : 0;
                    if (prob[2] > prob[best]) {
                        best = 2;
                    }
                    if (best == y) {
                        hits++;
                    }
                }
            }
            perWindow[window] = mine;
        }

        Row row(Mode mode, Symbol s, boolean held, StrategyTrainer.Prepared p, DecisionConfig decisions,
                Backtester.Execution execution) {
            int windows = 0;
            for (boolean w : hasWindow) {
                windows += w ? 1 : 0;
            }
            if (windows == 0) {
                return new Row(mode, s, held, false, 0, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, 0, Double.NaN);
            }
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
            return new Row(mode, s, held, true, windows, (int) labelled, labelled == 0 ? Double.NaN : (double) hits / labelled,
                    m.get(Performance.SHARPE), m.get(Performance.PROFIT_FACTOR), m.get(Performance.MAX_DRAWDOWN),
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
                + "max_drawdown,total_return,buy_hold_return,trades,sharpe_std_across_windows\n");
        for (Row r : rows) {
            sb.append(r.mode().id()).append(',').append(r.symbol()).append(',').append(r.heldOut() ? "held_out" : "training");
            if (!r.available()) {
                sb.append(",0,0,n/a,n/a,n/a,n/a,n/a,n/a,n/a,n/a\n");
                continue;
            }
            sb.append(',').append(r.windows()).append(',').append(r.testRows());
            for (double v : new double[] {r.accuracy(), r.sharpe(), r.profitFactor(), r.maxDrawdown(), r.totalReturn(),
                r.buyHoldReturn()}) {
                sb.append(',').append(Double.isNaN(v) ? "n/a" : Double.toString(v));
            }
            sb.append(',').append(r.trades()).append(',').append(Double.isNaN(r.sharpeStd()) ? "n/a" : Double.toString(r.sharpeStd()));
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * The table as Markdown, rounded for reading.
     *
     * @param rows the table
     * @return a Markdown table
     */
    public static String toMarkdown(List<Row> rows) {
        StringBuilder sb = new StringBuilder("| mode | symbol | role | windows | accuracy | Sharpe | profit factor "
                + "| max drawdown | total return | buy & hold | trades | Sharpe std (windows) |\n");
        sb.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.mode().id()).append(" | ").append(r.symbol()).append(" | ")
                    .append(r.heldOut() ? "held out" : "training").append(" | ");
            if (!r.available()) {
                sb.append("n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a | n/a |\n");
                continue;
            }
            sb.append(r.windows()).append(" | ").append(pct(r.accuracy())).append(" | ").append(num(r.sharpe()))
                    .append(" | ").append(num(r.profitFactor())).append(" | ").append(pct(r.maxDrawdown())).append(" | ")
                    .append(pct(r.totalReturn())).append(" | ").append(pct(r.buyHoldReturn())).append(" | ").append(r.trades()).append(" | ").append(num(r.sharpeStd()))
                    .append(" |\n");
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
