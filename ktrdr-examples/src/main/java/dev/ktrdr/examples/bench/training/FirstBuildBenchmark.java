package dev.ktrdr.examples.bench.training;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.examples.bench.BenchFiles;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.shard.FeatureStore;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Feature building on one thread as a single first run does it: one path per process, in a JVM with the default
 * (not pre-touched) heap, so that each path pays for the memory it touches first, the in-memory path for the
 * heap that holds its matrices, the shard path for the page cache its new files take. The universe and strategy
 * are {@link UniverseScaleBenchmark}'s (bars generated in memory, 1h/4h/1d, {@code lookback_periods} 1 or 0).
 * Both paths' code is warmed up on three symbols in every process (the shards of the warm-up are deleted), then
 * the chosen path prepares every symbol once and the program prints one line with its rows per second.
 *
 * <p>{@link UniverseScaleBenchmark} measures the same paths in one JVM on a pre-touched heap, where the
 * in-memory path reuses heap memory round after round while new shard files always need new page-cache memory;
 * this program measures them the way a user's first run meets them. Alternate the paths in a loop, e.g.
 * {@code for i in 1 2 3 4 5; do for p in memory shards; do java -Xmx3g -cp ktrdr-examples/target/ktrdr.jar
 * dev.ktrdr.examples.bench.training.FirstBuildBenchmark $p 40 20000 1; done; done}
 */
public final class FirstBuildBenchmark {
    private FirstBuildBenchmark() {
    }

    /**
     * @param args path ({@code memory} or {@code shards}), symbols (40), bars (20000), lookback periods (1 or 0)
     * @throws Exception when a step fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || !List.of("memory", "shards").contains(args[0])) {
            System.err.println("usage: FirstBuildBenchmark memory|shards [symbols] [bars] [lookback periods 0|1]");
            System.exit(2);
        }
        boolean shards = args[0].equals("shards");
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int barCount = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        int lookback = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.universe(n, Set.of(AssetClass.EQUITY));
        SyntheticUniverse universe = SyntheticUniverse.of(specs, barCount);
        Map<Symbol, SymbolInfo> infos = universe.infos();
        List<Timeframe> tfs = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);
        String yaml = UniversalTrainingBenchmark.strategy(specs, "1h, 4h, 1d");
        if (!yaml.contains("lookback_periods: 1")) {
            throw new IllegalStateException("the benchmark strategy no longer sets lookback_periods: 1");
        }
        yaml = yaml.replace("lookback_periods: 1", "lookback_periods: " + lookback);
        Strategy strategy = StrategyLoader.parse(yaml, "bench.yaml");
        TrainingRequest request = new TrainingRequest(yaml, "bench.yaml", universe.source(), infos::get, List.of(), tfs);
        Path dir = Files.createTempDirectory("ktrdr-first-build");
        try {
            StrategyTrainer plain = new StrategyTrainer();
            StrategyTrainer warm = plain.withFeatureStore(new FeatureStore(dir.resolve("warm-up")));
            for (int i = 0; i < Math.min(3, specs.size()); i++) {
                SymbolInfo info = infos.get(specs.get(i).symbol());
                plain.prepare(strategy, request, info, tfs, Timeframe.H1);
                warm.prepare(strategy, request, info, tfs, Timeframe.H1);
            }
            BenchFiles.deleteTree(dir.resolve("warm-up"));
            StrategyTrainer measured = shards ? plain.withFeatureStore(new FeatureStore(dir.resolve("cold"))) : plain;
            List<StrategyTrainer.Prepared> kept = new ArrayList<>();
            long rows = 0;
            long t0 = System.nanoTime();
            for (SyntheticMarket.SymbolSpec s : specs) {
                StrategyTrainer.Prepared p = measured.prepare(strategy, request, infos.get(s.symbol()), tfs, Timeframe.H1);
                rows += p.dataset().rows();
                kept.add(p);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "%s, lookback_periods %d: %d symbols, %d rows in %.2f s, %.0f rows/s%n",
                    shards ? "shards, cold" : "in memory", lookback, kept.size(), rows, secs, rows / secs);
        } finally {
            BenchFiles.deleteTree(dir);
        }
    }
}
