package dev.ktrdr.training.mlp.tribuo;

import ai.onnx.proto.OnnxMl;
import com.oracle.labs.mlrg.olcut.util.Pair;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.mlp.Activation;
import dev.ktrdr.training.mlp.MlpModel;
import dev.ktrdr.training.mlp.StandardScaler;
import dev.ktrdr.training.mlp.SymbolEncoding;
import org.tribuo.Example;
import org.tribuo.Excuse;
import org.tribuo.Feature;
import org.tribuo.ImmutableFeatureMap;
import org.tribuo.ImmutableOutputInfo;
import org.tribuo.Model;
import org.tribuo.ONNXExportable;
import org.tribuo.Prediction;
import org.tribuo.provenance.ModelProvenance;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXInitializer;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXPlaceholder;
import org.tribuo.util.onnx.ONNXRef;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A Tribuo {@code Model<Label>} over a trained {@link MlpModel}: predictions carry BUY / HOLD / SELL
 * probabilities, so Tribuo's {@code LabelEvaluator} works; {@link #mlpModel()} is the
 * {@link dev.ktrdr.api.TradingModel} to store through the {@code ktrdr-mlp} codec (this class is not meant for
 * Java serialization, which the project never uses).
 *
 * <p>Features are matched by name through the feature map; a missing feature counts as 0 (Tribuo's sparse
 * convention). The symbol is read from the example metadata key {@value MlpTribuoTrainer#SYMBOL_METADATA}; an
 * example without it is predicted as an unknown symbol.
 *
 * <p>ONNX export is supported when the symbol encoding is {@code none} (the ONNX input is the feature vector
 * only) and the output domain has all three labels: the scaler is folded into the first layer, then Gemm and
 * activation nodes follow, ending in a softmax whose columns are in the output domain's id order.
 *
 * <p>Immutable apart from Tribuo's mutable model name; safe for concurrent prediction.
 */
public final class MlpTribuoModel extends Model<org.tribuo.classification.Label> implements ONNXExportable {
    private static final long serialVersionUID = 1L;

    private final transient MlpModel mlp;

    MlpTribuoModel(String name, ModelProvenance provenance, ImmutableFeatureMap featureIDMap,
                   ImmutableOutputInfo<org.tribuo.classification.Label> outputIDInfo, MlpModel mlp) {
        super(name, provenance, featureIDMap, outputIDInfo, true);
        this.mlp = mlp;
    }

    /** @return the ktrdr model behind this Tribuo model */
    public MlpModel mlpModel() {
        return mlp;
    }

    @Override
    public Prediction<org.tribuo.classification.Label> predict(Example<org.tribuo.classification.Label> example) {
        double[] row = new double[featureIDMap.size()];
        int used = 0;
        for (Feature f : example) {
            int id = featureIDMap.getID(f.getName());
            if (id >= 0) {
                row[id] = f.getValue();
                used++;
            }
        }
        if (used == 0) {
            throw new IllegalArgumentException("the example has no feature known to the model: " + example);
        }
        Symbol symbol = MlpTribuoTrainer.symbolOf(example).orElse(null);
        double[] p = new double[Label.COUNT];
        mlp.predict(row, symbol, p);
        Map<String, org.tribuo.classification.Label> scores = new LinkedHashMap<>();
        org.tribuo.classification.Label best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (Label l : Label.values()) {
            String name = l.name();
            if (!outputIDInfo.getDomain().contains(new org.tribuo.classification.Label(name))) {
                continue;
            }
            org.tribuo.classification.Label scored = new org.tribuo.classification.Label(name, p[l.index()]);
            scores.put(name, scored);
            if (p[l.index()] > bestScore) {
                bestScore = p[l.index()];
                best = scored;
            }
        }
        return new Prediction<>(best, scores, used, example, true);
    }

    /** @return an empty map: an MLP has no per-feature weights to rank */
    @Override
    public Map<String, List<Pair<String, Double>>> getTopFeatures(int n) {
        return Collections.emptyMap();
    }

    /** @return empty: this model gives no excuses (use permutation importance from the evaluation package) */
    @Override
    public Optional<Excuse<org.tribuo.classification.Label>> getExcuse(Example<org.tribuo.classification.Label> example) {
        return Optional.empty();
    }

    @Override
    protected MlpTribuoModel copy(String newName, ModelProvenance newProvenance) {
        return new MlpTribuoModel(newName, newProvenance, featureIDMap, outputIDInfo, mlp);
    }

    /**
     * {@inheritDoc}
     *
     * @throws UnsupportedOperationException when the model encodes symbols or the output domain lacks a label
     */
    @Override
    public OnnxMl.ModelProto exportONNXModel(String domain, long modelVersion) {
        ONNXContext onnx = new ONNXContext();
        onnx.setName("ktrdr-mlp");
        ONNXPlaceholder input = onnx.floatInput(featureIDMap.size());
        ONNXPlaceholder output = onnx.floatOutput(outputIDInfo.size());
        writeONNXGraph(input).assignTo(output);
        return ONNXExportable.buildModel(onnx, domain, modelVersion, this);
    }

    @Override
    public ONNXNode writeONNXGraph(ONNXRef<?> input) {
        if (mlp.encoding().kind() != SymbolEncoding.Kind.NONE) {
            throw new UnsupportedOperationException("ONNX export needs symbol encoding 'none'; this model uses '"
                    + mlp.encoding().kind().id() + "' (the symbol is not part of the ONNX input)");
        }
        if (outputIDInfo.size() != Label.COUNT) {
            throw new UnsupportedOperationException("ONNX export needs all of BUY, HOLD, SELL in the output domain; it has "
                    + outputIDInfo.getDomain());
        }
        ONNXContext onnx = input.onnxContext();
        int[] sizes = mlp.architecture().layerSizes();
        int layers = sizes.length - 1;
        ONNXRef<?> current = input;
        for (int k = 0; k < layers; k++) {
            float[][] w = mlp.weights(k);
            float[] b = mlp.biases(k);
            if (k == 0) {
                foldScaler(w, b, mlp.scaler());
            }
            if (k == layers - 1) {
                // columns in the Tribuo output domain's id order
                int[] classOf = new int[Label.COUNT];
                for (int id = 0; id < Label.COUNT; id++) {
                    classOf[id] = Label.valueOf(outputIDInfo.getOutput(id).getLabel()).index();
                }
                w = permuteColumns(w, classOf);
                float[] pb = new float[b.length];
                for (int id = 0; id < b.length; id++) {
                    pb[id] = b[classOf[id]];
                }
                b = pb;
            }
            final float[][] wf = w;
            int in = sizes[k];
            int out = sizes[k + 1];
            ONNXInitializer weights = onnx.floatTensor("mlp_w" + k, Arrays.asList(in, out), fb -> {
                for (int i = 0; i < in; i++) {
                    fb.put(wf[i]);
                }
            });
            ONNXInitializer biases = onnx.array("mlp_b" + k, b);
            ONNXNode gemm = current.apply(ONNXOperators.GEMM, Arrays.asList(weights, biases));
            if (k < layers - 1) {
                current = activation(gemm, mlp.architecture().activation());
            } else {
                return gemm.apply(ONNXOperators.SOFTMAX, Collections.singletonMap("axis", 1));
            }
        }
        throw new IllegalStateException("the network has no layers");
    }

    private static ONNXNode activation(ONNXNode in, Activation a) {
        switch (a) {
            case RELU: return in.apply(OnnxActivations.RELU);
            case TANH: return in.apply(OnnxActivations.TANH);
            default: return in.apply(OnnxActivations.LEAKY_RELU, Collections.singletonMap("alpha", Activation.LEAKY_SLOPE));
        }
    }

    /** W'[i][o] = W[i][o] / std_i and b'[o] = b[o] - sum_i W[i][o] mean_i / std_i, so raw inputs can be fed. */
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

    private static float[][] permuteColumns(float[][] w, int[] classOf) {
        float[][] out = new float[w.length][classOf.length];
        for (int i = 0; i < w.length; i++) {
            for (int id = 0; id < classOf.length; id++) {
                out[i][id] = w[i][classOf[id]];
            }
        }
        return out;
    }
}
