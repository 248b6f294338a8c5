package dev.ktrdr.training.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.training.gbdt.GbdtCodec;
import dev.ktrdr.training.gbdt.GbdtModel;
import dev.ktrdr.training.gbdt.GbdtTrainingResult;
import dev.ktrdr.training.strategy.StrategyLoader;
import dev.ktrdr.training.strategy.StrategyValidationException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** {@code model.type: gbdt} through the strategy trainer: validation, determinism, early stopping, codec. */
class GbdtStrategyTrainerTest {
    static final String LABELS = "{source: zigzag, zigzag_threshold: 0.01, label_lookahead: 48}";

    static String yaml(String model, long seed) {
        return StrategyTrainerTest.STRATEGY.replace("LABELS", LABELS).replace("SEED", Long.toString(seed))
                .replace("""
                          type: mlp
                          architecture: {hidden_layers: [16], activation: relu, dropout: 0.1}
                          symbol_encoding: {type: embedding, dim: 2, unknown_symbol_dropout: 0.1}
                        """, model);
    }

    static final String GBDT = """
              type: gbdt
              gbdt: {num_trees: 80, learning_rate: 0.1, num_leaves: 15, max_depth: 5, min_data_in_leaf: 10, early_stopping_rounds: 4}
              symbol_encoding: {type: one_hot, unknown_symbol_dropout: 0.1}
            """;

    static StrategyTrainer.Run run(String model, long seed) {
        return new StrategyTrainer().run(new TrainingRequest(yaml(model, seed), "gbdt.yaml",
                StrategyTrainerTest.randomWalks(seed, 1200), StrategyTrainerTest::crypto, List.of(), List.of()),
                ProgressListener.NONE);
    }

    @Test
    void twoTrainingsOfTheSameRequestGiveIdenticalModelBytesAndFigures() {
        StrategyTrainer.Run a = run(GBDT, 5);
        StrategyTrainer.Run b = run(GBDT, 5);
        assertThat(a.training()).isInstanceOf(GbdtTrainingResult.class);
        GbdtCodec codec = new GbdtCodec();
        byte[] bytesA = codec.encode(a.result().artifacts().model());
        assertThat(codec.encode(b.result().artifacts().model())).isEqualTo(bytesA);
        assertThat(b.result().summary()).isEqualTo(a.result().summary());
        assertThat(a.result().artifacts().metadata().formatId()).isEqualTo(GbdtCodec.FORMAT_ID);
        // another seed changes the trees (column sampling is off, but the symbol dropout draws differ)
        assertThat(codec.encode(run(GBDT, 6).result().artifacts().model())).isNotEqualTo(bytesA);
    }

    @Test
    void earlyStoppingKeepsTheBestRoundAndTheHistoryHasOneLinePerRound() {
        StrategyTrainer.Run r = run(GBDT, 3);
        GbdtModel model = (GbdtModel) r.result().artifacts().model();
        assertThat(model.rounds()).isEqualTo(r.training().bestEpoch() + 1);
        double best = r.training().history().get(r.training().bestEpoch()).validationLoss();
        for (var e : r.training().history()) {
            assertThat(e.validationLoss()).isGreaterThanOrEqualTo(best);
        }
        if (r.training().stoppedEarly()) {
            assertThat(r.training().history()).hasSize(r.training().bestEpoch() + 1 + 4);
        }
        assertThat(r.result().artifacts().historyCsv().lines().count()).isEqualTo(1 + r.training().history().size());
        // random walks: trees find no edge over the better of the per-symbol and momentum baselines (leak canary)
        Map<String, Double> s = r.result().summary();
        assertThat(s.get("test_edge_ci_low")).as("%s", s).isLessThanOrEqualTo(0.0);
        // gain importance: shares of the total, per feature plus the pooled symbol columns
        Map<String, Double> gain = model.gainImportance();
        assertThat(gain).containsKey("symbol").hasSize(model.featureSpec().size() + 1);
        assertThat(gain.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0,
                org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.result().artifacts().metricsJson()).contains("\"gain_importance\"");
    }

