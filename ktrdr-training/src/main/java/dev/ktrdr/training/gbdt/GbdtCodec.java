package dev.ktrdr.training.gbdt;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.ModelCodec;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.training.mlp.MlpProvenance;
import dev.ktrdr.training.mlp.SymbolEncoding;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The {@code ktrdr-gbdt} model format: an explicit big-endian layout written with {@link DataOutputStream}, no Java
 * serialization and no class names; the native model (LightGBM's model text) is embedded with its SHA-256 and is
 * handed to the native library only after that digest and the CRC-32 of the whole file match. In a model store
 * the file itself ({@code model.bin}) is also checked against the manifest's SHA-256 before this codec sees it.
 *
 * <p>Version 1 layout, in order:
 * <pre>
 * int    magic 0x4B474254 ("KGBT")
 * int    format version (1)
 * int    feature count F, then F × UTF feature name
 * byte   symbol encoding: 0 none, 1 one_hot, 2 index
 * int    vocabulary size N, then N × UTF symbol
 * int    provenance entry count E, then E × (UTF key, UTF value)
 * 32     SHA-256 of the native model bytes
 * int    native model length L (≤ 512 MiB), then L bytes (UTF-8 LightGBM model text)
 * long   CRC-32 of every byte before it
 * </pre>
 * Decoding needs LightGBM on the class path ({@link TreeBindings}); without it, one {@link ModelException} says
 * which artifact to add.
 *
 * <p>Stateless and thread-safe.
 */
public final class GbdtCodec implements ModelCodec {
    /** The format id. */
    public static final String FORMAT_ID = "ktrdr-gbdt";
    /** The newest format version. */
    public static final int CURRENT_VERSION = 1;
    private static final int MAGIC = 0x4B474254;
    private static final int MAX_COUNT = 1_000_000;
    private static final int MAX_NATIVE = 512 << 20;

    /** Creates the codec (ServiceLoader needs a public no-argument constructor). */
    public GbdtCodec() {
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
        return model instanceof GbdtModel;
    }

    @Override
    public byte[] encode(TradingModel model) {
        if (!(model instanceof GbdtModel m)) {
            throw new ModelException("the ktrdr-gbdt codec cannot encode " + model.getClass().getSimpleName());
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(CURRENT_VERSION);
            List<String> names = m.featureSpec().names();
            out.writeInt(names.size());
            for (String n : names) {
                out.writeUTF(n);
            }
            out.writeByte(code(m.encoding()));
            out.writeInt(m.vocabulary().size());
            for (Symbol s : m.vocabulary()) {
                out.writeUTF(s.value());
            }
            Map<String, String> prov = new java.util.TreeMap<>(m.provenance());
            out.writeInt(prov.size());
            for (Map.Entry<String, String> e : prov.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            byte[] a = m.modelBytes();
            out.write(sha256(a));
            out.writeInt(a.length);
            out.write(a);
            out.flush();
            CRC32 crc = new CRC32();
            crc.update(bytes.toByteArray());
            out.writeLong(crc.getValue());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException ex) {
            throw new ModelException("cannot encode the model: " + ex.getMessage(), ex);
        }
    }

    @Override
    public TradingModel decode(byte[] bytes, int version) {
        if (version < 1 || version > CURRENT_VERSION) {
            throw new ModelException("ktrdr-gbdt format version " + version + " is unknown; this library reads versions 1 to "
                    + CURRENT_VERSION);
        }
        if (bytes.length < 16) {
            throw new ModelException("ktrdr-gbdt model is damaged: only " + bytes.length + " bytes");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, bytes.length - 8);
        long stored = java.nio.ByteBuffer.wrap(bytes, bytes.length - 8, 8).getLong();
        if (crc.getValue() != stored) {
            throw new ModelException("ktrdr-gbdt model is damaged: CRC-32 mismatch");
        }
        FeatureSpec spec;
        SymbolEncoding.Kind encoding;
        List<Symbol> vocabulary = new ArrayList<>();
        Map<String, String> provenance = new LinkedHashMap<>();
        byte[] nativeModel;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 8))) {
            int magic = in.readInt();
            if (magic != MAGIC) {
                throw new ModelException("not a ktrdr-gbdt model: magic " + Integer.toHexString(magic));
            }
            int written = in.readInt();
            if (written != version) {
                throw new ModelException("ktrdr-gbdt model says version " + written + " but was declared as version " + version);
            }
            int f = count(in.readInt(), bytes.length, "feature");
            List<String> names = new ArrayList<>(f);
            for (int i = 0; i < f; i++) {
                names.add(in.readUTF());
            }
            spec = new FeatureSpec(names);
            encoding = kind(in.readByte());
            int n = count(in.readInt(), bytes.length, "symbol");
            for (int i = 0; i < n; i++) {
                vocabulary.add(Symbol.of(in.readUTF()));
            }
            int e = count(in.readInt(), bytes.length, "provenance");
            for (int i = 0; i < e; i++) {
                provenance.put(in.readUTF(), in.readUTF());
            }
            byte[] digest = in.readNBytes(32);
            int length = in.readInt();
            if (length < 0 || length > MAX_NATIVE || length > in.available()) {
                throw new ModelException("ktrdr-gbdt model is damaged: native model length " + length);
            }
            nativeModel = in.readNBytes(length);
            if (in.available() != 0) {
                throw new ModelException("ktrdr-gbdt model is damaged: " + in.available() + " unexpected trailing bytes");
            }
            if (!MessageDigest.isEqual(digest, sha256(nativeModel))) {
                throw new ModelException("ktrdr-gbdt model is damaged: the native model's SHA-256 is "
                        + HexFormat.of().formatHex(sha256(nativeModel)) + ", the header says "
                        + HexFormat.of().formatHex(digest));
            }
        } catch (IOException | ConfigurationException | IllegalArgumentException ex) {
            throw new ModelException("ktrdr-gbdt model is damaged: " + ex.getMessage(), ex);
        }
        // only now does anything reach the native library
        TreeBinding binding = TreeBindings.require("loading model format '" + FORMAT_ID + "'");
        TreeBooster booster = binding.load(nativeModel,
                spec.size() + GbdtModel.encodingColumns(encoding, vocabulary.size()));
        return new GbdtModel(spec, encoding, vocabulary, booster, provenance);
    }

    private static int count(int n, int byteCount, String what) {
        if (n < 0 || n > MAX_COUNT || n > byteCount) {
            throw new ModelException("ktrdr-gbdt model is damaged: " + what + " count " + n);
        }
        return n;
    }

    private static int code(SymbolEncoding.Kind k) {
        return switch (k) {
            case NONE -> 0;
            case ONE_HOT -> 1;
            case INDEX -> 2;
            default -> throw new ModelException("ktrdr-gbdt cannot store symbol encoding " + k.id());
        };
    }

    private static SymbolEncoding.Kind kind(byte code) {
        return switch (code) {
            case 0 -> SymbolEncoding.Kind.NONE;
            case 1 -> SymbolEncoding.Kind.ONE_HOT;
            case 2 -> SymbolEncoding.Kind.INDEX;
            default -> throw new ModelException("ktrdr-gbdt model is damaged: symbol encoding code " + code);
        };
    }

    private static byte[] sha256(byte[] b) {
        return HexFormat.of().parseHex(MlpProvenance.sha256(b));
    }
}
