package dev.ktrdr.training.shard;

import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.mlp.RowSource;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Selected rows of one mapped shard as a {@link RowSource}: row k is shard row {@code rows[k]} with class
 * {@code classes[k]}. Only the selection (4 bytes a row) and its classes (1 byte a row) live in the heap; the
 * features are read from the mapping when the trainer gathers a batch. Immutable and thread-safe.
 */
public final class ShardRows implements RowSource {
    private final FeatureShard shard;
    private final int[] rows;
    private final byte[] classes;

    /**
     * @param shard the shard
     * @param rows shard rows, each in [0, shard.rows())
     * @param classes one class in [0, 3) per selected row
     * @throws IllegalArgumentException when lengths differ, a row is out of range or a class is not a class
     */
    public ShardRows(FeatureShard shard, int[] rows, byte[] classes) {
        this.shard = Objects.requireNonNull(shard, "shard");
        this.rows = rows.clone();
        this.classes = classes.clone();
        if (this.rows.length != this.classes.length) {
            throw new IllegalArgumentException(shard.symbol() + ": " + rows.length + " rows but " + classes.length
                    + " classes");
        }
        for (int k = 0; k < this.rows.length; k++) {
            if (this.rows[k] < 0 || this.rows[k] >= shard.rows()) {
                throw new IllegalArgumentException(shard.symbol() + ": row " + this.rows[k] + " is not in [0, "
                        + shard.rows() + ")");
            }
            if (this.classes[k] < 0 || this.classes[k] >= Label.COUNT) {
                throw new IllegalArgumentException(shard.symbol() + ": class " + this.classes[k] + " at " + k
                        + " is not 0, 1 or 2");
            }
        }
    }

    @Override
    public Symbol symbol() {
        return shard.symbol();
    }

    @Override
    public FeatureSpec spec() {
        return shard.spec();
    }

    @Override
    public int rows() {
        return rows.length;
    }

    @Override
    public byte label(int row) {
        return classes[row];
    }

    @Override
    public void copyRow(int row, double[] dst, int offset) {
        shard.copyRow(rows[row], dst, offset);
    }

    /** @return SHA-256 of the shard's settings and bars hashes, the selected rows and their classes */
    @Override
    public String dataHash() {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        md.update(shard.key().settingsHash().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        md.update(shard.key().barsHash().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.allocate(5);
        for (int k = 0; k < rows.length; k++) {
            b.clear();
            b.putInt(rows[k]).put(classes[k]);
            md.update(b.array());
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public String toString() {
        return "ShardRows[" + shard.symbol() + ", " + rows.length + " rows]";
    }
}
