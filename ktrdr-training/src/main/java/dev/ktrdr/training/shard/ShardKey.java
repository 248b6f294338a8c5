package dev.ktrdr.training.shard;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * What a shard was built from: the symbol, the feature-relevant strategy settings (a canonical text, see
 * {@link FeatureStore#settingsOf}) and the SHA-256 of the input bars ({@link #hashBars}). A shard is reused
 * only when all three are equal to the key it was written with.
 *
 * @param symbol the symbol
 * @param settings the canonical feature-relevant settings text
 * @param barsHash lower-case hex SHA-256 of the input bars
 */
public record ShardKey(Symbol symbol, String settings, String barsHash) {
    private static final java.util.regex.Pattern HEX64 = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    /** Checks presence and the hash's form. */
    public ShardKey {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(barsHash, "barsHash");
        if (!HEX64.matcher(barsHash).matches()) {
            throw new IllegalArgumentException("bars hash '" + barsHash + "' is not 64 lower-case hex digits");
        }
    }

    /** @return lower-case hex SHA-256 of the settings text (UTF-8) */
    public String settingsHash() {
        return sha256(settings.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * SHA-256 over every timeframe of the bars, in the bars' timeframe order: the timeframe label, the bar
     * count, then whole columns in little-endian order: open times, close times and the raw bits of opens,
     * highs, lows, closes and volumes. Any changed, added or removed bar changes the hash. Columns rather than
     * bars, so that each is handed to the digest in one bulk copy (about three times faster in a fresh JVM
     * than packing bar by bar).
     *
     * @param bars the input bars (after the date range)
     * @return lower-case hex digest
     */
    public static String hashBars(MultiTimeframeBars bars) {
        MessageDigest md = digest();
        ByteBuffer buf = ByteBuffer.allocate(0);
        for (Timeframe tf : bars.timeframes()) {
            BarSeries s = bars.get(tf);
            int n = s.size();
            md.update(tf.label().getBytes(StandardCharsets.UTF_8));
            md.update(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(n).array());
            if (buf.capacity() < n * 8) {
                buf = ByteBuffer.allocate(n * 8).order(ByteOrder.LITTLE_ENDIAN);
            }
            digestColumn(md, buf, s.openTimes());
            digestColumn(md, buf, s.closeTimes());
            for (double[] column : List.of(s.opens(), s.highs(), s.lows(), s.closes(), s.volumes())) {
                buf.clear();
                buf.asDoubleBuffer().put(column); // raw bits, as doubleToRawLongBits
                md.update(buf.array(), 0, column.length * 8);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static void digestColumn(MessageDigest md, ByteBuffer buf, long[] column) {
        buf.clear();
        buf.asLongBuffer().put(column);
        md.update(buf.array(), 0, column.length * 8);
    }

    /**
     * @param bytes any bytes
     * @return their lower-case hex SHA-256
     */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
