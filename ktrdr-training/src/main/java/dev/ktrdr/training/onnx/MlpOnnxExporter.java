package dev.ktrdr.training.onnx;

import ai.onnx.proto.OnnxMl;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.training.mlp.Activation;
import dev.ktrdr.training.mlp.MlpCodec;
import dev.ktrdr.training.mlp.MlpModel;
import dev.ktrdr.training.mlp.StandardScaler;
import dev.ktrdr.training.mlp.SymbolEncoding;
import dev.ktrdr.training.mlp.tribuo.OnnxActivations;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Exports a stored {@link MlpModel} ({@value MlpCodec#FORMAT_ID}) to ONNX:
 * <pre>
 * features [batch, F] ─────────────────────────────────────────┐
 * symbol [batch] → LabelEncoder → slot → Gather(symbol table) ─┴→ Concat → Gemm → act → … → Gemm → Softmax
 * </pre>
 * The symbol table holds, per slot, the columns the library appends after the scaled features
 * ({@link MlpModel#symbolTable()}: one-hot indicators, the index, or the embedding vector); its last row is the
 * unknown-symbol slot, which the LabelEncoder gives any symbol not trained on. With encoding {@code none} (or a
 * one-hot over a single symbol, which has no columns) the graph has no symbol input. The scaler is folded into
 * the first layer: {@code W'[i][o] = W[i][o] / std_i}, {@code b'[o] = b[o] - Σ_i W[i][o] mean_i / std_i}, computed
 * in double and rounded to float once.
 *
 * <p>Exactness: the graph runs in float as the library does, but the scaler fold and a different summation
 * order change rounding: probabilities agree with {@link MlpModel#predict} to about 1e-6 on fuzzy-membership
 * features (the test holds them to 1e-5).
 */
public final class MlpOnnxExporter implements OnnxExporter {
    @Override
    public String formatId() {
        return MlpCodec.FORMAT_ID;
    }

    @Override
    public OnnxMl.ModelProto export(StoredModel stored) {
        if (!(stored.model() instanceof MlpModel)) {
            throw OnnxModels.refuse(stored, "format " + MlpCodec.FORMAT_ID + " decoded to "
                    + stored.model().getClass().getSimpleName() + ", not an MLP");
        }
        MlpModel mlp = (MlpModel) stored.model();
        SymbolEncoding encoding = mlp.encoding();
        int features = mlp.architecture().features();
        List<ONNXOperator> used = new ArrayList<>(List.of(ONNXOperators.GEMM, ONNXOperators.SOFTMAX));

        ONNXContext onnx = new ONNXContext();
        onnx.setName("ktrdr-mlp");
        ONNXPlaceholder input = onnx.floatInput(OnnxModels.FEATURES_INPUT, features);
        ONNXRef<?> current = input;
        boolean symbolInput = encoding.columns() > 0;
        if (symbolInput) {
            ONNXNode slot = OnnxModels.symbolSlot(onnx, encoding.vocabulary());
            float[][] table = mlp.symbolTable();
            int cols = encoding.columns();
            ONNXInitializer tableInit = onnx.floatTensor("symbol_table", Arrays.asList(table.length, cols), fb -> {
                for (float[] row : table) {
                    fb.put(row);
                }
            });
            ONNXNode columns = tableInit.apply(ONNXOperators.GATHER, slot, Map.of("axis", 0));
            current = onnx.operation(ONNXOperators.CONCAT, List.of(input, columns), "network_input", Map.of("axis", 1));
            used.addAll(List.of(OnnxMlOperators.LABEL_ENCODER, ONNXOperators.GATHER, ONNXOperators.CONCAT));
        }

        int[] sizes = mlp.architecture().layerSizes();
        int layers = sizes.length - 1;
        for (int k = 0; k < layers; k++) {
            float[][] w = mlp.weights(k);
            float[] b = mlp.biases(k);
            if (k == 0) {
                foldScaler(w, b, mlp.scaler());
            }
            int in = sizes[k];
            int out = sizes[k + 1];
            ONNXInitializer weights = onnx.floatTensor("mlp_w" + k, Arrays.asList(in, out), fb -> {
                for (int i = 0; i < in; i++) {
                    fb.put(w[i]);
                }
            });
            ONNXInitializer biases = onnx.array("mlp_b" + k, b);
            ONNXNode gemm = current.apply(ONNXOperators.GEMM, Arrays.asList(weights, biases));
            if (k < layers - 1) {
                current = activation(gemm, mlp.architecture().activation(), used);
            } else {
                if (out != Label.COUNT) {
                    throw OnnxModels.refuse(stored, "the network has " + out + " outputs, not " + Label.COUNT);
                }
                gemm.apply(ONNXOperators.SOFTMAX, Map.of("axis", 1))
                        .assignTo(onnx.floatOutput(OnnxModels.PROBABILITIES_OUTPUT, Label.COUNT));
            }
        }
        return OnnxModels.model(onnx, used, stored, OnnxModels.metadataProperties(stored, encoding.kind().id(),
                symbolInput ? encoding.vocabulary() : List.of()));
    }

    private static ONNXNode activation(ONNXNode in, Activation a, List<ONNXOperator> used) {
        switch (a) {
            case RELU:
                used.add(OnnxActivations.RELU);
                return in.apply(OnnxActivations.RELU);
            case TANH:
                used.add(OnnxActivations.TANH);
                return in.apply(OnnxActivations.TANH);
            default:
                used.add(OnnxActivations.LEAKY_RELU);
                return in.apply(OnnxActivations.LEAKY_RELU, Map.of("alpha", Activation.LEAKY_SLOPE));
        }
    }

    /** Folds the scaler into the rows of the first layer that take features; symbol rows stay as they are. */
    private static void foldScaler(float[][] w, float[] b, StandardScaler s) {
        double[] shift = new double[b.length];
        for (int i = 0; i < s.size(); i++) {
            double inv = 1 / s.stdAt(i);
            for (int o = 0; o < b.length; o++) {
                double scaled = w[i][o] * inv;
                shift[o] += scaled * s.meanAt(i);
                w[i][o] = (float) scaled;
            }
        }
        for (int o = 0; o < b.length; o++) {
            b[o] = (float) (b[o] - shift[o]);
        }
    }
}
