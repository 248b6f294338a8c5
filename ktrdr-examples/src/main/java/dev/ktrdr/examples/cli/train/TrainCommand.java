package dev.ktrdr.examples.cli.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.examples.cli.strategy.StrategyProblems;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.training.eval.BaselineFigures;
import dev.ktrdr.training.eval.Edge;
import dev.ktrdr.training.eval.EdgeReport;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.strategy.StrategyLoader;
import dev.ktrdr.training.strategy.StrategyYaml;
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
 * [--per-symbol]}: trains the strategy's model and prints a summary (overall and per symbol: accuracy beside
 * the per-symbol majority baseline and the momentum baseline, the edge over the stronger of them with its 95%
 * block-bootstrap interval and verdict), or the same as one JSON document. Before training, the split plan
 * (rows per symbol per part, purged rows) goes to stderr with the progress. With
 * {@code --models-dir} each model is saved as a new version through {@link FileModelStore} (scope from the
 * strategy, or the symbol with {@code --per-symbol}) and the version directory is printed.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a strategy's model on a data folder and report test accuracy beside its baselines.")
public final class TrainCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STRATEGY", description = "strategy YAML file (either layout)")
    Path strategyFile;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "folder of {SYMBOL}_{tf}.csv[.gz] files")
    Path dataDir;

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

    @Option(names = "--generalization", description = "also run leave-one-symbol-out (one extra training per symbol)")
    boolean generalization;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String yaml = StrategyYaml.readText(strategyFile);
        // every problem of the file at once, before any data is read (the trainer loads it the same way)
        StrategyProblems.print(err, "ktrdr: ", strategyFile.toString(),
                StrategyLoader.parse(yaml, strategyFile.toString()).warnings());
        DataFolder folder = new DataFolder(dataDir);
        List<Symbol> syms = new ArrayList<>();
        for (String s : symbols) {
            syms.add(Symbol.of(s.trim()));
        }
        List<Timeframe> tfs = new ArrayList<>();
        for (String t : timeframes) {
            tfs.add(Timeframe.parse(t.trim()));
        }
        if (syms.isEmpty()) {
            var selection = dev.ktrdr.training.strategy.StrategyLoader.parse(yaml, strategyFile.toString())
                    .trainingData().symbols();
            if (selection.list().isEmpty()) {
                // selection by asset class: every symbol of the folder in those classes
                syms.addAll(selection.resolve(folder.symbols().stream().map(s -> folder.registry().info(s)).toList()));
                if (syms.isEmpty()) {
                    throw new ConfigurationException("training_data.symbols.asset_classes", "no symbol of "
                            + selection.assetClasses() + " in " + dataDir);
                }
            }
        }
        ProgressListener progress = json ? ProgressListener.NONE : e -> {
            synchronized (err) {
                err.println("[" + e.stage() + " " + e.done() + (e.total() > 0 ? "/" + e.total() : "") + "] " + e.message());
                err.flush();
            }
        };
        StrategyTrainer trainer = new StrategyTrainer();
        FileModelStore store = modelsDir == null ? null : new FileModelStore(modelsDir);
        List<List<Symbol>> runs = new ArrayList<>();
        if (perSymbol) {
            List<Symbol> all = syms.isEmpty()
                    ? dev.ktrdr.training.strategy.StrategyLoader.parse(yaml, strategyFile.toString()).trainingData().symbols().list()
                    : syms;
            if (all.isEmpty()) {
                throw new ConfigurationException("--symbols", "--per-symbol needs the symbols to train on");
            }
            for (Symbol s : all) {
                runs.add(List.of(s));
            }
        } else {
            runs.add(syms);
        }
        List<StrategyTrainer.Run> results = trainAll(runs, run -> trainer.run(new TrainingRequest(yaml,
                strategyFile.toString(), folder, s -> folder.registry().info(s), run, tfs), progress, perSymbol));
        List<Map<String, Object>> docs = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            List<Symbol> run = runs.get(i);
            StrategyTrainer.Run r = results.get(i);
            Map<String, Object> doc = document(r);
            Path saved = store == null ? null : store.save(r.result().artifacts());
            if (saved != null) {
                doc.put("model_dir", saved.toString());
            }
            if (generalization && !perSymbol) {
                StrategyTrainer.Generalization gen = trainer.generalization(
                        new TrainingRequest(yaml, strategyFile.toString(), folder, s -> folder.registry().info(s), run, tfs),
                        progress);
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
     * Trains every run: one after the other for a single run, in parallel on up to two threads for
     * {@code --per-symbol} (the runs are independent and each is deterministic by its seed, so the
     * models are the same as when trained one by one). Results keep the order of the runs.
     */
    private static List<StrategyTrainer.Run> trainAll(List<List<Symbol>> runs,
                                                      java.util.function.Function<List<Symbol>, StrategyTrainer.Run> train) {
        if (runs.size() == 1) {
            return List.of(train.apply(runs.get(0)));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(
                Math.min(runs.size(), Math.max(1, Runtime.getRuntime().availableProcessors())));
        try {
            List<java.util.concurrent.Future<StrategyTrainer.Run>> futures = new ArrayList<>();
            for (List<Symbol> run : runs) {
                futures.add(pool.submit(() -> train.apply(run)));
            }
            List<StrategyTrainer.Run> out = new ArrayList<>();
            for (java.util.concurrent.Future<StrategyTrainer.Run> f : futures) {
                try {
                    out.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while training", e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<String, Object> document(StrategyTrainer.Run r) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("strategy", r.strategy().name());
        EdgeReport e = r.testEdge();
        BaselineFigures t = e.figures();
        d.put("test_rows", t.rows());
        d.put("test_accuracy", finite(t.accuracy()));
        d.put("baseline_accuracy", finite(t.baselineAccuracy()));
        d.put("pooled_majority_accuracy", finite(t.pooledMajorityAccuracy()));
        d.put("momentum_accuracy", finite(t.momentumAccuracy()));
        d.put("edge", finite(e.edge().point()));
        d.put("edge_ci_low", finite(e.edge().low()));
        d.put("edge_ci_high", finite(e.edge().high()));
        d.put("edge_against", e.edge().against().label());
        d.put("verdict", e.verdict().label());
        r.labelCaveat().ifPresent(c -> d.put("label_caveat", c));
        d.put("validation_accuracy", finite(r.validation().overall().accuracy()));
        d.put("best_epoch", r.training().bestEpoch());
        d.put("epochs_run", r.training().history().size());
        d.put("training_symbols", r.split().trainingSymbols().stream().map(Symbol::value).toList());
        Map<String, Object> per = new LinkedHashMap<>();
        e.perSymbolFigures().forEach((s, m) -> {
            Edge x = e.perSymbolEdges().get(s);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("test_rows", m.rows());
            o.put("test_accuracy", finite(m.accuracy()));
            o.put("baseline_accuracy", finite(m.baselineAccuracy()));
            o.put("momentum_accuracy", finite(m.momentumAccuracy()));
            o.put("edge", finite(x.point()));
            o.put("edge_ci_low", finite(x.low()));
            o.put("edge_ci_high", finite(x.high()));
            o.put("verdict", x.verdict().label());
            per.put(s.value(), o);
        });
        d.put("per_symbol", per);
        r.walkForwardEdge().ifPresent(w -> {
            Map<String, Object> o = new LinkedHashMap<>(EdgeReport.json(w.figures(), w.edge()));
            Map<String, Object> folds = new LinkedHashMap<>();
            r.result().summary().forEach((k, v) -> {
                if (k.startsWith("walk_forward_") && k.matches(".*\\.\\d+$")) {
                    folds.put(k, finite(v));
                }
            });
            o.put("folds", folds);
            o.put("folds_skipped", r.result().summary().get("walk_forward_folds_skipped"));
            d.put("walk_forward", o);
        });
        d.put("split_plan", r.split().toJson());
        return d;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static void table(PrintWriter o, StrategyTrainer.Run r) {
        EdgeReport e = r.testEdge();
        o.printf(Locale.ROOT, "%s: %d test rows from %s, best epoch %d of %d%n", r.strategy().name(), e.figures().rows(),
                r.split().testCut() == Long.MAX_VALUE ? "-" : java.time.Instant.ofEpochMilli(r.split().testCut()),
                r.training().bestEpoch(), r.training().history().size());
        edgeTable(o, e);
        r.walkForwardEdge().ifPresent(w -> {
            o.println("walk-forward (" + r.strategy().training().walkForward().folds() + " folds, pooled test rows; "
                    + r.result().summary().get("walk_forward_folds_skipped").intValue() + " skipped):");
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
