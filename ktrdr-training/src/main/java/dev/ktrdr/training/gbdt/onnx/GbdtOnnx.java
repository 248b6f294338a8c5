package dev.ktrdr.training.gbdt.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import dev.ktrdr.api.KtrdrVersion;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.gbdt.GbdtModel;
import dev.ktrdr.training.mlp.SymbolEncoding;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Exports a {@link GbdtModel} as an ONNX model whose trees run in ONNX-ML's {@code TreeEnsembleClassifier}
 * (softmax post-transform), with the same inputs and outputs as the MLP's export:
 * <ul>
 *   <li>input {@value #FEATURES_INPUT}: float {@code [batch, F]}, the raw feature row (trees use no scaler);</li>
 *   <li>input {@value #SYMBOL_INPUT} (index and one-hot models only): string {@code [batch]}; an ONNX-ML
 *       {@code LabelEncoder} maps it to the model's slot (an unknown symbol to the unknown slot N), a {@code Gather}
 *       from a constant table turns the slot into the model's symbol columns (index: the slot number; one-hot: N
 *       indicators, all zero for an unknown symbol), concatenated after the features;</li>
 *   <li>outputs {@value #PROBABILITIES_OUTPUT}: float {@code [batch, 3]}, BUY, HOLD, SELL, and {@code label}:
 *       int64 {@code [batch]}, the argmax class.</li>
 * </ul>
 *
 * <p>Exactness: the ensemble compares float inputs with float thresholds; each LightGBM threshold t (a double) is
 * written as the largest float ≤ t, so that for every float input x the comparison {@code x <= t} takes the
 * same branch as in LightGBM. Leaf values are stored as floats and summed in float, so the probabilities agree with
 * the library's (on the same float-representable inputs) within about 1e-6.
 *
 * <p>Integration seam: this class does not depend on the model-export registry; an {@code OnnxExporter} for format
 * id {@code ktrdr-gbdt} calls {@link #export(GbdtModel, Map)} with the common metadata properties. Stateless.
 */
public final class GbdtOnnx {
    /** Input: raw feature rows. */
    public static final String FEATURES_INPUT = "features";
    /** Input: the rows' symbols. */
    public static final String SYMBOL_INPUT = "symbol";
    /** Output: class probabilities. */
    public static final String PROBABILITIES_OUTPUT = "probabilities";
    private static final String ML = "ai.onnx.ml";

    private GbdtOnnx() {
    }

    /**
     * @param model the tree model
     * @param properties metadata properties to attach (feature spec, symbol map, ...)
     * @return the ONNX model
     * @throws ModelException when the trees use splits the export does not cover (categorical, zero-as-missing)
     */
    public static OnnxMl.ModelProto export(GbdtModel model, Map<String, String> properties) {
        String text = new String(model.modelBytes(), StandardCharsets.UTF_8);
        if (LightGbmTrees.classes(text) != Label.COUNT) {
            throw new ModelException("the tree model has " + LightGbmTrees.classes(text) + " classes; expected " + Label.COUNT);
        }
        List<LightGbmTrees.Tree> trees = LightGbmTrees.parse(text);
        int f = model.featureSpec().size();
        int cols = model.inputColumns();
        OnnxMl.GraphProto.Builder g = OnnxMl.GraphProto.newBuilder().setName("ktrdr_gbdt");
        g.addInput(input(FEATURES_INPUT, OnnxMl.TensorProto.DataType.FLOAT, f));
        String x = FEATURES_INPUT;
        if (model.encoding() != SymbolEncoding.Kind.NONE) {
            List<Symbol> vocabulary = model.vocabulary();
            int n = vocabulary.size();
            g.addInput(input(SYMBOL_INPUT, OnnxMl.TensorProto.DataType.STRING, -1));
            OnnxMl.NodeProto.Builder enc = node("LabelEncoder", ML, "symbol_slot", List.of(SYMBOL_INPUT), List.of("slot"));
            OnnxMl.AttributeProto.Builder keys = attr("keys_strings", OnnxMl.AttributeProto.AttributeType.STRINGS);
            OnnxMl.AttributeProto.Builder values = attr("values_int64s", OnnxMl.AttributeProto.AttributeType.INTS);
            for (int i = 0; i < n; i++) {
                keys.addStrings(ByteString.copyFromUtf8(vocabulary.get(i).value()));
                values.addInts(i);
            }
            enc.addAttribute(keys).addAttribute(values)
                    .addAttribute(attr("default_int64", OnnxMl.AttributeProto.AttributeType.INT).setI(n));
            g.addNode(enc);
            int e = cols - f;
            OnnxMl.TensorProto.Builder table = OnnxMl.TensorProto.newBuilder().setName("symbol_table")
                    .setDataType(OnnxMl.TensorProto.DataType.FLOAT.getNumber()).addDims(n + 1).addDims(e);
            for (int slot = 0; slot <= n; slot++) {
                for (int j = 0; j < e; j++) {
                    table.addFloatData(model.encoding() == SymbolEncoding.Kind.INDEX ? slot : (j == slot ? 1f : 0f));
                }
            }
            g.addInitializer(table);
            g.addNode(node("Gather", "", "symbol_columns", List.of("symbol_table", "slot"), List.of("symbol_cols"))
                    .addAttribute(attr("axis", OnnxMl.AttributeProto.AttributeType.INT).setI(0)));
            g.addNode(node("Concat", "", "inputs", List.of(FEATURES_INPUT, "symbol_cols"), List.of("x"))
                    .addAttribute(attr("axis", OnnxMl.AttributeProto.AttributeType.INT).setI(1)));
            x = "x";
        }
        g.addNode(ensemble(trees, cols, x));
        g.addOutput(output(PROBABILITIES_OUTPUT, OnnxMl.TensorProto.DataType.FLOAT, Label.COUNT));
        g.addOutput(output("label", OnnxMl.TensorProto.DataType.INT64, 0));
        OnnxMl.ModelProto.Builder b = OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("ktrdr-java")
                .setProducerVersion(KtrdrVersion.get()).setDomain("dev.ktrdr")
                .setDocString("ktrdr gradient-boosted trees: BUY, HOLD, SELL probabilities").setGraph(g)
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13))
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain(ML).setVersion(2));
        properties.forEach((k, v) -> b.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return b.build();
    }

    private static OnnxMl.NodeProto ensemble(List<LightGbmTrees.Tree> trees, int cols, String x) {
        OnnxMl.AttributeProto.Builder treeIds = ints("nodes_treeids");
        OnnxMl.AttributeProto.Builder nodeIds = ints("nodes_nodeids");
        OnnxMl.AttributeProto.Builder features = ints("nodes_featureids");
        OnnxMl.AttributeProto.Builder modes = attr("nodes_modes", OnnxMl.AttributeProto.AttributeType.STRINGS);
        OnnxMl.AttributeProto.Builder values = attr("nodes_values", OnnxMl.AttributeProto.AttributeType.FLOATS);
        OnnxMl.AttributeProto.Builder trueIds = ints("nodes_truenodeids");
        OnnxMl.AttributeProto.Builder falseIds = ints("nodes_falsenodeids");
        OnnxMl.AttributeProto.Builder missingTrue = ints("nodes_missing_value_tracks_true");
        OnnxMl.AttributeProto.Builder classTrees = ints("class_treeids");
        OnnxMl.AttributeProto.Builder classNodes = ints("class_nodeids");
        OnnxMl.AttributeProto.Builder classIds = ints("class_ids");
        OnnxMl.AttributeProto.Builder classWeights = attr("class_weights", OnnxMl.AttributeProto.AttributeType.FLOATS);
        ByteString leq = ByteString.copyFromUtf8("BRANCH_LEQ");
        ByteString leaf = ByteString.copyFromUtf8("LEAF");
        for (int t = 0; t < trees.size(); t++) {
            LightGbmTrees.Tree tree = trees.get(t);
            int internal = tree.feature.length;
            for (int i = 0; i < internal; i++) {
                if (tree.feature[i] < 0 || tree.feature[i] >= cols) {
                    throw new ModelException("tree " + t + " splits column " + tree.feature[i] + " of " + cols);
                }
                treeIds.addInts(t);
                nodeIds.addInts(i);
                features.addInts(tree.feature[i]);
                modes.addStrings(leq);
                values.addFloats(floorFloat(tree.threshold[i]));
                trueIds.addInts(child(tree.left[i], internal));
                falseIds.addInts(child(tree.right[i], internal));
                missingTrue.addInts(tree.nanGoesLeft[i] ? 1 : 0);
            }
            for (int j = 0; j < tree.leafValue.length; j++) {
                int id = internal + j;
                treeIds.addInts(t);
                nodeIds.addInts(id);
                features.addInts(0);
                modes.addStrings(leaf);
                values.addFloats(0f);
                trueIds.addInts(0);
                falseIds.addInts(0);
                missingTrue.addInts(0);
                classTrees.addInts(t);
                classNodes.addInts(id);
                // LightGBM's multiclass trees take turns: tree t adds to class t mod 3
                classIds.addInts(t % Label.COUNT);
                classWeights.addFloats((float) tree.leafValue[j]);
            }
        }
        OnnxMl.AttributeProto.Builder labels = ints("classlabels_int64s");
        for (int c = 0; c < Label.COUNT; c++) {
            labels.addInts(c);
        }
        return node("TreeEnsembleClassifier", ML, "trees", List.of(x), List.of("label", PROBABILITIES_OUTPUT))
                .addAttribute(treeIds).addAttribute(nodeIds).addAttribute(features).addAttribute(modes)
                .addAttribute(values).addAttribute(trueIds).addAttribute(falseIds).addAttribute(missingTrue)
                .addAttribute(classTrees).addAttribute(classNodes).addAttribute(classIds).addAttribute(classWeights)
                .addAttribute(labels)
                .addAttribute(attr("post_transform", OnnxMl.AttributeProto.AttributeType.STRING)
                        .setS(ByteString.copyFromUtf8("SOFTMAX")))
                .build();
    }

    /** A child reference: internal node c ≥ 0 keeps its id, leaf ~c gets id internal + ~c. */
    private static int child(int c, int internal) {
        return c >= 0 ? c : internal + ~c;
    }

    /** @return the largest float ≤ t, so that float x ≤ result exactly when x ≤ t */
    static float floorFloat(double t) {
        float f = (float) t;
        return f > t ? Math.nextDown(f) : f;
    }

    private static OnnxMl.AttributeProto.Builder attr(String name, OnnxMl.AttributeProto.AttributeType type) {
        return OnnxMl.AttributeProto.newBuilder().setName(name).setType(type);
    }

    private static OnnxMl.AttributeProto.Builder ints(String name) {
        return attr(name, OnnxMl.AttributeProto.AttributeType.INTS);
    }

    private static OnnxMl.NodeProto.Builder node(String op, String domain, String name, List<String> in, List<String> out) {
        return OnnxMl.NodeProto.newBuilder().setOpType(op).setDomain(domain).setName(name).addAllInput(in).addAllOutput(out);
    }

    /** A {@code [batch]} or {@code [batch, width]} input. */
    private static OnnxMl.ValueInfoProto input(String name, OnnxMl.TensorProto.DataType type, int width) {
        return output(name, type, width < 0 ? 0 : width);
    }

    private static OnnxMl.ValueInfoProto output(String name, OnnxMl.TensorProto.DataType type, int width) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch"));
        if (width > 0) {
            shape.addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(width));
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder().setTensorType(
                OnnxMl.TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape))).build();
    }
}
