package dev.ktrdr.training.onnx;

import ai.onnx.proto.OnnxMl;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

import java.util.Map;
import java.util.Set;

/**
 * Operators of the ONNX-ML domain ({@code ai.onnx.ml}) that Tribuo 4.3.2's {@code ONNXOperators} lacks. Public so
 * that exporters of other model types (trees: {@code TreeEnsembleClassifier}) can add theirs beside them.
 */
public enum OnnxMlOperators implements ONNXOperator {
    /**
     * LabelEncoder, opset 2: maps each string of a tensor through {@code keys_strings} to the {@code values_int64s}
     * at the same position, and a string not among the keys to {@code default_int64}.
     */
    LABEL_ENCODER("LabelEncoder", 2, Map.of(
            "keys_strings", new ONNXAttribute("keys_strings", OnnxMl.AttributeProto.AttributeType.STRINGS, true),
            "values_int64s", new ONNXAttribute("values_int64s", OnnxMl.AttributeProto.AttributeType.INTS, true),
            "default_int64", new ONNXAttribute("default_int64", OnnxMl.AttributeProto.AttributeType.INT, true)));

    /** The ONNX-ML operator domain. */
    public static final String DOMAIN = "ai.onnx.ml";

    private final String opName;
    private final int version;
    private final Map<String, ONNXAttribute> attributes;

    OnnxMlOperators(String opName, int version, Map<String, ONNXAttribute> attributes) {
        this.opName = opName;
        this.version = version;
        this.attributes = attributes;
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return 1;
    }

    @Override
    public int getNumOptionalInputs() {
        return 0;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return attributes.keySet();
    }

    @Override
    public int getOpVersion() {
        return version;
    }

    @Override
    public String getOpDomain() {
        return DOMAIN;
    }
}
