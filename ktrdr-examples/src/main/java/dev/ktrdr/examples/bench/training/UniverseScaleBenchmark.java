package dev.ktrdr.examples.bench.training;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Labels;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.mlp.EpochListener;
import dev.ktrdr.training.mlp.MlpConfig;
import dev.ktrdr.training.mlp.MlpTrainer;
import dev.ktrdr.training.mlp.SymbolRows;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.sampling.internal.MultiSymbolSampler;
import dev.ktrdr.training.shard.FeatureShard;
import dev.ktrdr.training.shard.FeatureStore;
import dev.ktrdr.training.shard.ShardKey;
import dev.ktrdr.training.shard.ShardRows;
import dev.ktrdr.training.shard.StreamingSampler;
import dev.ktrdr.training.split.ChronologicalSplitter;
import dev.ktrdr.training.split.SplitPlan;
import dev.ktrdr.training.split.SymbolSplit;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The per-core figures on one synthetic equity universe (default 40 symbols × 20,000 1h bars, 1h/4h/1d,
 * the strategy of {@link UniversalTrainingBenchmark}), bars generated in memory so that file parsing is not
 * counted:
 * <ul>
 * <li>feature building on one thread, rows per second: today's in-memory path ({@link StrategyTrainer#prepare}
 *     without a store), the shard path cold (compute and write every shard) and warm (bars hashed, shards
 *     verified and mapped, no recomputation), for the strategy as it is ({@code lookback_periods: 1}, whose
 *     lagged columns a shard stores as shifted views of their base columns) and for the same strategy without
 *     lags (every column stored);</li>
 * <li>MLP training samples per second on 1 and 2 threads: today's in-memory path
 *     ({@link MlpTrainer#train} on the rows held in the heap) against the shard path
 *     ({@link MlpTrainer#trainStreaming}) with its default in-heap budget (rows that fit are copied from the
 *     shards once) and with budget 0 (every mini-batch gathered from the mapped shards), same rows, same sampler
 *     ({@code samples_per_epoch} rows an epoch), two epochs each after one warm-up epoch, in two passes over the
 *     paths (the second in reverse order), each path after a full collection; the best epoch counts.</li>
 * </ul>
 * <p>Each round also writes the cold round's shard sizes into new files from a direct buffer with nothing
 * computed, in 1 MB writes as the store does: the part of the cold path's cost that is the kernel's, whatever the
 * library does (on the 2-core Firecracker VM the figures were measured on, new page-cache memory costs up to ten
 * times what recycled memory does, and which of the two a round gets varies); a last row subtracts it from the
 * cold round, round by round, leaving the computation and the library's own work. The temporary stores are
 * deleted at the end.
 * <p>Run it with a fixed, pre-touched heap, so that neither path pays for the heap growing (on a VM that returns
 * freed memory to its host, new heap pages cost as much as new page-cache pages and made the in-memory rounds
 * vary by a factor of two):
 * {@code java -Xms3g -Xmx3g -XX:+AlwaysPreTouch -cp ktrdr-examples/target/ktrdr.jar
 * dev.ktrdr.examples.bench.training.UniverseScaleBenchmark [symbols] [bars] [samples_per_epoch]}
 */
public final class UniverseScaleBenchmark {
    private static final int ROUNDS = 5;

    private UniverseScaleBenchmark() {
    }

    /**
     * @param args symbols (40), bars (20000), samples per epoch (200000)
     * @throws Exception when a step fails
     */
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        int barCount = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.universe(n, Set.of(AssetClass.EQUITY));
        SyntheticUniverse universe = SyntheticUniverse.of(specs, barCount);
        Map<Symbol, SymbolInfo> infos = universe.infos();
        BarSource source = universe.source();
        List<Timeframe> tfs = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);
        String yaml = UniversalTrainingBenchmark.strategy(specs, "1h, 4h, 1d");
        Strategy strategy = StrategyLoader.parse(yaml, "bench.yaml");
        TrainingRequest request = new TrainingRequest(yaml, "bench.yaml", source, infos::get, List.of(), tfs);
        Path dir = Files.createTempDirectory("ktrdr-scale-bench");

        List<StrategyTrainer.Prepared> prepared = featureRounds(strategy, request, specs, infos, tfs, dir.resolve("lags"),
                "the strategy (lookback_periods: 1: 21 of its columns are lags, stored as shifted views)");
        String noLags = yaml.replace("lookback_periods: 1", "lookback_periods: 0");
        if (noLags.equals(yaml)) {
            throw new IllegalStateException("the benchmark strategy no longer sets lookback_periods: 1");
        }
        featureRounds(StrategyLoader.parse(noLags, "bench.yaml"), new TrainingRequest(noLags, "bench.yaml", source,
                infos::get, List.of(), tfs), specs, infos, tfs, dir.resolve("nolags"),
                "the same strategy with lookback_periods: 0 (no lagged columns, every column stored)");

        // training: the same rows in the heap and in shards
        List<SymbolDataset> datasets = new ArrayList<>();
        for (StrategyTrainer.Prepared p : prepared) {
            datasets.add(p.dataset());
        }
        SplitPlan split = new ChronologicalSplitter(0.7, 0.15, 0.15).split(datasets);
        FeatureStore store = new FeatureStore(dir.resolve("train"));
        List<SymbolRows> memTrain = new ArrayList<>();
        List<SymbolRows> memVal = new ArrayList<>();
        List<ShardRows> mapTrain = new ArrayList<>();
        List<ShardRows> mapVal = new ArrayList<>();
        for (SymbolDataset d : datasets) {
            byte[] cls = d.classes();
            long[] times = new long[d.rows()];
            for (int r = 0; r < times.length; r++) {
                times[r] = d.time(r);
            }
            FeatureShard shard = store.put(new ShardKey(d.symbol(), "bench", "0".repeat(64)), d.features(),
                    new Labels(d.symbol(), times, cls, d.horizon()), 0, List.of());
            SymbolSplit sp = split.of(d.symbol());
            memTrain.add(selected(shard, sp.train(), cls));
            memVal.add(selected(shard, sp.validation(), cls));
            mapTrain.add(new ShardRows(shard, sp.train(), pick(cls, sp.train())));
            mapVal.add(new ShardRows(shard, sp.validation(), pick(cls, sp.validation())));
        }
        prepared = null;
        datasets = null;
        System.out.printf(Locale.ROOT, "MLP training, %d samples per epoch, batch %d, hidden %s (best epoch of two "
                + "passes over the paths, the second in reverse order, each 2 epochs after a warm-up epoch and a full "
                + "collection):%n| path | threads | samples/s |%n", samples, strategy.training().batchSize(),
                strategy.model().architecture().hiddenLayers());
        for (int threads : new int[] {1, 2}) {
            MlpConfig config = strategy.mlpConfig().toBuilder().threads(threads).maxEpochs(3).patience(0).build();
            MlpTrainer trainer = new MlpTrainer(config);
            double[] best = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
            // two passes, the second in reverse order, each training after a full collection: no path runs
            // while the garbage of the one before it (or of the feature rounds) is still being collected
            for (int k = 0; k < 6; k++) {
                int path = k < 3 ? k : 5 - k;
                System.gc();
                double[] epochBest = {Double.POSITIVE_INFINITY};
                EpochListener listener = (es, view) -> {
                    if (es.epoch() > 0) {
                        epochBest[0] = Math.min(epochBest[0], es.seconds());
                    }
                };
                var sampler = StreamingSampler.bounded(MultiSymbolSampler.Strategy.BALANCED, 1, samples);
                if (path == 0) {
                    trainer.train(memTrain, memVal, sampler, null, ProgressListener.NONE, listener);
                } else {
                    // path 1: the default in-heap budget (rows copied from the shards once when they fit);
                    // path 2: budget 0, every mini-batch gathered from the mapped shards
                    trainer.withInHeapBudget(path == 1 ? MlpTrainer.AUTO_IN_HEAP_BUDGET : 0)
                            .trainStreaming(mapTrain, mapVal, sampler, null, ProgressListener.NONE, listener);
                }
                best[path] = Math.min(best[path], epochBest[0]);
            }
            int perEpoch = (samples + strategy.training().batchSize() - 1) / strategy.training().batchSize()
                    * strategy.training().batchSize();
            System.out.printf(Locale.ROOT, "| in memory (today) | %d | %.0f |%n| shards, rows within the in-heap budget "
                    + "(default) | %d | %.0f |%n| shards, streamed (budget 0) | %d | %.0f |%n", threads,
                    perEpoch / best[0], threads, perEpoch / best[1], threads, perEpoch / best[2]);
        }
        System.out.println("(epoch time includes the validation pass over every validation row)");
        dev.ktrdr.examples.bench.BenchFiles.deleteTree(dir);
    }

    /**
     * Feature building on one thread, symbol after symbol, after a JIT warm-up on three symbols: five rounds,
     * the paths taking turns, each cold round into a fresh store; prints the table.
     *
     * @return the in-memory path's prepared symbols of the last round
     */
    private static List<StrategyTrainer.Prepared> featureRounds(Strategy strategy, TrainingRequest request,
            List<SyntheticMarket.SymbolSpec> specs, Map<Symbol, SymbolInfo> infos, List<Timeframe> tfs, Path dir,
            String what) throws IOException {
        StrategyTrainer plain = new StrategyTrainer();
        for (int i = 0; i < Math.min(3, specs.size()); i++) {
            plain.prepare(strategy, request, infos.get(specs.get(i).symbol()), tfs, Timeframe.H1);
        }
        long rows = 0;
        List<StrategyTrainer.Prepared> prepared = new ArrayList<>();
        double[][] secs = new double[5][ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            StrategyTrainer stored = plain.withFeatureStore(new FeatureStore(dir.resolve("round" + round)));
            List<StrategyTrainer.Prepared> kept = new ArrayList<>();
            rows = 0;
            long t0 = System.nanoTime();
            for (SyntheticMarket.SymbolSpec s : specs) {
                StrategyTrainer.Prepared p = plain.prepare(strategy, request, infos.get(s.symbol()), tfs, Timeframe.H1);
                rows += p.dataset().rows();
                kept.add(p);
            }
            secs[0][round] = (System.nanoTime() - t0) / 1e9;
            prepared = kept;
            t0 = System.nanoTime();
            for (SyntheticMarket.SymbolSpec s : specs) {
                stored.prepare(strategy, request, infos.get(s.symbol()), tfs, Timeframe.H1);
            }
            secs[1][round] = (System.nanoTime() - t0) / 1e9;
            t0 = System.nanoTime();
            for (SyntheticMarket.SymbolSpec s : specs) {
                stored.prepare(strategy, request, infos.get(s.symbol()), tfs, Timeframe.H1);
            }
            secs[2][round] = (System.nanoTime() - t0) / 1e9;
            secs[3][round] = rawWrite(dir.resolve("round" + round), dir.resolve("raw" + round));
            secs[4][round] = secs[1][round] - secs[3][round];
        }
        System.out.printf(Locale.ROOT, "feature building, 1 thread, %s, %d symbols (%d rows x %d columns), median of %d "
                + "rounds:%n", what, specs.size(), rows, prepared.get(0).dataset().features().columns(), ROUNDS);
        String[] names = {"in memory (today)", "shards, cold (compute + write)", "shards, warm (hash bars, verify, map)",
            "reference: the cold round's shard bytes written into new files, nothing computed",
            "shards, cold, less the reference (compute and the library's own work)"};
        System.out.printf(Locale.ROOT, "| path | seconds (rounds) | rows/s per core (median) |%n");
        for (int path = 0; path < names.length; path++) {
            double[] sorted = secs[path].clone();
            Arrays.sort(sorted);
            StringBuilder each = new StringBuilder();
            for (double v : secs[path]) {
                each.append(each.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", v));
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %.0f |%n", names[path], each, rows / sorted[ROUNDS / 2]);
        }
        System.out.println();
        return prepared;
    }

    /**
     * The environment's cost of the cold path's output alone: as many new files of the same sizes as the
     * round's shards, written from one direct buffer in writes of at most 1 MB (no computation, no copy in the
     * heap, not forced).
     *
     * @return seconds
     */
    private static double rawWrite(Path shards, Path into) throws IOException {
        List<Long> sizes = new ArrayList<>();
        try (Stream<Path> s = Files.list(shards)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                sizes.add(Files.size(p));
            }
        }
        Files.createDirectories(into);
        ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
        long t0 = System.nanoTime();
        for (int i = 0; i < sizes.size(); i++) {
            try (FileChannel ch = FileChannel.open(into.resolve("raw" + i), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                // in writes of at most 1 MB, as the feature store writes a shard
                for (long left = sizes.get(i); left > 0; left -= 1 << 20) {
                    buf.clear().limit((int) Math.min(1 << 20, left));
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static SymbolRows selected(FeatureShard shard, int[] sel, byte[] cls) {
        byte[] y = new byte[shard.rows()];
        Arrays.fill(y, Label.NONE);
        for (int r : sel) {
            y[r] = cls[r];
        }
        return new SymbolRows(shard.features(), y);
    }

    private static byte[] pick(byte[] cls, int[] sel) {
        byte[] out = new byte[sel.length];
        for (int k = 0; k < sel.length; k++) {
            out[k] = cls[sel[k]];
        }
        return out;
    }
}
