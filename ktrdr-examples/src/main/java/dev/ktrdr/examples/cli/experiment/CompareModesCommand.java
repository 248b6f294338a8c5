package dev.ktrdr.examples.cli.experiment;

import dev.ktrdr.api.io.AtomicFiles;
import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import dev.ktrdr.training.strategy.StrategyYaml;
import dev.ktrdr.training.walkforward.ModeComparison;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ktrdr experiment compare-modes S.yaml --data-dir DIR [--symbols A,B] [--windows N]
 * [--holdout SYM,...] [--capital C] [--commission R] [--slippage BPS] [--out DIR]}: the walk-forward
 * comparison of one model per symbol, a universal model and a universal model with symbol embedding
 * ({@link ModeComparison}); prints the Markdown table, and with {@code --out} writes
 * {@code compare_modes.csv} and {@code compare_modes.md}.
 */
@Command(name = "compare-modes", mixinStandardHelpOptions = true,
        description = "Walk-forward comparison of per-symbol, universal and universal+embedding models, per symbol.")
public final class CompareModesCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STRATEGY", description = "strategy YAML file (either layout)")
    Path strategyFile;

    @Option(names = "--data-dir", required = true, paramLabel = "DIR", description = "folder of {SYMBOL}_{tf}.csv[.gz] files")
    Path dataDir;

    @Option(names = "--symbols", split = ",", paramLabel = "A,B", description = "training symbols instead of the strategy's")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--windows", defaultValue = "3", description = "walk-forward windows, in [1, 50] (default: ${DEFAULT-VALUE})")
    int windows;

    @Option(names = "--holdout", split = ",", paramLabel = "SYM", description = "symbols kept out of training, evaluated only")
    List<String> holdout = new ArrayList<>();

    @Option(names = "--capital", defaultValue = "100000", description = "initial capital (default: ${DEFAULT-VALUE})")
    double capital;

    @Option(names = "--commission", defaultValue = "0.001", description = "commission rate, in [0, 1) (default: ${DEFAULT-VALUE})")
    double commission;

    @Option(names = "--slippage", defaultValue = "0", paramLabel = "BPS", description = "slippage in bps (default: ${DEFAULT-VALUE})")
    double slippage;

    @Option(names = "--embedding-dim", defaultValue = "4",
            description = "embedding width when the strategy has no embedding, in [1, 64] (default: ${DEFAULT-VALUE})")
    int embeddingDim;

    @Option(names = "--out", paramLabel = "DIR", description = "write compare_modes.csv and compare_modes.md here")
    Path out;

    @Override
    public Integer call() {
        String yaml = StrategyYaml.readText(strategyFile);
        Strategy strategy = StrategyLoader.parse(yaml, strategyFile.toString());
        DataFolder folder = new DataFolder(dataDir);
        List<Symbol> training = new ArrayList<>();
        for (String s : symbols) {
            training.add(Symbol.of(s.trim()));
        }
        if (training.isEmpty()) {
            training.addAll(strategy.trainingData().symbols().list());
        }
        if (training.isEmpty()) {
            training.addAll(strategy.trainingData().symbols().resolve(
                    folder.symbols().stream().map(s -> folder.registry().info(s)).toList()));
        }
        List<Symbol> held = new ArrayList<>();
        for (String s : holdout) {
            held.add(Symbol.of(s.trim()));
        }
        training.removeAll(held);
        if (training.isEmpty()) {
            throw new ConfigurationException("--symbols", "no training symbol left after removing the held-out ones");
        }
        Backtester.Execution execution = new Backtester.Execution(capital, commission, 0, slippage,
                Backtester.Sizing.FRACTION_OF_EQUITY, 1.0);
        TrainingRequest data = new TrainingRequest(yaml, strategyFile.toString(), folder, s -> folder.registry().info(s),
                training, List.of());
        PrintWriter err = spec.commandLine().getErr();
        ProgressListener progress = e -> {
            err.println("[" + e.stage() + " " + e.done() + "/" + e.total() + "] " + e.message());
            err.flush();
        };
        List<ModeComparison.Row> rows = new ModeComparison().run(new ModeComparison.Settings(yaml, strategyFile.toString(),
                data, training, held, windows, execution, embeddingDim), progress);
        String md = ModeComparison.toMarkdown(rows);
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println(strategy.name() + ": " + windows + " rolling walk-forward windows, training " + training
                + (held.isEmpty() ? "" : ", held out " + held) + "; out-of-sample figures");
        stdout.print(md);
        if (out != null) {
            try {
                Files.createDirectories(out);
                AtomicFiles.writeString(out.resolve("compare_modes.csv"), ModeComparison.toCsv(rows));
                AtomicFiles.writeString(out.resolve("compare_modes.md"), md);
            } catch (IOException e) {
                throw new DataException("cannot write the table into " + out + ": " + e.getMessage(), e);
            }
            stdout.println("wrote " + out.resolve("compare_modes.csv") + " and " + out.resolve("compare_modes.md"));
        }
        stdout.flush();
        return 0;
    }
}
