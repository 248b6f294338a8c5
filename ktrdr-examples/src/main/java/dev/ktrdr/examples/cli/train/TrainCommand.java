package dev.ktrdr.examples.cli.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.examples.cli.data.DataSourceOptions;
import dev.ktrdr.examples.cli.strategy.StrategyProblems;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.training.eval.ClassificationMetrics;
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
 * [--per-symbol]}: trains the strategy's model and prints a summary (overall and per symbol, each beside
 * its majority-class baseline and the momentum baseline), or the same as one JSON document. With
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
        ListedBars folder = data.open();
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
                            + selection.assetClasses() + " in " + folder.description());
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
                Map<String, Double> g = StrategyTrainer.generalizationSummary(trainer.leaveOneSymbolOut(
                        new TrainingRequest(yaml, strategyFile.toString(), folder, s -> folder.registry().info(s), run, tfs),
                        progress));
                Map<String, Object> gd = new LinkedHashMap<>();
                g.forEach((k, v) -> gd.put(k, finite(v)));
                doc.put("generalization", gd);
                if (!json) {
                    stdout.printf(Locale.ROOT, "leave-one-symbol-out: %.2f%% (held-out symbols' own baselines %.2f%%)%n",
                            100 * g.get("generalization_accuracy"), 100 * g.get("generalization_baseline_accuracy"));
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
        ClassificationMetrics t = r.test().overall();
        d.put("test_rows", t.count());
        d.put("test_accuracy", finite(t.accuracy()));
        d.put("baseline_accuracy", finite(t.baseline()));
        d.put("momentum_accuracy", finite(r.momentumTest().accuracy()));
        d.put("validation_accuracy", finite(r.validation().overall().accuracy()));
        d.put("best_epoch", r.training().bestEpoch());
        d.put("epochs_run", r.training().history().size());
        Map<String, Object> per = new LinkedHashMap<>();
        r.test().perSymbol().forEach((s, m) -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("test_rows", m.count());
            x.put("test_accuracy", finite(m.accuracy()));
            x.put("baseline_accuracy", finite(m.baseline()));
            per.put(s.value(), x);
        });
        d.put("per_symbol", per);
        return d;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static void table(PrintWriter o, StrategyTrainer.Run r) {
        ClassificationMetrics t = r.test().overall();
        o.printf(Locale.ROOT, "%s: %d test rows from %s, best epoch %d of %d%n", r.strategy().name(), t.count(),
                r.split().testCut() == Long.MAX_VALUE ? "-" : java.time.Instant.ofEpochMilli(r.split().testCut()),
                r.training().bestEpoch(), r.training().history().size());
        o.printf(Locale.ROOT, "%-12s %8s %10s %10s %9s%n", "", "rows", "accuracy", "baseline", "edge(pp)");
        row(o, "overall", t);
        List<String> empty = new ArrayList<>();
        r.test().perSymbol().forEach((s, m) -> {
            if (m.count() == 0) {
                empty.add(s.value());
            } else {
                row(o, s.value(), m);
            }
        });
        o.printf(Locale.ROOT, "momentum baseline (5 bars) on the same rows: %.2f%%%n", 100 * r.momentumTest().accuracy());
        if (!empty.isEmpty()) {
            o.println("no test rows (their data ends before the shared test cut): " + String.join(", ", empty));
        }
    }

    private static void row(PrintWriter o, String name, ClassificationMetrics m) {
        o.printf(Locale.ROOT, "%-12s %8d %9.2f%% %9.2f%% %+9.2f%n", name, m.count(), 100 * m.accuracy(),
                100 * m.baseline(), m.edgeOverBaselinePoints());
    }
}
