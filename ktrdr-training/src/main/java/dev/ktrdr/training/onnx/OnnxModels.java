package dev.ktrdr.training.onnx;

import ai.onnx.proto.OnnxMl;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ktrdr.api.KtrdrVersion;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXNode;
import org.tribuo.util.onnx.ONNXOperator;
import org.tribuo.util.onnx.ONNXPlaceholder;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What every {@link OnnxExporter} shares: the input and output names, the symbol input with its slot lookup, the
 * metadata properties and the finished {@code ModelProto} with its operator set imports. Stateless and
 * thread-safe.
 */
public final class OnnxModels {
    /** Input: raw feature rows, float {@code [batch, F]}. */
    public static final String FEATURES_INPUT = "features";
    /** Input: the row's symbol, string {@code [batch]} (only for models that encode the symbol). */
    public static final String SYMBOL_INPUT = "symbol";
    /** Output: BUY, HOLD, SELL probabilities, float {@code [batch, 3]}. */
    public static final String PROBABILITIES_OUTPUT = "probabilities";
    /** Metadata property: the feature names, in column order, as a JSON array. */
    public static final String FEATURE_SPEC_KEY = "ktrdr.feature_spec";
    /** Metadata property: {@code {"encoding": id, "slots": {symbol: slot}, "unknown_slot": n}} as JSON. */
    public static final String SYMBOL_MAP_KEY = "ktrdr.symbol_map";
    /** Metadata property: the output's class order as a JSON array. */
    public static final String CLASSES_KEY = "ktrdr.classes";
    /** ONNX IR version written (ONNX 1.10+; read by every ONNX Runtime since 1.10). */
    public static final long IR_VERSION = 8;

    private static final ObjectMapper JSON = new ObjectMapper();

    private OnnxModels() {
    }

