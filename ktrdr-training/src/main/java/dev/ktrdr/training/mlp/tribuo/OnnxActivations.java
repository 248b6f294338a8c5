package dev.ktrdr.training.mlp.tribuo;

import ai.onnx.proto.OnnxMl;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * The ONNX activation operators Tribuo 4.3.2's {@code ONNXOperators} lacks (Relu, Tanh, LeakyRelu), in the
 * default ONNX domain at opset 6, where all three are defined with their current semantics. Public for the
 * ONNX exporter of stored models ({@code dev.ktrdr.training.onnx}).
 */
public enum OnnxActivations implements ONNXOperator {
    /** max(0, x). */
    RELU("Relu", Collections.emptyMap()),
    /** tanh(x). */
    TANH("Tanh", Collections.emptyMap()),
    /** x for x &gt;= 0, alpha x otherwise. */
    LEAKY_RELU("LeakyRelu", Map.of("alpha", new ONNXAttribute("alpha", OnnxMl.AttributeProto.AttributeType.FLOAT, false)));

    private final String opName;
    private final Map<String, ONNXAttribute> attributes;

    OnnxActivations(String opName, Map<String, ONNXAttribute> attributes) {
        this.opName = opName;
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
        return Collections.emptySet();
    }

    @Override
    public int getOpVersion() {
        return 6;
    }

    @Override
    public String getOpDomain() {
        return null;
    }
}
