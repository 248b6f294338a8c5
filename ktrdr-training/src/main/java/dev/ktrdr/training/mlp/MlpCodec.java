package dev.ktrdr.training.mlp;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.ModelCodec;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.TradingModel;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The {@code ktrdr-mlp} model format: an explicit big-endian binary layout written with
 * {@link DataOutputStream}, without Java serialization or class names. Registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/dev.ktrdr.api.ModelCodec}.
 *
 * <p>Version 1 layout, in order:
 * <pre>
 * int    magic 0x4B4D4C50 ("KMLP")
 * int    format version (1)
 * int    feature count F, then F × UTF feature name
 * F × double scaler mean, F × double scaler std
 * byte   symbol encoding: 0 none, 1 one_hot, 2 index, 3 embedding
 * int    embedding dimension; double symbol dropout
 * int    vocabulary size N, then N × UTF symbol
 * byte   activation: 0 relu, 1 tanh, 2 leaky_relu
 * int    hidden layer count H, then H × int width
 * int    parameter count P, then P × float (the flat layout of {@link MlpArchitecture})
 * int    provenance entry count E, then E × (UTF key, UTF value)
 * long   CRC-32 of every byte before it
 * </pre>
 * A new layout gets a new version number; this codec keeps reading every older version, and a fixture of
 * each version lives in the test resources ({@code fixtures/ktrdr-mlp-v1/}: add one per format version).
 *
 * <p>Stateless and thread-safe.
 */
public final class MlpCodec implements ModelCodec {
    /** The format id. */
    public static final String FORMAT_ID = "ktrdr-mlp";
    /** The newest format version. */
    public static final int CURRENT_VERSION = 1;
    private static final int MAGIC = 0x4B4D4C50;
    private static final int MAX_COUNT = 50_000_000;

    /** Creates the codec (ServiceLoader needs a public no-argument constructor). */
    public MlpCodec() {
    }

    @Override
    public String formatId() {
        return FORMAT_ID;
    }

    @Override
    public int formatVersion() {
        return CURRENT_VERSION;
    }

    @Override
    public boolean canEncode(TradingModel model) {
        return model instanceof MlpModel;
    }

