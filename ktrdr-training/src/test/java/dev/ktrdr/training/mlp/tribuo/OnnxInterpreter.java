package dev.ktrdr.training.mlp.tribuo;

import ai.onnx.proto.OnnxMl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the few ONNX operators an exported MLP uses (Gemm without transposes, Relu, Tanh, LeakyRelu, Softmax
 * over axis 1) for one input row, straight from the graph proto: a test oracle independent of the model code.
 */
final class OnnxInterpreter {
    private OnnxInterpreter() {
    }

    static double[] run(OnnxMl.GraphProto g, double[] input) {
        Map<String, double[]> values = new HashMap<>();
        Map<String, List<Long>> dims = new HashMap<>();
        for (OnnxMl.TensorProto t : g.getInitializerList()) {
            values.put(t.getName(), floats(t));
            dims.put(t.getName(), t.getDimsList());
        }
        values.put(g.getInput(0).getName(), input);
        double[] last = null;
        for (OnnxMl.NodeProto n : g.getNodeList()) {
            double[] x = values.get(n.getInput(0));
            double[] y;
            switch (n.getOpType()) {
                case "Gemm": {
                    double[] w = values.get(n.getInput(1));
                    double[] b = values.get(n.getInput(2));
                    int in = dims.get(n.getInput(1)).get(0).intValue();
                    int out = dims.get(n.getInput(1)).get(1).intValue();
                    y = new double[out];
                    for (int o = 0; o < out; o++) {
                        double s = b[o];
                        for (int i = 0; i < in; i++) {
                            s += x[i] * w[i * out + o];
                        }
                        y[o] = s;
                    }
                    break;
                }
                case "Identity":
                    y = x;
                    break;
                case "Relu":
                    y = x.clone();
                    for (int i = 0; i < y.length; i++) {
                        y[i] = Math.max(0, y[i]);
                    }
                    break;
                case "Tanh":
                    y = x.clone();
                    for (int i = 0; i < y.length; i++) {
                        y[i] = Math.tanh(y[i]);
                    }
                    break;
                case "LeakyRelu": {
                    double alpha = n.getAttribute(0).getF();
                    y = x.clone();
                    for (int i = 0; i < y.length; i++) {
                        y[i] = y[i] >= 0 ? y[i] : alpha * y[i];
                    }
                    break;
                }
                case "Softmax": {
                    double max = Double.NEGATIVE_INFINITY;
                    for (double v : x) {
                        max = Math.max(max, v);
                    }
                    double s = 0;
                    y = new double[x.length];
                    for (int i = 0; i < x.length; i++) {
                        y[i] = Math.exp(x[i] - max);
                        s += y[i];
                    }
                    for (int i = 0; i < x.length; i++) {
                        y[i] /= s;
                    }
                    break;
                }
                default:
                    throw new IllegalStateException("operator " + n.getOpType() + " is not interpreted");
            }
            values.put(n.getOutput(0), y);
            last = y;
        }
        return last;
    }

    private static double[] floats(OnnxMl.TensorProto t) {
        if (t.getFloatDataCount() > 0) {
            double[] d = new double[t.getFloatDataCount()];
            for (int i = 0; i < d.length; i++) {
                d[i] = t.getFloatData(i);
            }
            return d;
        }
        ByteBuffer bb = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        double[] d = new double[bb.remaining() / 4];
        for (int i = 0; i < d.length; i++) {
            d[i] = bb.getFloat();
        }
        return d;
    }
}