    @Test
    void theCodecRoundTripsAndRefusesATamperedNativeModelBeforeLoadingIt() {
        StrategyTrainer.Run r = run(GBDT.replace("one_hot", "index"), 4);
        TradingModel model = r.result().artifacts().model();
        GbdtCodec codec = new GbdtCodec();
        byte[] bytes = codec.encode(model);
        GbdtModel back = (GbdtModel) codec.decode(bytes, 1);
        assertThat(codec.encode(back)).isEqualTo(bytes);
        assertThat(back.encoding()).isEqualTo(dev.ktrdr.training.mlp.SymbolEncoding.Kind.INDEX);

        // change one byte of the tree text and repair the CRC: the embedded SHA-256 still refuses it
        byte[] tampered = bytes.clone();
        tampered[tampered.length - 40] ^= 1;
        CRC32 crc = new CRC32();
        crc.update(tampered, 0, tampered.length - 8);
        ByteBuffer.wrap(tampered, tampered.length - 8, 8).putLong(crc.getValue());
        assertThatThrownBy(() -> codec.decode(tampered, 1)).isInstanceOf(ModelException.class)
                .hasMessageContaining("SHA-256");
        byte[] flipped = bytes.clone();
        flipped[20] ^= 1;
        assertThatThrownBy(() -> codec.decode(flipped, 1)).isInstanceOf(ModelException.class).hasMessageContaining("CRC-32");
        assertThatThrownBy(() -> codec.decode(bytes, 2)).isInstanceOf(ModelException.class).hasMessageContaining("version 2");
    }

    @Test
    void treesBesideAnEmbeddingStrategyTakeAnotherEncodingAndTreesNeverTakeAnEmbedding() {
        // compare-modes --gbdt on an MLP strategy with an embedding: the trees take index (or one-hot) instead
        var mlp = StrategyLoader.parse(StrategyTrainerTest.STRATEGY.replace("LABELS", LABELS).replace("SEED", "1"), "m.yaml");
        assertThat(mlp.model().symbolEncoding().type()).isEqualTo("embedding");
        assertThat(dev.ktrdr.training.gbdt.GbdtConfig.of(mlp, dev.ktrdr.training.mlp.SymbolEncoding.Kind.INDEX, 0.1)
                .encoding()).isEqualTo(dev.ktrdr.training.mlp.SymbolEncoding.Kind.INDEX);
        assertThatThrownBy(() -> dev.ktrdr.training.gbdt.GbdtConfig.of(mlp))
                .isInstanceOf(dev.ktrdr.api.ConfigurationException.class).hasMessageContaining("symbol_encoding")
                .hasMessageContaining("embedding");
    }

    @Test
    void gbdtParametersAreValidatedWithTheirYamlPathsAndRanges() {
        String bad = """
                  type: gbdt
                  architecture: {hidden_layers: [16]}
                  gbdt: {num_trees: 0, learning_rate: 1.5, num_leaves: 1, max_depth: 65, early_stopping_rounds: 0, colsample: 1}
                  symbol_encoding: {type: embedding, dim: 2}
                """;
        assertThatThrownBy(() -> StrategyLoader.parse(yaml(bad, 1), "bad.yaml"))
                .isInstanceOf(StrategyValidationException.class)
                .hasMessageContaining("bad.yaml")
                .hasMessageContaining("model.gbdt.num_trees").hasMessageContaining("0 is not in [1, 10000]")
                .hasMessageContaining("model.gbdt.learning_rate").hasMessageContaining("(0, 1]")
                .hasMessageContaining("model.gbdt.num_leaves").hasMessageContaining("1 is not in [2, 4096]")
                .hasMessageContaining("model.gbdt.max_depth").hasMessageContaining("65 is not in [0, 64]")
                .hasMessageContaining("model.gbdt.early_stopping_rounds")
                .hasMessageContaining("model.gbdt.colsample")
                .hasMessageContaining("model.architecture")
                .hasMessageContaining("model.symbol_encoding.type");
        String mlpWithTrees = """
                  type: mlp
                  gbdt: {num_trees: 10}
                """;
        assertThatThrownBy(() -> StrategyLoader.parse(yaml(mlpWithTrees, 1), "m.yaml"))
                .isInstanceOf(StrategyValidationException.class).hasMessageContaining("model.gbdt");
        assertThat(StrategyLoader.parse(yaml(GBDT, 1), "ok.yaml").model().gbdt().numLeaves()).isEqualTo(15);
    }
}
