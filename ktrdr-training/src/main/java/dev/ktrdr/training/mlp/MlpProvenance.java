package dev.ktrdr.training.mlp;

import dev.ktrdr.api.FeatureMatrix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the provenance of a trained MLP as flat text pairs, the shape {@code ModelMetadata.provenance} takes:
 * strategy hash, one SHA-256 per training data set, seed, every trainer setting ({@code mlp.*}) and the versions
 * of ktrdr-java, Tribuo and Java, plus the OS architecture (floating-point results can differ between
 * platforms).
 *
 * <p>Stateless and thread-safe.
 */
public final class MlpProvenance {
    /** Key of the strategy text's SHA-256. */
    public static final String STRATEGY_SHA256 = "strategy_sha256";
    /** Key prefix of per-symbol data hashes: {@code data_sha256.{SYMBOL}}. */
    public static final String DATA_SHA256 = "data_sha256.";
    /** Key of the seed. */
    public static final String SEED = "seed";

    private MlpProvenance() {
    }

    /**
     * @param config the trainer settings
     * @param strategyText the exact strategy text, or null when there is none (then no hash is recorded)
     * @param training the training rows per symbol (hashed: symbol, feature names, times, values, labels)
     * @return sorted provenance pairs
     */
    public static Map<String, String> of(MlpConfig config, String strategyText, List<SymbolRows> training) {
        Map<String, String> m = new TreeMap<>();
        if (strategyText != null) {
            m.put(STRATEGY_SHA256, sha256(strategyText.getBytes(StandardCharsets.UTF_8)));
        }
        for (SymbolRows rows : training) {
            String key = DATA_SHA256 + rows.features().symbol().value();
            String h = dataHash(rows);
            // a symbol given twice (e.g. two windows) gets its hashes joined in order
            m.merge(key, h, (a, b) -> a + "," + b);
        }
        m.put(SEED, Long.toString(config.seed()));
        config.describe().forEach((k, v) -> m.put("mlp." + k, v));
        m.put("ktrdr_version", libraryVersion());
        m.put("tribuo_version", tribuoVersion());
        m.put("java_version", System.getProperty("java.version", "unknown"));
        m.put("java_vendor", System.getProperty("java.vendor", "unknown"));
        m.put("os_arch", System.getProperty("os.arch", "unknown"));
        return m;
    }

    /**
     * @param rows one symbol's rows
     * @return the hex SHA-256 of the symbol, feature names, row times, values and labels
     */
    public static String dataHash(SymbolRows rows) {
        MessageDigest md = digest();
        FeatureMatrix fm = rows.features();
        md.update(fm.symbol().value().getBytes(StandardCharsets.UTF_8));
        for (String name : fm.spec().names()) {
            md.update((byte) 0);
            md.update(name.getBytes(StandardCharsets.UTF_8));
        }
        ByteBuffer buf = ByteBuffer.allocate(8 * (1 + fm.columns()) + 1);
        for (int r = 0; r < fm.rows(); r++) {
            buf.clear();
            buf.putLong(fm.time(r));
            for (int c = 0; c < fm.columns(); c++) {
                buf.putDouble(fm.get(r, c));
            }
            buf.put(rows.labelAt(r));
            md.update(buf.array(), 0, buf.position());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /**
     * @param bytes any bytes
     * @return their hex SHA-256
     */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    /** @return the ktrdr-java version from the jar manifest, or {@code development} when run from classes */
    public static String libraryVersion() {
        String v = MlpProvenance.class.getPackage().getImplementationVersion();
        return v == null ? "development" : v;
    }

    /** @return the Tribuo version ktrdr-training is compiled against (a constant: Tribuo need not be on the class path) */
    public static String tribuoVersion() {
        return org.tribuo.Tribuo.VERSION;
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
