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
    /** Checks presence and the hash's form. */
    public ShardKey {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(barsHash, "barsHash");
        if (!barsHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("bars hash '" + barsHash + "' is not 64 lower-case hex digits");
        }
    }

    /** @return lower-case hex SHA-256 of the settings text (UTF-8) */
    public String settingsHash() {
        return sha256(settings.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * SHA-256 over every timeframe of the bars, in the bars' timeframe order: the timeframe label, the bar
     * count and per bar open time, close time and the raw bits of open, high, low, close and volume. Any
     * changed, added or removed bar changes the hash.
     *
     * @param bars the input bars (after the date range)
     * @return lower-case hex digest
     */
    public static String hashBars(MultiTimeframeBars bars) {
        MessageDigest md = digest();
        ByteBuffer buf = ByteBuffer.allocate(56 * 1024).order(ByteOrder.LITTLE_ENDIAN);
        for (Timeframe tf : bars.timeframes()) {
            BarSeries s = bars.get(tf);
            md.update(tf.label().getBytes(StandardCharsets.UTF_8));
            buf.clear();
            buf.putInt(s.size());
            long[] open = s.openTimes();
            long[] close = s.closeTimes();
            double[] o = s.opens();
            double[] h = s.highs();
            double[] l = s.lows();
            double[] c = s.closes();
            double[] v = s.volumes();
            for (int i = 0; i < open.length; i++) {
                if (buf.remaining() < 56) {
                    md.update(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putLong(open[i]).putLong(close[i]).putDouble(o[i]).putDouble(h[i]).putDouble(l[i])
                        .putDouble(c[i]).putDouble(v[i]);
            }
            md.update(buf.array(), 0, buf.position());
        }
        return HexFormat.of().formatHex(md.digest());
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
