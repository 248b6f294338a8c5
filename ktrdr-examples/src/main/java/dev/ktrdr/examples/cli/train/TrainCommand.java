package dev.ktrdr.examples.cli.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.examples.cli.data.DataSourceOptions;
import dev.ktrdr.examples.cli.strategy.StrategyProblems;
import dev.ktrdr.sdk.DataSource;
import dev.ktrdr.sdk.Ktrdr;
import dev.ktrdr.sdk.StrategyInput;
import dev.ktrdr.sdk.TrainOptions;
import dev.ktrdr.sdk.TrainingReport;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.training.eval.BaselineFigures;
import dev.ktrdr.training.eval.Edge;
import dev.ktrdr.training.eval.EdgeReport;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * {@code ktrdr train S.yaml --data-dir DIR [--symbols A,B] [--timeframes 1h,4h,1d] [--models-dir M] [--json]
 * [--per-symbol] [--horizons 1h,4h [--promote-best]]}: trains the strategy's model and prints a summary (overall and per symbol: accuracy beside
 * the per-symbol majority baseline and the momentum baseline, the edge over the stronger of them with its 95%
 * block-bootstrap interval and verdict), or the same as one JSON document. Before training, the split plan
 * (rows per symbol per part, purged rows) goes to stderr with the progress. With
 * {@code --models-dir} each model is saved as a new version through {@link FileModelStore} (scope from the
 * strategy, or the symbol with {@code --per-symbol}) and the version directory is printed. A thin client of
 * {@link Ktrdr#trainAll} and {@link Ktrdr#store}: the JSON is {@link TrainingReport#toMap()} plus {@code model_dir}.
 *
 * <p>{@code --horizons 1h,4h} trains once per base timeframe (the labels' horizon counts base bars, so the base
 * timeframe sets it; the timeframes are the strategy's, or {@code --timeframes}, that are the base or a whole
 * multiple of it), each with {@code --per-symbol} one model per symbol in parallel: symbols × horizons, then
 * one summary table (or {@code {"models": [...]}} with {@code horizon}, {@code validation_loss} and
 * {@code promoted}). {@code --promote-best} (with {@code --models-dir}) makes, per scope, the stored version with
 * the lowest validation loss of the kept epoch or round the latest one (of its scope and timeframe set: a horizon
 * that drops a finer timeframe is stored under its own set).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a strategy's model on a data folder and report test accuracy beside its baselines.")
public final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STRATEGY", description = "strategy YAML file (either layout)")
    Path strategyFile;

    @CommandLine.Mixin
    DataSourceOptions data;

    @Option(names = "--symbols", split = ",", paramLabel = "A,B", description = "symbols instead of the strategy's")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--timeframes", split = ",", paramLabel = "TF", description = "timeframes instead of the strategy's")
    List<String> timeframes = new ArrayList<>();

    @Option(names = {"--models-dir", "--out"}, paramLabel = "DIR",
            description = "save each model as a new version in this model store (FileModelStore layout)")
    Path modelsDir;

    @Option(names = "--json", description = "print one JSON document instead of the table")
    boolean json;

    @Option(names = "--per-symbol", description = "train one symbol-specific model per symbol, in parallel")
    boolean perSymbol;

    @Option(names = "--horizons", split = ",", paramLabel = "TF",
            description = "train once per base timeframe (label horizon in its bars), e.g. 1h,4h: symbols × horizons, one summary table")
    List<String> horizons = new ArrayList<>();

    @Option(names = "--promote-best", description = "with --horizons and --models-dir: per scope, promote the version "
            + "with the lowest validation loss")
    boolean promoteBest;

    @Option(names = "--generalization", description = "also run leave-one-symbol-out (one extra training per symbol)")
    boolean generalization;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "feature store: per-symbol shards reused while "
            + "bars and feature settings are unchanged (default: {models dir}/.feature-cache with --models-dir, "
            + "else none)")
    Path cacheDir;

    @Option(names = "--no-feature-cache", description = "compute every symbol's features, keep no shards")
    boolean noFeatureCache;

    @Option(names = "--threads", paramLabel = "N", description = "threads sharing each MLP mini-batch, 1..64 "
            + "(default: training.threads, whose default is all cores); same seed and threads give the same model")
    int threads;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        StrategyInput input = StrategyInput.file(strategyFile);
        ProgressListener progress = json ? ProgressListener.NONE : new EtaProgress(err);
        if (threads < 0 || threads > 64) {
            err.println("ktrdr: --threads " + threads + " is not in [1, 64]");
            return 2;
        }
        DataSource source = DataSource.of(data.open());
        Path cache = noFeatureCache ? null : cacheDir != null ? cacheDir
                : modelsDir != null ? modelsDir.resolve(".feature-cache") : null;
        Ktrdr ktrdr = (modelsDir == null ? Ktrdr.open(source) : Ktrdr.open(source, modelsDir)).withProgress(progress)
                .withFeatureCache(cache).withTrainingThreads(threads);
        // every problem of the file at once, before any data is read (the trainer loads it the same way)
        StrategyProblems.print(err, "ktrdr: ", strategyFile.toString(), ktrdr.strategy(input).warnings());
        if (!horizons.isEmpty()) {
            return batch(ktrdr, input, stdout);
        }
        if (promoteBest) {
            throw new ConfigurationException("--promote-best", "compares the versions of several horizons: give --horizons");
        }
        TrainOptions o = options(null, List.of());
        List<TrainingReport> reports = ktrdr.trainAll(input, o);
        List<Map<String, Object>> docs = new ArrayList<>();
        for (TrainingReport trained : reports) {
            TrainingReport r = trained;
            Map<String, Object> doc = r.toMap();
            // leave-one-symbol-out first, so that the stored metadata keeps it as the generalisation score
            StrategyTrainer.Generalization gen = generalization && !perSymbol ? ktrdr.generalization(input, o) : null;
            if (gen != null) {
                r = r.withGeneralization(gen);
            }
            Path saved = modelsDir == null ? null : ktrdr.store(r);
            if (saved != null) {
                doc.put("model_dir", saved.toString());
            }
            if (gen != null) {
                Map<String, Double> g = StrategyTrainer.generalizationSummary(gen);
                Map<String, Object> gd = new LinkedHashMap<>();
                g.forEach((k, v) -> gd.put(k, finite(v)));
                gd.put("generalization_verdict", gen.edge().verdict().label());
                gd.put("edge", gen.edge().toJson());
                doc.put("generalization", gd);
                if (!json) {
                    stdout.println("leave-one-symbol-out (each symbol tested by a model trained on the others):");
                    edgeTable(stdout, gen.edge());
                    r.labelCaveat().ifPresent(stdout::println);
                }
            }
            docs.add(doc);
            if (!json) {
                table(stdout, r);
                if (saved != null) {
                    stdout.println("saved model: " + saved);
                }
            }
        }
        if (json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            stdout.println(m.writeValueAsString(perSymbol ? Map.of("models", docs) : docs.get(0)));
        }
        stdout.flush();
        return 0;
    }

    /**
     * @param base the base timeframe of a {@code --horizons} run, or null
     * @param strategyTimeframes the strategy's timeframes: with a base, those of them (or of {@code --timeframes})
     *     that are the base or a whole multiple of it are used
     */
    private TrainOptions options(Timeframe base, List<Timeframe> strategyTimeframes) {
        TrainOptions.Builder options = TrainOptions.builder().perSymbol(perSymbol);
        for (String s : symbols) {
            options.symbols(s.trim());
        }
        List<Timeframe> tfs = new ArrayList<>();
        for (String t : timeframes) {
            tfs.add(Timeframe.parse(t.trim()));
        }
        if (base != null) {
            List<Timeframe> from = tfs.isEmpty() ? strategyTimeframes : List.copyOf(tfs);
            tfs.clear();
            for (Timeframe t : from) {
                if (t == base || t.isMultipleOf(base)) {
                    tfs.add(t);
                }
            }
            if (!tfs.contains(base)) {
                tfs.add(0, base);
            }
            options.baseTimeframe(base);
        }
        for (Timeframe t : tfs) {
            options.timeframes(t);
        }
        return options.build();
    }

    /** {@code --horizons}: one training (per symbol with {@code --per-symbol}) per base timeframe, one summary. */
    private Integer batch(Ktrdr ktrdr, StrategyInput input, PrintWriter stdout) throws IOException {
        if (promoteBest && modelsDir == null) {
            throw new ConfigurationException("--promote-best", "needs --models-dir (it promotes stored versions)");
        }
        if (generalization) {
            throw new ConfigurationException("--generalization", "is not run with --horizons");
        }
        List<Timeframe> bases = new ArrayList<>();
        for (String h : horizons) {
            Timeframe t = Timeframe.parse(h.trim());
            if (bases.contains(t)) {
                throw new ConfigurationException("--horizons", h.trim() + " is given twice");
            }
            bases.add(t);
        }
        List<TrainingReport> reports = new ArrayList<>();
        List<Path> saved = new ArrayList<>();
        for (Timeframe base : bases) {
            // symbols train in parallel inside trainAll; the horizons follow one another
            for (TrainingReport r : ktrdr.trainAll(input, options(base,
                    ktrdr.strategy(input).trainingData().timeframes().list()))) {
                reports.add(r);
                saved.add(modelsDir == null ? null : ktrdr.store(r));
            }
        }
        // per scope, the version with the lowest validation loss (NaN never wins)
        Map<String, Integer> best = new LinkedHashMap<>();
        for (int i = 0; i < reports.size(); i++) {
            double loss = validationLoss(reports.get(i));
            Integer b = best.get(reports.get(i).scope());
            if (Double.isFinite(loss) && (b == null || loss < validationLoss(reports.get(b)))) {
                best.put(reports.get(i).scope(), i);
            }
        }
        if (promoteBest) {
            for (int i : best.values()) {
                ktrdr.store().promote(reports.get(i).strategy(), saved.get(i).getFileName().toString());
            }
        }
        List<Map<String, Object>> docs = new ArrayList<>();
        if (!json) {
            stdout.printf(Locale.ROOT, "%-12s %-5s %8s %9s %10s %9s %9s %18s  %-24s %10s  %s%n", "scope", "base", "rows",
                    "accuracy", "baseline*", "momentum", "edge(pp)", "95% interval(pp)", "verdict", "val loss",
                    promoteBest ? "promoted" : "best");
        }
        for (int i = 0; i < reports.size(); i++) {
            TrainingReport r = reports.get(i);
            boolean isBest = best.get(r.scope()) != null && best.get(r.scope()) == i;
            Map<String, Object> doc = r.toMap();
            doc.put("horizon", r.baseTimeframe().label());
            doc.put("validation_loss", finite(validationLoss(r)));
            doc.put(promoteBest ? "promoted" : "best", isBest);
            if (saved.get(i) != null) {
                doc.put("model_dir", saved.get(i).toString());
            }
            docs.add(doc);
            if (!json) {
                Edge x = r.edge();
                BaselineFigures m = r.overall();
                String ci = Double.isNaN(x.low()) ? "-"
                        : String.format(Locale.ROOT, "[%+.2f, %+.2f]", 100 * x.low(), 100 * x.high());
                stdout.printf(Locale.ROOT, "%-12s %-5s %8d %8.2f%% %9.2f%% %8.2f%% %+9.2f %18s  %-24s %10.5f  %s%n", r.scope(),
                        r.baseTimeframe().label(), m.rows(), 100 * m.accuracy(), 100 * m.baselineAccuracy(),
                        100 * m.momentumAccuracy(), 100 * x.point(), ci, x.verdict().label(), validationLoss(r),
                        isBest ? "yes" : "");
            }
        }
        if (json) {
            ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            stdout.println(m.writeValueAsString(Map.of("models", docs)));
        } else {
            stdout.println("* baseline: each symbol's own majority class; momentum: 5-bar return sign; edge: accuracy minus "
                    + "the stronger (block bootstrap); val loss: validation loss of the kept epoch or boosting round");
            reports.stream().map(TrainingReport::labelCaveat).flatMap(java.util.Optional::stream).distinct()
                    .forEach(stdout::println);
            for (int i = 0; i < saved.size(); i++) {
                if (saved.get(i) != null) {
                    stdout.println("saved model: " + saved.get(i));
                }
            }
        }
        stdout.flush();
        return 0;
    }

    private static double validationLoss(TrainingReport r) {
        return r.artifacts().metadata().performance().getOrDefault("best_validation_loss", Double.NaN);
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static void table(PrintWriter o, TrainingReport r) {
        EdgeReport e = r.test();
        o.printf(Locale.ROOT, "%s: %d test rows from %s, best epoch %d of %d%n", r.strategy(), e.figures().rows(),
                r.split().testCut() == Long.MAX_VALUE ? "-" : r.testCut(), r.bestEpoch(), r.epochsRun());
        edgeTable(o, e);
        r.walkForward().ifPresent(w -> {
            int skipped = r.walkForwardFolds().getOrDefault("walk_forward_folds_skipped", 0.0).intValue();
            long scored = r.walkForwardFolds().keySet().stream().filter(k -> k.startsWith("walk_forward_accuracy."))
                    .count();
            o.println("walk-forward (" + (scored + skipped) + " folds, pooled test rows; " + skipped + " skipped):");
            edgeTable(o, w);
        });
        r.labelCaveat().ifPresent(o::println);
    }

    /**
     * The figures of an edge report: a row for all symbols and one per symbol with rows, accuracy, the per-symbol
     * baseline, the pooled majority (overall only), momentum, the edge over the stronger baseline in points with
     * its 95% interval, and the verdict.
     */
    static void edgeTable(PrintWriter o, EdgeReport e) {
        o.printf(Locale.ROOT, "%-12s %8s %9s %10s %9s %9s %9s %18s  %s%n", "", "rows", "accuracy", "baseline*", "pooled",
                "momentum", "edge(pp)", "95% interval(pp)", "verdict");
        row(o, "all", e.figures(), e.edge(), true);
        List<String> empty = new ArrayList<>();
        e.perSymbolFigures().forEach((s, m) -> {
            if (m.rows() == 0) {
                empty.add(s.value());
            } else {
                row(o, s.value(), m, e.perSymbolEdges().get(s), false);
            }
        });
        o.printf(Locale.ROOT, "* baseline: each symbol's own majority class, row-weighted; pooled: majority of all rows; "
                + "momentum: %s; edge: accuracy minus the stronger of baseline and momentum (block bootstrap, %d replicates)%n",
                "5-bar return sign", e.replicates());
        if (!empty.isEmpty()) {
            o.println("no rows here (their data end before the cut): " + String.join(", ", empty));
        }
    }

    private static void row(PrintWriter o, String name, BaselineFigures m, Edge x, boolean pooled) {
        String ci = Double.isNaN(x.low()) ? "-" : String.format(Locale.ROOT, "[%+.2f, %+.2f]", 100 * x.low(), 100 * x.high());
        o.printf(Locale.ROOT, "%-12s %8d %8.2f%% %9.2f%% %9s %8.2f%% %+9.2f %18s  %s%n", name, m.rows(), 100 * m.accuracy(),
                100 * m.baselineAccuracy(), pooled ? String.format(Locale.ROOT, "%.2f%%", 100 * m.pooledMajorityAccuracy()) : "",
                100 * m.momentumAccuracy(), 100 * x.point(), ci, x.verdict().label());
    }
}
