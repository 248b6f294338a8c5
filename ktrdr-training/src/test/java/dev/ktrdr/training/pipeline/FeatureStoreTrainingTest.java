package dev.ktrdr.training.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.training.mlp.MlpModel;
import dev.ktrdr.training.shard.FeatureShard;
import dev.ktrdr.training.shard.FeatureStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
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
