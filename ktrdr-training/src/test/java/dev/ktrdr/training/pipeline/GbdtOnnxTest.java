package dev.ktrdr.training.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnx.proto.OnnxMl;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.training.onnx.OnnxExport;
import dev.ktrdr.training.onnx.OnnxModels;
import dev.ktrdr.training.features.StackedRows;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.gbdt.GbdtModel;
import dev.ktrdr.training.gbdt.onnx.GbdtOnnx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exported tree models run in ONNX Runtime on the model's test rows (and once more as an unseen symbol) and match
 * the library's probabilities within 1e-5, for the index, one-hot and no symbol encodings; each is stored and exported
 * through the registry ({@link OnnxExport#defaults()}) as the command line does.
 */
class GbdtOnnxTest {
    @TempDir
    Path dir;

    @Test
    void exportedTreesMatchTheLibraryInOnnxRuntimeForEverySymbolEncoding() throws Exception {
        for (String encoding : new String[] {"index", "one_hot", "none"}) {
            StrategyTrainer.Run r = GbdtStrategyTrainerTest.run(GbdtStrategyTrainerTest.GBDT.replace("one_hot", encoding)
                    .replace(", unknown_symbol_dropout: 0.1", encoding.equals("none") ? "" : ", unknown_symbol_dropout: 0.1"), 8);
            GbdtModel model = (GbdtModel) r.result().artifacts().model();
            assertThat(model.rounds()).as(encoding).isGreaterThan(1);
            List<SymbolDataset> sets = new ArrayList<>();
            List<int[]> test = new ArrayList<>();
            for (StrategyTrainer.Prepared p : r.prepared()) {
                sets.add(p.dataset());
                test.add(r.split().of(p.dataset().symbol()).test());
            }
            StackedRows rows = StackedRows.of(sets, test);
            int n = rows.rows();
            int f = rows.columns();
            assertThat(n).isGreaterThan(100);
            float[][] x = new float[n][f];
            double[] row = new double[f];
            for (int i = 0; i < n; i++) {
                rows.copyRow(i, row, 0);
                for (int c = 0; c < f; c++) {
                    x[i][c] = (float) row[c];
                }
            }
            // through the store and the export registry, as `ktrdr models export` and Ktrdr.exportOnnx do
            FileModelStore store = new FileModelStore(dir.resolve(encoding));
            StoredModel stored = store.load(store.save(r.result().artifacts()));
            OnnxMl.ModelProto proto = OnnxExport.defaults().export(stored);
            assertThat(OnnxModels.properties(proto)).containsEntry("ktrdr.format_id", "ktrdr-gbdt")
                    .containsKey(OnnxModels.FEATURE_SPEC_KEY).containsKey(OnnxModels.SYMBOL_MAP_KEY);
            model = (GbdtModel) stored.model();
            byte[] onnx = proto.toByteArray();
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
                for (boolean unseen : new boolean[] {false, true}) {
                    String[] symbols = new String[n];
                    for (int i = 0; i < n; i++) {
                        symbols[i] = unseen ? "NEVER-SEEN" : rows.symbols().get(rows.symbolIndex()[i]).value();
                    }
                    Map<String, OnnxTensor> inputs = new HashMap<>();
                    inputs.put(GbdtOnnx.FEATURES_INPUT, OnnxTensor.createTensor(env, x));
                    if (!encoding.equals("none")) {
                        inputs.put(GbdtOnnx.SYMBOL_INPUT, OnnxTensor.createTensor(env, symbols, new long[] {n}));
                    }
                    float[][] probs;
                    try (OrtSession.Result out = session.run(inputs)) {
                        probs = (float[][]) out.get(GbdtOnnx.PROBABILITIES_OUTPUT).orElseThrow().getValue();
                    } finally {
                        inputs.values().forEach(OnnxTensor::close);
                    }
                    double[] p = new double[Label.COUNT];
                    double worst = 0;
                    for (int i = 0; i < n; i++) {
                        for (int c = 0; c < f; c++) {
                            row[c] = x[i][c];
                        }
                        model.predict(row, Symbol.of(symbols[i]), p);
                        for (int k = 0; k < Label.COUNT; k++) {
                            worst = Math.max(worst, Math.abs(p[k] - probs[i][k]));
                        }
                    }
                    assertThat(worst).as("%s, unseen %s", encoding, unseen).isLessThanOrEqualTo(1e-5);
                }
            }
        }
    }
}
