package dev.ktrdr.storage.testcodec;

import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelCodec;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.TradingModel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Test codec "test-linear" v1: magic, feature count, names (UTF), weights, bias as IEEE doubles. */
public final class LinearSoftmaxCodec implements ModelCodec {
    /** The format id. */
    public static final String ID = "test-linear";
    private static final int MAGIC = 0x4C494E31;

    @Override
    public String formatId() {
        return ID;
    }

    @Override
    public int formatVersion() {
        return 1;
    }

    @Override
    public boolean canEncode(TradingModel model) {
        return model instanceof LinearSoftmaxModel;
    }

    @Override
    public byte[] encode(TradingModel model) {
        LinearSoftmaxModel m = (LinearSoftmaxModel) model;
        try {
            ByteArrayOutputStream bos = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bos);
            out.writeInt(MAGIC);
            out.writeInt(m.featureSpec().size());
            for (String n : m.featureSpec().names()) {
                out.writeUTF(n);
            }
            for (double w : m.weights()) {
                out.writeDouble(w);
            }
            for (double b : m.bias()) {
                out.writeDouble(b);
            }
            out.flush();
            return bos.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public TradingModel decode(byte[] bytes, int version) {
        if (version != 1) {
            throw new ModelException("test-linear version " + version + " is unknown");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            if (in.readInt() != MAGIC) {
                throw new ModelException("not a test-linear model (bad magic)");
            }
            int n = in.readInt();
            if (n < 0 || n > 100_000) {
                throw new ModelException("feature count " + n + " out of range");
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                names.add(in.readUTF());
            }
            double[] w = new double[Label.COUNT * n];
            for (int i = 0; i < w.length; i++) {
                w[i] = in.readDouble();
            }
            double[] b = new double[Label.COUNT];
            for (int i = 0; i < b.length; i++) {
                b[i] = in.readDouble();
            }
            if (in.available() != 0) {
                throw new ModelException("trailing bytes");
            }
            return new LinearSoftmaxModel(new FeatureSpec(names), w, b);
        } catch (IOException e) {
            throw new ModelException("truncated test-linear model", e);
        }
    }
}