    @Override
    public byte[] encode(TradingModel model) {
        if (!(model instanceof MlpModel)) {
            throw new ModelException("the ktrdr-mlp codec cannot encode " + model.getClass().getSimpleName());
        }
        MlpModel m = (MlpModel) model;
        MlpArchitecture a = m.architecture();
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(CURRENT_VERSION);
            List<String> names = a.featureSpec().names();
            out.writeInt(names.size());
            for (String n : names) {
                out.writeUTF(n);
            }
            StandardScaler s = m.scaler();
            for (int i = 0; i < s.size(); i++) {
                out.writeDouble(s.meanAt(i));
            }
            for (int i = 0; i < s.size(); i++) {
                out.writeDouble(s.stdAt(i));
            }
            SymbolEncoding e = a.encoding();
            out.writeByte(encodingCode(e.kind()));
            out.writeInt(e.embeddingDim());
            out.writeDouble(e.symbolDropout());
            out.writeInt(e.vocabulary().size());
            for (Symbol sym : e.vocabulary()) {
                out.writeUTF(sym.value());
            }
            out.writeByte(activationCode(a.activation()));
            out.writeInt(a.hiddenSizes().size());
            for (int h : a.hiddenSizes()) {
                out.writeInt(h);
            }
            float[] p = m.parametersUnsafe();
            out.writeInt(p.length);
            for (float v : p) {
                out.writeFloat(v);
            }
            out.writeInt(m.provenance().size());
            for (Map.Entry<String, String> en : m.provenance().entrySet()) {
                out.writeUTF(en.getKey());
                out.writeUTF(en.getValue());
            }
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException ex) {
            // a ByteArrayOutputStream does not fail; a UTF string over 65535 bytes does
            throw new ModelException("cannot encode the model: " + ex.getMessage(), ex);
        }
    }

    @Override
    public TradingModel decode(byte[] bytes, int version) {
        if (version < 1 || version > CURRENT_VERSION) {
            throw new ModelException("ktrdr-mlp format version " + version + " is unknown; this library reads versions 1 to "
                    + CURRENT_VERSION);
        }
        if (bytes.length < 16) {
            throw new ModelException("ktrdr-mlp model is damaged: only " + bytes.length + " bytes");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = 0;
        for (int i = bytes.length - 8; i < bytes.length; i++) {
            stored = (stored << 8) | (bytes[i] & 0xFF);
        }
        if (crc.getValue() != stored) {
            throw new ModelException("ktrdr-mlp model is damaged: CRC-32 mismatch");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8))) {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new ModelException("not a ktrdr-mlp model: magic " + Integer.toHexString(magic));
            }
            int written = in.readInt();
            if (written != version) {
                throw new ModelException("ktrdr-mlp model says version " + written + " but was declared as version " + version);
            }
            int f = count(in, "feature", bytes.length);
            List<String> names = new ArrayList<>(f);
            for (int i = 0; i < f; i++) {
                names.add(in.readUTF());
            }
            double[] mean = new double[f];
            double[] std = new double[f];
            for (int i = 0; i < f; i++) {
                mean[i] = in.readDouble();
            }
            for (int i = 0; i < f; i++) {
                std[i] = in.readDouble();
            }
            SymbolEncoding.Kind kind = encodingOf(in.readByte());
            int dim = in.readInt();
            double symbolDropout = in.readDouble();
            int nv = count(in, "vocabulary", bytes.length);
            List<Symbol> vocab = new ArrayList<>(nv);
            for (int i = 0; i < nv; i++) {
                vocab.add(Symbol.of(in.readUTF()));
            }
            Activation act = activationOf(in.readByte());
            int nh = count(in, "hidden layer", bytes.length);
            List<Integer> hidden = new ArrayList<>(nh);
            for (int i = 0; i < nh; i++) {
                hidden.add(in.readInt());
            }
            MlpArchitecture arch = new MlpArchitecture(new FeatureSpec(names),
                    new SymbolEncoding(kind, vocab, dim, symbolDropout), hidden, act);
            int np = count(in, "parameter", bytes.length);
            if (np != arch.parameterCount()) {
                throw new ModelException("ktrdr-mlp model is damaged: " + np + " parameters stored but the architecture needs "
                        + arch.parameterCount());
            }
            float[] p = new float[np];
            for (int i = 0; i < np; i++) {
                p[i] = in.readFloat();
            }
            int ne = count(in, "provenance", bytes.length);
            Map<String, String> prov = new LinkedHashMap<>();
            for (int i = 0; i < ne; i++) {
                prov.put(in.readUTF(), in.readUTF());
            }
            if (in.available() > 0) {
                throw new ModelException("ktrdr-mlp model is damaged: " + in.available() + " unexpected trailing bytes");
            }
            return new MlpModel(arch, new StandardScaler(mean, std), p, prov);
        } catch (IOException | IllegalArgumentException | ConfigurationException ex) {
            throw new ModelException("ktrdr-mlp model is damaged: " + ex.getMessage(), ex);
        }
    }

    private static int count(DataInputStream in, String what, int byteCount) throws IOException {
        int n = in.readInt();
        // every entry takes at least one byte, so a count above the byte count is damage, not a huge model
        if (n < 0 || n > MAX_COUNT || n > byteCount) {
            throw new ModelException("ktrdr-mlp model is damaged: " + what + " count " + n);
        }
        return n;
    }

    private static int encodingCode(SymbolEncoding.Kind k) {
        switch (k) {
            case NONE: return 0;
            case ONE_HOT: return 1;
            case INDEX: return 2;
            default: return 3;
        }
    }

    private static SymbolEncoding.Kind encodingOf(int code) {
        switch (code) {
            case 0: return SymbolEncoding.Kind.NONE;
            case 1: return SymbolEncoding.Kind.ONE_HOT;
            case 2: return SymbolEncoding.Kind.INDEX;
            case 3: return SymbolEncoding.Kind.EMBEDDING;
            default: throw new ModelException("ktrdr-mlp model is damaged: symbol encoding code " + code);
        }
    }

    private static int activationCode(Activation a) {
        switch (a) {
            case RELU: return 0;
            case TANH: return 1;
            default: return 2;
        }
    }

    private static Activation activationOf(int code) {
        switch (code) {
            case 0: return Activation.RELU;
            case 1: return Activation.TANH;
            case 2: return Activation.LEAKY_RELU;
            default: throw new ModelException("ktrdr-mlp model is damaged: activation code " + code);
        }
    }
}
