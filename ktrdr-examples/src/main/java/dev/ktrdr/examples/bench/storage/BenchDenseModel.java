package dev.ktrdr.examples.bench.storage;

import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelCodec;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.TradingModel;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A stand-in of MLP size for the storage benchmarks (one hidden ReLU layer, softmax output), so that
 * resolve-and-load is measured with realistic model bytes before the real MLP codec of ktrdr-training is
 * on the class path. Registered as codec {@code bench-dense} v1; it encodes only its own models, so it
 * never interferes with real models. Immutable and thread-safe.
 */
public final class BenchDenseModel implements TradingModel {
    private final FeatureSpec spec;
    private final int hidden;
    private final double[] w1;
    private final double[] w2;

    BenchDenseModel(FeatureSpec spec, int hidden, double[] w1, double[] w2) {
        this.spec = spec;
        this.hidden = hidden;
        this.w1 = w1;
        this.w2 = w2;
    }

    /**
     * @param spec feature names
     * @param hidden hidden units
     * @param seed weight seed
     * @return a model with random weights
     */
    public static BenchDenseModel random(FeatureSpec spec, int hidden, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] w1 = new double[(spec.size() + 1) * hidden];
        double[] w2 = new double[(hidden + 1) * Label.COUNT];
        for (int i = 0; i < w1.length; i++) {
            w1[i] = r.nextDouble(-0.1, 0.1);
        }
        for (int i = 0; i < w2.length; i++) {
            w2[i] = r.nextDouble(-0.1, 0.1);
        }
        return new BenchDenseModel(spec, hidden, w1, w2);
    }

    @Override
    public FeatureSpec featureSpec() {
        return spec;
    }

    @Override
    public void predict(double[] features, Symbol symbol, double[] probabilities) {
        int n = spec.size();
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < Label.COUNT; k++) {
            double z = w2[hidden * Label.COUNT + k];
            for (int h = 0; h < hidden; h++) {
                double a = w1[n * hidden + h];
                for (int j = 0; j < n; j++) {
                    a += w1[j * hidden + h] * features[j];
                }
                z += Math.max(0, a) * w2[h * Label.COUNT + k];
            }
            probabilities[k] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int k = 0; k < Label.COUNT; k++) {
            probabilities[k] = Math.exp(probabilities[k] - max);
            sum += probabilities[k];
        }
        for (int k = 0; k < Label.COUNT; k++) {
            probabilities[k] /= sum;
        }
    }

    /** The {@code bench-dense} v1 codec: counts, UTF-8 names, then IEEE doubles, big-endian. */
    public static final class Codec implements ModelCodec {
        @Override
        public String formatId() {
            return "bench-dense";
        }

        @Override
        public int formatVersion() {
            return 1;
        }

        @Override
        public boolean canEncode(TradingModel model) {
            return model instanceof BenchDenseModel;
        }

        @Override
        public byte[] encode(TradingModel model) {
            BenchDenseModel m = (BenchDenseModel) model;
            List<byte[]> names = new ArrayList<>();
            int size = 8;
            for (String s : m.spec.names()) {
                byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                names.add(b);
                size += 4 + b.length;
            }
            size += 8 * (m.w1.length + m.w2.length);
            ByteBuffer bb = ByteBuffer.allocate(size);
            bb.putInt(names.size()).putInt(m.hidden);
            for (byte[] b : names) {
                bb.putInt(b.length).put(b);
            }
            for (double v : m.w1) {
                bb.putDouble(v);
            }
            for (double v : m.w2) {
                bb.putDouble(v);
            }
            return bb.array();
        }

        @Override
        public TradingModel decode(byte[] bytes, int version) {
            try {
                ByteBuffer bb = ByteBuffer.wrap(bytes);
                int n = bb.getInt();
                int hidden = bb.getInt();
                if (n < 0 || n > 100_000 || hidden < 1 || hidden > 100_000) {
                    throw new ModelException("bench-dense: sizes out of range");
                }
                List<String> names = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    byte[] b = new byte[bb.getInt()];
                    bb.get(b);
                    names.add(new String(b, java.nio.charset.StandardCharsets.UTF_8));
                }
                double[] w1 = new double[(n + 1) * hidden];
                double[] w2 = new double[(hidden + 1) * Label.COUNT];
                bb.asDoubleBuffer().get(w1);
                bb.position(bb.position() + 8 * w1.length);
                bb.asDoubleBuffer().get(w2);
                return new BenchDenseModel(new FeatureSpec(names), hidden, w1, w2);
            } catch (RuntimeException e) {
                throw new ModelException("bench-dense: damaged model bytes: " + e, e);
            }
        }
    }
}
