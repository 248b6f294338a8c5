package dev.ktrdr.examples.bench.training;

import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelCodec;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.api.internal.ModelCodecs;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.training.features.StackedRows;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.strategy.StrategyYaml;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * GBDT against the MLP on the same features: one strategy file trained twice through {@link StrategyTrainer#run}
 * (same feature rows, split, sampler and class weights), once as written ({@code model.type: mlp}) and once with
 * its model section replaced by {@code type: gbdt} (index symbol encoding, unknown-symbol dropout 0.1, the default
 * {@code model.gbdt} parameters). Prints per model: test accuracy, the per-symbol majority and momentum baselines,
 * the edge over the stronger with its 95% block-bootstrap interval and verdict ({@link
 * dev.ktrdr.training.eval.EdgeReport#line()}), the whole run's wall time, the encoded model size and the mean
 * {@link TradingModel#predict(double[], Symbol, double[])} latency per row over the test rows (after one warm-up
 * pass). Run with the universal strategy and real data:
 * {@code java -cp ktrdr-examples/target/ktrdr.jar dev.ktrdr.examples.bench.training.GbdtVsMlpBenchmark
 * /path/universal_multi.yaml /path/market [mlp|gbdt|both]}
 */
public final class GbdtVsMlpBenchmark {
    private GbdtVsMlpBenchmark() {
    }

    /**
     * @param args strategy file, data folder, and optionally {@code mlp}, {@code gbdt} or {@code both} (default)
     */
    public static void main(String[] args) {
        Path strategy = Path.of(args[0]);
        DataFolder data = new DataFolder(Path.of(args[1]));
        String which = args.length > 2 ? args[2] : "both";
        String yaml = StrategyYaml.readText(strategy);
        String trees = treesOf(yaml);
        System.out.println("| model | test rows | accuracy | edge over baselines (95% interval) | run s | model bytes | predict µs/row |");
        System.out.println("|---|---|---|---|---|---|---|");
        if (!which.equals("gbdt")) {
            row("mlp", yaml, strategy, data);
        }
        if (!which.equals("mlp")) {
            row("gbdt", trees, strategy, data);
        }
    }

    /** The strategy with its {@code model:} section's type and architecture replaced by the trees'. */
    static String treesOf(String yaml) {
        StringBuilder out = new StringBuilder();
        boolean inModel = false;
        for (String line : yaml.split("\n", -1)) {
            if (line.startsWith("model:")) {
                inModel = true;
                out.append("model:\n  type: gbdt\n  symbol_encoding: {type: index, unknown_symbol_dropout: 0.1}\n");
                continue;
            }
            if (inModel && (line.startsWith("  type:") || line.startsWith("  architecture:")
                    || line.startsWith("  symbol_encoding:"))) {
                continue;
            }
            if (inModel && !line.startsWith(" ") && !line.isBlank()) {
                inModel = false;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }

    private static void row(String name, String yaml, Path source, DataFolder data) {
        long t0 = System.nanoTime();
        StrategyTrainer.Run run = new StrategyTrainer().run(new TrainingRequest(yaml, source.toString(), data,
                s -> data.registry().info(s), List.of(), List.of()), ProgressListener.NONE);
        double seconds = (System.nanoTime() - t0) / 1e9;
        TradingModel model = run.result().artifacts().model();
        ModelCodec codec = ModelCodecs.forModel(model);
        int bytes = codec.encode(model).length;
        List<SymbolDataset> sets = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        for (StrategyTrainer.Prepared p : run.prepared()) {
            sets.add(p.dataset());
            test.add(run.split().of(p.dataset().symbol()).test());
        }
        StackedRows rows = StackedRows.of(sets, test);
        double[] row = new double[rows.columns()];
        double[] p = new double[Label.COUNT];
        double sink = 0;
        long elapsed = 0;
        for (int pass = 0; pass < 2; pass++) {
            long s0 = System.nanoTime();
            for (int r = 0; r < rows.rows(); r++) {
                rows.copyRow(r, row, 0);
                model.predict(row, rows.symbols().get(rows.symbolIndex()[r]), p);
                sink += p[0];
            }
            elapsed = System.nanoTime() - s0;
        }
        System.out.printf(Locale.ROOT, "| %s | %d | %.4f | %s | %.1f | %d | %.2f |%n", name, rows.rows(),
                run.test().overall().accuracy(), run.testEdge().line(), seconds, bytes,
                elapsed / 1e3 / Math.max(1, rows.rows()));
        if (Double.isNaN(sink)) {
            System.out.println("NaN probabilities");
        }
    }
}
