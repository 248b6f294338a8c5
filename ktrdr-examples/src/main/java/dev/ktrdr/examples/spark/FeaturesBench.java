package dev.ktrdr.examples.spark;

import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.split.ChronologicalSplitter;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The single-machine side of the README's Spark figures (the Spark side is {@code spark-submit ... features} on the
 * same folder, timed from outside):
 * <pre>
 * java -cp ktrdr-spark-job.jar:slf4j-api.jar:slf4j-nop.jar dev.ktrdr.examples.spark.FeaturesBench write DIR SYMBOLS BARS
 * java -cp ktrdr-spark-job.jar:slf4j-api.jar:slf4j-nop.jar dev.ktrdr.examples.spark.FeaturesBench single DIR S.yaml THREADS
 * </pre>
 * {@code write} makes a synthetic folder of SYMBOLS symbols × BARS 1h bars; {@code single} prepares every
 * symbol of the folder as the trainer does ({@link StrategyTrainer#prepare}, THREADS at a time) and splits them,
 * printing rows, wall time and time per row. Needs no Spark.
 */
public final class FeaturesBench {
    private FeaturesBench() {
    }

    /**
     * @param args see the class comment
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        if (args[0].equals("write")) {
            Files.createDirectories(dir);
            SyntheticMarket.Config c = SyntheticMarket.Config.of(SyntheticMarket.universe(Integer.parseInt(args[2])),
                    Timeframe.H1, Instant.parse("2020-01-01T00:00:00Z"), Integer.parseInt(args[3]), 7);
            SyntheticMarket.writeFolder(dir, c, SyntheticMarket.generate(c));
            System.out.println("wrote " + c.symbols().size() + " symbols x " + c.bars() + " bars to " + dir);
            return;
        }
        String yaml = Files.readString(Path.of(args[2]));
        int threads = Integer.parseInt(args[3]);
        long t0 = System.nanoTime();
        DataFolder folder = new DataFolder(dir);
        StrategyTrainer trainer = new StrategyTrainer();
        Strategy s = StrategyLoader.parse(yaml, args[2], trainer.catalog());
        List<Timeframe> tfs = s.trainingData().timeframes().list();
        Timeframe base = tfs.contains(s.trainingData().timeframes().base()) ? s.trainingData().timeframes().base()
                : tfs.stream().min(Enum::compareTo).orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<SymbolDataset>> futures = new ArrayList<>();
        for (Symbol sym : folder.symbols()) {
            futures.add(pool.submit(() -> trainer.prepare(s, new TrainingRequest(yaml, args[2], folder,
                    x -> folder.registry().info(x), List.of(sym), tfs), folder.registry().info(sym), tfs, base).dataset()));
        }
        List<SymbolDataset> ds = new ArrayList<>();
        long rows = 0;
        for (Future<SymbolDataset> f : futures) {
            ds.add(f.get());
            rows += ds.get(ds.size() - 1).rows();
        }
        pool.shutdown();
        var split = s.training().split();
        var plan = new ChronologicalSplitter(split.train(), split.validation(), split.test()).split(ds);
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("single machine: %d symbols, %d rows, %.1f s wall on %d threads, %.2f us per row (wall), "
                + "validation cut %s%n", ds.size(), rows, secs, threads, secs * 1e6 / rows,
                Instant.ofEpochMilli(plan.validationCut()));
    }
}
