package dev.ktrdr.training.mlp;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Symbol;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolEncodingAndConfigTest {
    private static final List<Symbol> ABC = List.of(Symbol.of("A"), Symbol.of("B"), Symbol.of("C"));

    @Test
    void oneHotUsesNMinusOneColumnsWithTheFirstSymbolAsReference() {
        SymbolEncoding e = SymbolEncoding.of(SymbolEncoding.Kind.ONE_HOT, ABC, 0, 0);
        assertThat(e.columns()).isEqualTo(2);
        float[] row = {9, 9, 9};
        e.writeFixedColumns(e.slot(Symbol.of("A")), row, 1);
        assertThat(row).containsExactly(9f, 0f, 0f);
        e.writeFixedColumns(e.slot(Symbol.of("C")), row, 1);
        assertThat(row).containsExactly(9f, 0f, 1f);
        e.writeFixedColumns(e.slot(Symbol.of("ZZZ")), row, 1);
        assertThat(row).containsExactly(9f, 0f, 0f);
    }

    @Test
    void indexAndEmbeddingReserveTheUnknownSlot() {
        SymbolEncoding index = SymbolEncoding.of(SymbolEncoding.Kind.INDEX, ABC, 0, 0);
        float[] row = new float[1];
        index.writeFixedColumns(index.slot(Symbol.of("NEW")), row, 0);
        assertThat(row[0]).isEqualTo(3f);
        SymbolEncoding emb = SymbolEncoding.of(SymbolEncoding.Kind.EMBEDDING, ABC, 5, 0.1);
        assertThat(emb.columns()).isEqualTo(5);
        assertThat(emb.embeddingRows()).isEqualTo(4);
        assertThat(emb.slot(Symbol.of("B"))).isEqualTo(1);
        assertThat(emb.slotMap()).hasSize(3);
        assertThat(SymbolEncoding.none().columns()).isZero();
    }

    @Test
    void encodingErrorsNameTheParameterAndRange() {
        assertThatThrownBy(() -> SymbolEncoding.of(SymbolEncoding.Kind.EMBEDDING, ABC, 0, 0))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("embedding_dim").hasMessageContaining("[1, 1024]");
        assertThatThrownBy(() -> SymbolEncoding.of(SymbolEncoding.Kind.INDEX, ABC, 0, 1.0))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("symbol_dropout");
        assertThatThrownBy(() -> SymbolEncoding.of(SymbolEncoding.Kind.INDEX, List.of(Symbol.of("A"), Symbol.of("A")), 0, 0))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> SymbolEncoding.Kind.parse("hash")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("none, one_hot, index, embedding");
        assertThat(SymbolEncoding.Kind.parse("One-Hot")).isEqualTo(SymbolEncoding.Kind.ONE_HOT);
    }

    @Test
    void configErrorsNameTheParameterAndRange() {
        assertThatThrownBy(() -> MlpConfig.builder().dropout(1.0).build()).isInstanceOf(ConfigurationException.class)
                .satisfies(e -> assertThat(((ConfigurationException) e).path()).isEqualTo("dropout"))
                .hasMessageContaining("[0.0, 1.0)");
        assertThatThrownBy(() -> MlpConfig.builder().learningRate(0).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("learning_rate");
        assertThatThrownBy(() -> MlpConfig.builder().hiddenSizes(64, 0).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("hidden_layers[1]");
        assertThatThrownBy(() -> MlpConfig.builder().batchSize(0).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("batch_size");
        assertThatThrownBy(() -> MlpConfig.builder().threads(65).build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("threads");
        assertThatThrownBy(() -> MlpConfig.builder().weightDecay(Double.NaN).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("weight_decay");
        assertThat(Activation.parse("LeakyReLU")).isEqualTo(Activation.LEAKY_RELU);
        assertThat(Optimizer.parse("RMSProp")).isEqualTo(Optimizer.RMSPROP);
        assertThat(Loss.parse("focal")).isEqualTo(Loss.FOCAL);
        assertThatThrownBy(() -> Optimizer.parse("adagrad")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("adam, sgd, rmsprop");
    }

    @Test
    void toBuilderKeepsEverySetting() {
        MlpConfig c = MlpConfig.builder().hiddenSizes(7).activation(Activation.TANH).dropout(0.3).optimizer(Optimizer.SGD)
                .learningRate(0.2).momentum(0.5).betas(0.8, 0.99).epsilon(1e-6).rmsAlpha(0.9).weightDecay(0.01)
                .gradientClipNorm(2).loss(Loss.FOCAL).focalGamma(1.5).classWeights(true).batchSize(64).maxEpochs(9)
                .patience(3).minDelta(0.01).seed(77).symbolEncoding(SymbolEncoding.Kind.EMBEDDING).embeddingDim(4)
                .symbolDropout(0.2).threads(2).build();
        assertThat(c.toBuilder().build()).isEqualTo(c);
        assertThat(c.describe()).containsEntry("optimizer", "sgd").containsEntry("class_weights", "inverse_frequency")
                .hasSize(24);
    }
}