    /**
     * Adds the {@value #SYMBOL_INPUT} input and maps it to the model's slot with an ONNX-ML {@code LabelEncoder}:
     * {@code vocabulary.get(i)} gives {@code i}, any other string the unknown slot {@code vocabulary.size()}.
     * {@link #model} gives the input its string type.
     *
     * @param onnx the graph under construction
     * @param vocabulary the model's symbols in slot order
     * @return the node whose output is the int64 slot per row, {@code [batch]}
     */
    public static ONNXNode symbolSlot(ONNXContext onnx, List<Symbol> vocabulary) {
        // Tribuo's context declares float inputs only; model() retypes this one to string [batch]
        ONNXPlaceholder symbol = onnx.floatInput(SYMBOL_INPUT, 1);
        if (!SYMBOL_INPUT.equals(symbol.getReference())) {
            throw new IllegalStateException("the graph already has an input named " + SYMBOL_INPUT);
        }
        String[] keys = new String[vocabulary.size()];
        int[] values = new int[vocabulary.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = vocabulary.get(i).value();
            values[i] = i;
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("keys_strings", keys);
        attributes.put("values_int64s", values);
        attributes.put("default_int64", vocabulary.size());
        return onnx.operation(OnnxMlOperators.LABEL_ENCODER, List.of(symbol), "symbol_slot", attributes);
    }

    /**
     * The metadata properties every exported model carries.
     *
     * @param model the stored model
     * @param encoding the symbol encoding id ({@code none}, {@code one_hot}, {@code index}, {@code embedding})
     * @param vocabulary the symbols in slot order (empty when the symbol is not an input)
     * @return the properties, in a stable order
     */
    public static Map<String, String> metadataProperties(StoredModel model, String encoding, List<Symbol> vocabulary) {
        ModelMetadata m = model.metadata();
        Map<String, String> props = new LinkedHashMap<>();
        props.put("ktrdr.strategy", m.strategy());
        props.put("ktrdr.version_dir", model.directory().getFileName().toString());
        props.put("ktrdr.scope", m.scope().dirName());
        props.put("ktrdr.format_id", m.formatId());
        props.put("ktrdr.format_version", Integer.toString(m.formatVersion()));
        List<String> tfs = new ArrayList<>();
        for (Timeframe t : m.timeframes()) {
            tfs.add(t.label());
        }
        props.put("ktrdr.timeframes", json(tfs));
        props.put("ktrdr.base_timeframe", m.baseTimeframe().label());
        props.put(FEATURE_SPEC_KEY, json(model.model().featureSpec().names()));
        ObjectNode map = JSON.createObjectNode();
        map.put("encoding", encoding);
        ObjectNode slots = map.putObject("slots");
        for (int i = 0; i < vocabulary.size(); i++) {
            slots.put(vocabulary.get(i).value(), i);
        }
        map.put("unknown_slot", vocabulary.size());
        map.put("input", vocabulary.isEmpty() ? "none" : SYMBOL_INPUT);
        props.put(SYMBOL_MAP_KEY, json(map));
        List<String> classes = new ArrayList<>();
        for (Label l : Label.values()) {
            classes.add(l.name());
        }
        props.put(CLASSES_KEY, json(classes));
        props.put("ktrdr.inputs", FEATURES_INPUT + ": float [batch, " + model.model().featureSpec().size()
                + "] raw features (scaler folded in)" + (vocabulary.isEmpty() ? "" : "; " + SYMBOL_INPUT
                + ": string [batch], unknown symbols take slot " + vocabulary.size()));
        return props;
    }

    /**
     * Finishes a graph: builds it, gives the {@value #SYMBOL_INPUT} input (if any) its string type, imports the
     * operator sets of the operators used and attaches the metadata properties.
     *
     * @param onnx the graph, its output assigned
     * @param operators every operator the graph uses (for the opset imports: the highest version per domain)
     * @param model the stored model (name, version)
     * @param properties the metadata properties
     * @return the model
     */
    public static OnnxMl.ModelProto model(ONNXContext onnx, Collection<? extends ONNXOperator> operators,
                                          StoredModel model, Map<String, String> properties) {
        OnnxMl.GraphProto graph = onnx.buildGraph();
        OnnxMl.GraphProto.Builder g = graph.toBuilder();
        for (int i = 0; i < g.getInputCount(); i++) {
            if (SYMBOL_INPUT.equals(g.getInput(i).getName())) {
                OnnxMl.TypeProto type = OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.STRING.getNumber())
                        .setShape(OnnxMl.TensorShapeProto.newBuilder().addDim(
                                OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam("batch")))).build();
                g.setInput(i, g.getInput(i).toBuilder().setType(type));
            }
        }
        Map<String, Integer> opsets = new TreeMap<>();
        for (ONNXOperator op : operators) {
            String domain = op.getOpDomain() == null ? "" : op.getOpDomain();
            opsets.merge(domain, op.getOpVersion(), Math::max);
        }
        OnnxMl.ModelProto.Builder b = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .setProducerName("ktrdr-java")
                .setProducerVersion(KtrdrVersion.get())
                .setDomain("dev.ktrdr")
                .setModelVersion(model.version())
                .setDocString("ktrdr model " + model.metadata().strategy() + "/" + model.directory().getFileName()
                        + ": BUY, HOLD, SELL probabilities")
                .setGraph(g);
        opsets.forEach((domain, version) -> b.addOpsetImport(
                OnnxMl.OperatorSetIdProto.newBuilder().setDomain(domain).setVersion(version)));
        properties.forEach((k, v) -> b.addMetadataProps(
                OnnxMl.StringStringEntryProto.newBuilder().setKey(k).setValue(v)));
        return b.build();
    }

    /**
     * @param proto an ONNX model
     * @return its metadata properties by key
     */
    public static Map<String, String> properties(OnnxMl.ModelProto proto) {
        Map<String, String> out = new LinkedHashMap<>();
        for (OnnxMl.StringStringEntryProto e : proto.getMetadataPropsList()) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    /**
     * @param model the stored model an exporter refuses
     * @param why the reason, one line
     * @return the exception to throw, naming the model's folder
     */
    public static ModelException refuse(StoredModel model, String why) {
        return new ModelException(model.directory() + ": cannot export to ONNX: " + why);
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(Objects.requireNonNull(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("JSON of plain strings and numbers failed", e);
        }
    }
}
