package dev.ktrdr.training.mlp.tribuo;

import ai.onnx.proto.OnnxMl;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.mlp.MlpCodec;
import dev.ktrdr.training.mlp.MlpConfig;
import dev.ktrdr.training.mlp.SymbolEncoding;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MlpTribuoTrainerTest {
    private static final String[] NAMES = {"x", "y", "noise"};

    /** XOR-like examples: BUY when x·y &gt; 0.05, SELL when &lt; -0.05, HOLD between. */
    private static MutableDataset<Label> xor(int n, long seed, String symbol) {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("xor-" + seed, OffsetDateTime.now(), f), f);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int i = 0; i < n; i++) {
            double x = rng.nextDouble() * 2 - 1;
            double y = rng.nextDouble() * 2 - 1;
            double s = x * y;
            String label = s > 0.05 ? "BUY" : s < -0.05 ? "SELL" : "HOLD";
            ArrayExample<Label> ex = new ArrayExample<>(new Label(label), NAMES, new double[]{x * 3 + 1, y, rng.nextDouble()});
            if (symbol != null) {
                ex.setMetadataValue(MlpTribuoTrainer.SYMBOL_METADATA, symbol);
            }
            ds.add(ex);
        }
        return ds;
    }

    private static MlpConfig config() {
        return MlpConfig.builder().hiddenSizes(16, 8).dropout(0.1).learningRate(0.02).maxEpochs(40).patience(5).seed(3)
                .build();
    }

    @Test
    void tribuoEvaluatorScoresTheTrainedModel() {
        MlpTribuoTrainer trainer = new MlpTribuoTrainer(config());
        MlpTribuoModel model = trainer.train(xor(3000, 1, null), xor(500, 2, null), Map.of());
        LabelEvaluation eval = new LabelEvaluator().evaluate(model, xor(1000, 3, null));
        assertThat(eval.accuracy()).isGreaterThan(0.85);
        assertThat(eval.getConfusionMatrix().getDomain().getDomain()).extracting(Label::getLabel)
                .containsExactlyInAnyOrder("BUY", "HOLD", "SELL");
        assertThat(trainer.getInvocationCount()).isEqualTo(1);
        assertThat(model.generatesProbabilities()).isTrue();
    }

    @Test
    void predictionsCarryTheTradingModelsProbabilities() {
        MlpTribuoModel model = new MlpTribuoTrainer(config().toBuilder().maxEpochs(3).build()).train(xor(500, 1, null));
        Example<Label> ex = xor(1, 9, null).getExample(0);
        Prediction<Label> p = model.predict(ex);
        double[] raw = new double[3];
        // the feature map numbers features by name, so the model's column order is Tribuo's, not the example's
        List<String> cols = model.mlpModel().featureSpec().names();
        assertThat(cols).containsExactly("noise", "x", "y");
        double[] row = new double[3];
        for (int c = 0; c < 3; c++) {
            row[c] = ex.lookup(cols.get(c)).getValue();
        }
        model.mlpModel().predict(row, null, raw);
        assertThat(p.getOutputScores().get("BUY").getScore()).isEqualTo(raw[0]);
        assertThat(p.getOutputScores().get("HOLD").getScore()).isEqualTo(raw[1]);
        assertThat(p.getOutputScores().get("SELL").getScore()).isEqualTo(raw[2]);
        // the wrapped model is the one the ktrdr codec stores
        assertThat(new MlpCodec().canEncode(model.mlpModel())).isTrue();
    }

    @Test
    void provenanceRecordsDatasetTrainerAndSettings() {
        MlpTribuoModel model = new MlpTribuoTrainer(config().toBuilder().maxEpochs(2).build()).train(xor(200, 1, null));
        assertThat(model.getProvenance().getDatasetProvenance().getSourceProvenance().toString()).contains("xor-1");
        assertThat(model.getProvenance().getTrainerProvenance().getClassName()).isEqualTo(MlpTribuoTrainer.class.getName());
        Map<String, String> instance = new HashMap<>();
        model.getProvenance().getInstanceProvenance().forEach(p -> instance.put(p.getA(), p.getB().toString()));
        assertThat(instance).containsKeys("mlp.learning_rate", "mlp.seed", "ktrdr_version");
        assertThat(instance.get("mlp.seed")).contains("3");
        assertThat(model.getProvenance().getTribuoVersion()).isEqualTo("4.3.2");
    }

    @Test
    void symbolMetadataFeedsTheEmbedding() {
        MutableDataset<Label> ds = xor(800, 1, "AAA");
        for (Example<Label> e : xor(800, 2, "BBB")) {
            ds.add(e);
        }
        MlpConfig cfg = config().toBuilder().symbolEncoding(SymbolEncoding.Kind.EMBEDDING).embeddingDim(2)
                .symbolDropout(0.2).maxEpochs(15).build();
        MlpTribuoModel model = new MlpTribuoTrainer(cfg).train(ds);
        assertThat(model.mlpModel().encoding().vocabulary()).containsExactly(Symbol.of("AAA"), Symbol.of("BBB"));
        LabelEvaluation eval = new LabelEvaluator().evaluate(model, xor(500, 5, "UNSEEN"));
        assertThat(eval.accuracy()).isGreaterThan(0.7);
        assertThatThrownBy(() -> model.exportONNXModel("dev.ktrdr.test", 1))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("embedding");
    }

    @Test
    void labelsOtherThanBuyHoldSellAreRefused() {
        LabelFactory f = new LabelFactory();
        MutableDataset<Label> ds = new MutableDataset<>(new SimpleDataSourceProvenance("bad", f), f);
        ds.add(new ArrayExample<>(new Label("UP"), NAMES, new double[]{1, 2, 3}));
        assertThatThrownBy(() -> new MlpTribuoTrainer(config()).train(ds)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("UP");
    }

    @Test
    void onnxExportComputesTheSameProbabilities() {
        MlpTribuoModel model = new MlpTribuoTrainer(config().toBuilder().maxEpochs(5).build()).train(xor(800, 1, null));
        OnnxMl.ModelProto proto = model.exportONNXModel("dev.ktrdr.test", 1);
        OnnxMl.GraphProto g = proto.getGraph();
        assertThat(g.getNodeList()).extracting(OnnxMl.NodeProto::getOpType)
                .containsExactly("Gemm", "Relu", "Gemm", "Relu", "Gemm", "Softmax", "Identity");
        assertThat(proto.getMetadataPropsList()).anyMatch(p -> p.getKey().equals(ONNX_PROVENANCE));
        FeatureMatrix rows = new FeatureMatrix(Symbol.of("X"), model.mlpModel().featureSpec(), new long[]{0, 1, 2},
                new double[]{2.5, 0.3, 0.1, -1.0, -0.7, 0.9, 0.2, 0.8, 0.5});
        for (int r = 0; r < rows.rows(); r++) {
            double[] x = {rows.get(r, 0), rows.get(r, 1), rows.get(r, 2)};
            double[] expected = new double[3];
            model.mlpModel().predict(x, null, expected);
            double[] onnx = OnnxInterpreter.run(g, x);
            for (int id = 0; id < 3; id++) {
                int cls = dev.ktrdr.api.Label.valueOf(model.getOutputIDInfo().getOutput(id).getLabel()).index();
                assertThat(onnx[id]).isCloseTo(expected[cls], within(1e-5));
            }
        }
    }

    private static final String ONNX_PROVENANCE = org.tribuo.ONNXExportable.PROVENANCE_METADATA_FIELD;
}
