package dev.ktrdr.training.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.eval.ClassificationMetrics;
import dev.ktrdr.training.shard.FeatureStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leave-one-symbol-out and walk-forward give the same figures, bit for bit, whether their trainings run one
 * after the other or several at once (same MLP threads per training), in memory and from the feature store.
 */
class ConcurrentGeneralizationTest {
    static final String LABELS = "{source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}";
    static final List<Symbol> FOUR = List.of(Symbol.of("RW1"), Symbol.of("RW2"), Symbol.of("RW3"), Symbol.of("RW4"));

    @TempDir
    Path dir;

    static String yaml(String training) {
        return StrategyTrainerTest.STRATEGY.replace("LABELS", LABELS).replace("SEED", "5").replace("epochs: 12", "epochs: 2")
                + training;
    }

    static TrainingRequest request(String yaml) {
        return new TrainingRequest(yaml, "par.yaml", StrategyTrainerTest.randomWalks(5, 1200), StrategyTrainerTest::crypto,
                FOUR, List.of());
    }

    /** Progress events of one stage, in arrival order. */
    static final class Events implements ProgressListener {
        final String stage;
        final List<Event> seen = Collections.synchronizedList(new ArrayList<>());

        Events(String stage) {
            this.stage = stage;
        }

        @Override
        public void onProgress(Event e) {
            if (e.stage().equals(stage)) {
                seen.add(e);
            }
        }
    }

    static void assertSame(StrategyTrainer.Generalization a, StrategyTrainer.Generalization b) {
        assertThat(b.perSymbol().keySet()).containsExactlyElementsOf(a.perSymbol().keySet());
        for (Map.Entry<Symbol, ClassificationMetrics> e : a.perSymbol().entrySet()) {
            ClassificationMetrics m = b.perSymbol().get(e.getKey());
            assertThat(m.confusion()).as("%s", e.getKey()).isDeepEqualTo(e.getValue().confusion());
            assertThat(Double.doubleToRawLongBits(m.accuracy())).isEqualTo(Double.doubleToRawLongBits(e.getValue().accuracy()));
        }
        // records compare their doubles bit for bit
        assertThat(b.edge()).isEqualTo(a.edge());
        assertThat(StrategyTrainer.generalizationSummary(b)).containsExactlyEntriesOf(StrategyTrainer.generalizationSummary(a));
    }

    static void assertCountsOnceEach(Events events, int total, String... names) {
        assertThat(events.seen).hasSize(total);
        for (int i = 0; i < total; i++) {
            assertThat(events.seen.get(i).done()).isEqualTo(i + 1);
            assertThat(events.seen.get(i).total()).isEqualTo(total);
        }
        for (String name : names) {
            assertThat(events.seen).filteredOn(e -> e.message().startsWith(name)).hasSize(1);
        }
    }

    @Test
    void leaveOneSymbolOutIsTheSameOneAtATimeAndFourAtOnce() {
        TrainingRequest req = request(yaml(""));
        StrategyTrainer.Generalization sequential = new StrategyTrainer().withTrainingThreads(1).withConcurrentTrainings(1)
                .generalization(req, ProgressListener.NONE);
        Events events = new Events("generalization");
        StrategyTrainer.Generalization concurrent = new StrategyTrainer().withTrainingThreads(1).withConcurrentTrainings(4)
                .generalization(req, events);
        assertSame(sequential, concurrent);
        assertCountsOnceEach(events, 4, "RW1: ", "RW2: ", "RW3: ", "RW4: ");
        // the default: one MLP thread per held-out training, so the figures do not depend on the core count
        assertSame(sequential, new StrategyTrainer().generalization(req, ProgressListener.NONE));
    }

    @Test
    void leaveOneSymbolOutWithTwoThreadsPerTrainingIsTheSameOneAtATimeAndTwoAtOnce() {
        // training.threads: 2 is each training's thread count whatever the number run at once
        TrainingRequest req = request(yaml("  threads: 2\n"));
        StrategyTrainer.Generalization sequential = new StrategyTrainer().withConcurrentTrainings(1)
                .generalization(req, ProgressListener.NONE);
        assertSame(sequential, new StrategyTrainer().withConcurrentTrainings(2).generalization(req, ProgressListener.NONE));
        assertSame(sequential, new StrategyTrainer().withTrainingThreads(2).withConcurrentTrainings(3)
                .generalization(req, ProgressListener.NONE));
    }

    @Test
    void leaveOneSymbolOutFromTheFeatureStoreIsTheSameOneAtATimeAndThreeAtOnce() {
        TrainingRequest req = request(yaml(""));
        StrategyTrainer stored = new StrategyTrainer().withFeatureStore(new FeatureStore(dir)).withTrainingThreads(1);
        StrategyTrainer.Generalization sequential = stored.withConcurrentTrainings(1).generalization(req, ProgressListener.NONE);
        assertSame(sequential, stored.withConcurrentTrainings(3).generalization(req, ProgressListener.NONE));
    }

    static Map<String, Double> walkForwardFigures(StrategyTrainer.Run r) {
        Map<String, Double> out = new LinkedHashMap<>();
        r.result().summary().forEach((k, v) -> {
            if (k.startsWith("walk_forward_")) {
                out.put(k, v);
            }
        });
        return out;
    }

    @Test
    void walkForwardIsTheSameOneFoldAtATimeAndThreeAtOnce() {
        TrainingRequest req = request(yaml("  walk_forward: {enabled: true, folds: 3, mode: expanding}\n"));
        StrategyTrainer.Run sequential = new StrategyTrainer().withTrainingThreads(1).withConcurrentTrainings(1)
                .run(req, ProgressListener.NONE);
        Events events = new Events("walk_forward");
        StrategyTrainer.Run concurrent = new StrategyTrainer().withTrainingThreads(1).withConcurrentTrainings(3)
                .run(req, events);
        assertThat(sequential.walkForwardEdge()).isPresent();
        assertThat(concurrent.walkForwardEdge()).isEqualTo(sequential.walkForwardEdge());
        // every figure, in the same key order (folds in fold order whatever order they finished in)
        assertThat(walkForwardFigures(concurrent)).containsExactlyEntriesOf(walkForwardFigures(sequential))
                .containsKeys("walk_forward_accuracy.0", "walk_forward_accuracy.2", "walk_forward_edge");
        assertCountsOnceEach(events, 3, "fold 0: ", "fold 1: ", "fold 2: ");
    }

    @Test
    void walkForwardFromTheFeatureStoreIsTheSameOneFoldAtATimeAndTwoAtOnce() {
        TrainingRequest req = request(yaml("  walk_forward: {enabled: true, folds: 3, mode: rolling}\n"));
        StrategyTrainer stored = new StrategyTrainer().withFeatureStore(new FeatureStore(dir)).withTrainingThreads(1);
        StrategyTrainer.Run sequential = stored.withConcurrentTrainings(1).run(req, ProgressListener.NONE);
        StrategyTrainer.Run concurrent = stored.withConcurrentTrainings(2).run(req, ProgressListener.NONE);
        assertThat(concurrent.walkForwardEdge()).isPresent().isEqualTo(sequential.walkForwardEdge());
        assertThat(walkForwardFigures(concurrent)).containsExactlyEntriesOf(walkForwardFigures(sequential));
    }

    @Test
    void concurrentTrainingsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new StrategyTrainer().withConcurrentTrainings(65))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("65 is not in [1, 64]");
        assertThatThrownBy(() -> new StrategyTrainer().withConcurrentTrainings(-1))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("-1 is not in [1, 64]");
    }
}
