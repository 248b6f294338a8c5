package dev.ktrdr.training.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.SymbolRegistry;
import dev.ktrdr.training.TestBars;
import dev.ktrdr.training.mlp.MlpModel;
import dev.ktrdr.training.shard.FeatureShard;
import dev.ktrdr.training.shard.FeatureStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole training run with the feature store: shards written once, reused, rebuilt when damaged or changed. */
class FeatureStoreTrainingTest {
    @TempDir
    Path dir;

    static final String LABELS = "{source: zigzag, zigzag_threshold: 0.01, label_lookahead: 48}";

    StrategyTrainer.Run run(StrategyTrainer trainer, String yaml) {
        return trainer.run(new TrainingRequest(yaml, "canary.yaml", StrategyTrainerTest.randomWalks(7, 1500),
                StrategyTrainerTest::crypto, List.of(), List.of()), ProgressListener.NONE);
    }

    static String yaml(String extraTraining) {
        return StrategyTrainerTest.STRATEGY.replace("LABELS", LABELS).replace("SEED", "7") + extraTraining;
    }

    List<Path> shards() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(FeatureShard.EXTENSION)).sorted().toList();
        }
    }

    @Test
    void shardsAreReusedRebuiltWhenDamagedAndGiveTheSameModel() throws IOException {
        StrategyTrainer trainer = new StrategyTrainer().withFeatureStore(new FeatureStore(dir)).withTrainingThreads(1);
        String y = yaml("  threads: 1\n");
        StrategyTrainer.Run first = run(trainer, y);
        List<Path> files = shards();
        assertThat(files).hasSize(4);
        FileTime stamp = FileTime.fromMillis(1_000_000L);
        for (Path f : files) {
            Files.setLastModifiedTime(f, stamp);
        }
        StrategyTrainer.Run second = run(trainer, y);
        for (Path f : files) {
            // reused, not rewritten
            assertThat(Files.getLastModifiedTime(f)).isEqualTo(stamp);
        }
        float[] weights = ((MlpModel) first.result().artifacts().model()).parameters();
        assertThat(((MlpModel) second.result().artifacts().model()).parameters()).isEqualTo(weights);
        assertThat(withoutTimes(second.result().summary())).isEqualTo(withoutTimes(first.result().summary()));

        // a flipped byte: detected, rebuilt, and the run is the same
        byte[] b = Files.readAllBytes(files.get(1));
        b[b.length / 3] ^= 0x10;
        Files.write(files.get(1), b);
        StrategyTrainer.Run third = run(trainer, y);
        assertThat(FeatureShard.open(files.get(1)).rows()).isPositive();
        assertThat(Files.getLastModifiedTime(files.get(1))).isNotEqualTo(stamp);
        assertThat(Files.getLastModifiedTime(files.get(0))).isEqualTo(stamp);
        assertThat(((MlpModel) third.result().artifacts().model()).parameters()).isEqualTo(weights);

        // another feature setting: new shards beside the old ones
        run(trainer, y.replace("rsi_14: {type: rsi, period: 14}", "rsi_14: {type: rsi, period: 10}"));
        assertThat(shards()).hasSize(8);
        // a training-only setting (epochs) reuses them
        run(trainer, y.replace("epochs: 12", "epochs: 3"));
        assertThat(shards()).hasSize(8);
    }

    /** A data folder that counts what it is asked to load. */
    static final class CountingFolder implements BarSource {
        final DataFolder folder;
        final java.util.concurrent.ConcurrentHashMap<String, Integer> loads = new java.util.concurrent.ConcurrentHashMap<>();

        CountingFolder(Path dir) {
            this.folder = new DataFolder(dir);
        }

        @Override
        public BarSeries load(Symbol symbol, Timeframe timeframe) {
            loads.merge(symbol.value(), 1, Integer::sum);
            return folder.load(symbol, timeframe);
        }

        @Override
        public Optional<String> fingerprint(Symbol symbol) {
            return folder.fingerprint(symbol);
        }
    }

    StrategyTrainer.Run run(StrategyTrainer trainer, String yaml, BarSource data) {
        return trainer.run(new TrainingRequest(yaml, "canary.yaml", data, StrategyTrainerTest::crypto, List.of(),
                List.of()), ProgressListener.NONE);
    }

    @Test
    void unchangedFilesAreRecognisedWithoutLoadingTheBars() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path cache = dir.resolve("cache");
        List<SymbolInfo> infos = new java.util.ArrayList<>();
        for (String s : List.of("RW1", "RW2", "RW3", "RW4")) {
            CsvBars.write(data.resolve(s + "_1h.csv"), TestBars.randomWalk(s, 7L * 31 + s.hashCode(), 1500));
            infos.add(StrategyTrainerTest.crypto(Symbol.of(s)));
        }
        SymbolRegistry.write(data, infos);
        StrategyTrainer trainer = new StrategyTrainer().withFeatureStore(new FeatureStore(cache)).withTrainingThreads(1);
        String y = yaml("  threads: 1\n");
        CountingFolder source = new CountingFolder(data);
        StrategyTrainer.Run first = run(trainer, y, source);
        assertThat(source.loads).containsOnlyKeys("RW1", "RW2", "RW3", "RW4");
        for (Path f : Files.list(cache).toList()) {
            assertThat(FeatureShard.open(f).source()).isNotEmpty();
            assertThat(FeatureShard.open(f).momentumLookback()).isEqualTo(StrategyTrainer.MOMENTUM_LOOKBACK);
        }

        // the same files: every shard is found by the files' fingerprint, no bar is loaded, the run is the same
        source.loads.clear();
        List<ProgressListener.Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        StrategyTrainer.Run second = trainer.run(new TrainingRequest(y, "canary.yaml", source,
                StrategyTrainerTest::crypto, List.of(), List.of()), events::add);
        assertThat(source.loads).isEmpty();
        assertThat(events).filteredOn(e -> e.stage().equals("features")).singleElement()
                .satisfies(e -> assertThat(e.message()).matches(
                        "4 symbols in [0-9.]+ s: 4 shards reused \\(input files unchanged, no bars loaded\\)"));
        assertThat(((MlpModel) second.result().artifacts().model()).parameters())
                .isEqualTo(((MlpModel) first.result().artifacts().model()).parameters());
        assertThat(withoutTimes(second.result().summary())).isEqualTo(withoutTimes(first.result().summary()));
        // the momentum baseline read from the shards is the one computed from the bars without a store
        StrategyTrainer.Run plain = run(new StrategyTrainer().withTrainingThreads(1), y, source);
        assertThat(second.result().summary().get("momentum_test_accuracy"))
                .isEqualTo(plain.result().summary().get("momentum_test_accuracy"));
        plain.testEdge().perSymbolFigures().forEach((sym, f) -> assertThat(
                second.testEdge().perSymbolFigures().get(sym).momentumAccuracy()).as(sym.value())
                .isEqualTo(f.momentumAccuracy()));
        // the bars are still there on demand, loaded then
        source.loads.clear();
        assertThat(second.prepared().get(1).base().closes()).isEqualTo(plain.prepared().get(1).base().closes());
        assertThat(source.loads).containsOnlyKeys("RW2");

        // one file changes: only its symbol is loaded and its shard rebuilt
        FileTime stamp = FileTime.fromMillis(1_000_000L);
        for (Path f : Files.list(cache).toList()) {
            Files.setLastModifiedTime(f, stamp);
        }
        CsvBars.write(data.resolve("RW3_1h.csv"), TestBars.randomWalk("RW3", 99, 1500));
        source.loads.clear();
        run(trainer, y, source);
        assertThat(source.loads).containsOnlyKeys("RW3");
        for (Path f : Files.list(cache).toList()) {
            assertThat(Files.getLastModifiedTime(f).equals(stamp)).as(f.toString())
                    .isEqualTo(!f.getFileName().toString().startsWith("RW3-"));
        }

        // the same bars in other bytes (gzipped): loaded and hashed once, found by the bars, re-recorded (not
        // recomputed), and the run after that loads nothing again
        Path csv = data.resolve("RW4_1h.csv");
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(
                data.resolve("RW4_1h.csv.gz")))) {
            out.write(Files.readAllBytes(csv));
        }
        Files.delete(csv);
        source.loads.clear();
        events.clear();
        trainer.run(new TrainingRequest(y, "canary.yaml", source, StrategyTrainerTest::crypto, List.of(), List.of()),
                events::add);
        assertThat(source.loads).containsOnlyKeys("RW4");
        assertThat(events).filteredOn(e -> e.stage().equals("features")).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("3 shards reused (input files unchanged")
                        .contains("1 shards reused (bars loaded and hashed)").doesNotContain("built"));
        source.loads.clear();
        run(trainer, y, source);
        assertThat(source.loads).isEmpty();
    }

    @Test
    void featureCacheFalseKeepsNoShards() throws IOException {
        StrategyTrainer trainer = new StrategyTrainer().withFeatureStore(new FeatureStore(dir));
        run(trainer, yaml("  feature_cache: false\n  threads: 1\n  samples_per_epoch: 500\n"));
        assertThat(shards()).isEmpty();
    }

    static Map<String, Double> withoutTimes(Map<String, Double> m) {
        Map<String, Double> out = new java.util.TreeMap<>(m);
        out.keySet().removeIf(k -> k.contains("seconds"));
        return out;
    }
}
