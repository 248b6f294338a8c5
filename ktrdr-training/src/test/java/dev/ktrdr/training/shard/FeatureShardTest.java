package dev.ktrdr.training.shard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Labels;
import dev.ktrdr.api.Symbol;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureShardTest {
    private static final Symbol SYM = Symbol.of("AAPL");
    private static final String BARS = "a".repeat(64);
    private static final String OTHER_BARS = "b".repeat(64);

    @TempDir
    Path dir;

    static FeatureMatrix matrix(int rows, int cols, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<String> names = new ArrayList<>();
        for (int c = 0; c < cols; c++) {
            names.add("1h_f" + c);
        }
        long[] t = new long[rows];
        double[] v = new double[rows * cols];
        double[] special = {0.0, -0.0, Double.MIN_VALUE, 1e-40, Float.MAX_VALUE, -1e30, 0.1, 1.0 / 3};
        for (int r = 0; r < rows; r++) {
            t[r] = 1_600_000_000_000L + r * 3_600_000L;
            for (int c = 0; c < cols; c++) {
                v[r * cols + c] = rnd.nextInt(5) == 0 ? special[rnd.nextInt(special.length)] : rnd.nextGaussian() * 1e3;
            }
        }
        return new FeatureMatrix(SYM, new FeatureSpec(names), t, v);
    }

    static Labels labels(FeatureMatrix f, int extra, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = f.rows() + extra;
        long[] t = new long[n];
        byte[] c = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = f.time(0) - extra * 3_600_000L + i * 3_600_000L;
            c[i] = (byte) (rnd.nextInt(4) - 1);
        }
        return new Labels(SYM, t, c, 7);
    }

    @Test
    void roundTripIsBitwise() throws IOException {
        FeatureMatrix f = matrix(301, 13, 1);
        Labels l = labels(f, 20, 2);
        ShardKey key = new ShardKey(SYM, "{\"x\":1}", BARS);
        Path file = dir.resolve("s.kshard");
        FeatureShard.write(file, key, f, l, 20, List.of("symbol AAPL: labels"));
        FeatureShard s = FeatureShard.open(file, key);
        assertThat(s.rows()).isEqualTo(301);
        assertThat(s.columns()).isEqualTo(13);
        assertThat(s.spec()).isEqualTo(f.spec());
        assertThat(s.key()).isEqualTo(key);
        assertThat(s.warmupDropped()).isEqualTo(20);
        assertThat(s.overrides()).containsExactly("symbol AAPL: labels");
        double[] row = new double[13];
        for (int r = 0; r < f.rows(); r++) {
            assertThat(s.time(r)).isEqualTo(f.time(r));
            s.copyRow(r, row, 0);
            for (int c = 0; c < f.columns(); c++) {
                float want = (float) f.get(r, c);
                assertThat(Float.floatToRawIntBits(s.get(r, c))).isEqualTo(Float.floatToRawIntBits(want));
                assertThat(Double.doubleToRawLongBits(row[c])).isEqualTo(Double.doubleToRawLongBits((double) want));
            }
        }
        assertThat(s.labels()).isEqualTo(l);
        FeatureMatrix back = s.features();
        assertThat(back.times()).isEqualTo(f.times());
        assertThat(s.times()).isEqualTo(f.times());
        // writing what was read gives the same bytes
        Path again = dir.resolve("t.kshard");
        FeatureShard.write(again, key, back, s.labels(), 20, s.overrides());
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    }

    /** A store's reused buffers (holding an earlier, larger shard) change no byte of the next shard. */
    @Test
    void pooledWritesGiveTheSameBytes() throws IOException {
        ScratchPool pool = new ScratchPool(1);
        FeatureMatrix big = matrix(3_000, 40, 5);
        FeatureShard.write(dir.resolve("big.kshard"), new ShardKey(SYM, "{}", BARS), ShardFeatures.of(big),
                labels(big, 0, 6), 0, List.of(), FeatureShard.Extras.NONE, pool);
        FeatureMatrix small = matrix(700, 9, 7);
        Labels l = labels(small, 3, 8);
        ShardKey key = new ShardKey(SYM, "{\"x\":2}", BARS);
        FeatureShard.write(dir.resolve("pooled.kshard"), key, ShardFeatures.of(small), l, 3, List.of(),
                FeatureShard.Extras.NONE, pool);
        FeatureShard.write(dir.resolve("plain.kshard"), key, small, l, 3, List.of());
        assertThat(Files.readAllBytes(dir.resolve("pooled.kshard"))).isEqualTo(Files.readAllBytes(dir.resolve("plain.kshard")));
        assertThat(pool.kept()).isEqualTo(1);
    }

    @Test
    void emptyShardRoundTrips() throws IOException {
        FeatureMatrix f = matrix(0, 3, 1);
        Labels l = new Labels(SYM, new long[0], new byte[0], 0);
        ShardKey key = new ShardKey(SYM, "s", BARS);
        FeatureShard.write(dir.resolve("e.kshard"), key, f, l, 0, List.of());
        FeatureShard s = FeatureShard.open(dir.resolve("e.kshard"), key);
        assertThat(s.rows()).isZero();
        assertThat(s.labels().size()).isZero();
    }

    @Test
    void otherBarsOrSettingsAreRefused() throws IOException {
        FeatureMatrix f = matrix(50, 4, 3);
        ShardKey key = new ShardKey(SYM, "settings-A", BARS);
        Path file = dir.resolve("s.kshard");
        FeatureShard.write(file, key, f, labels(f, 0, 4), 0, List.of());
        assertThatThrownBy(() -> FeatureShard.open(file, new ShardKey(SYM, "settings-A", OTHER_BARS)))
                .isInstanceOf(ShardRefusedException.class).hasMessageContaining("other bars");
        assertThatThrownBy(() -> FeatureShard.open(file, new ShardKey(SYM, "settings-B", BARS)))
                .isInstanceOf(ShardRefusedException.class).hasMessageContaining("other feature settings");
        assertThatThrownBy(() -> FeatureShard.open(file, new ShardKey(Symbol.of("MSFT"), "settings-A", BARS)))
                .isInstanceOf(ShardRefusedException.class).hasMessageContaining("holds AAPL");
    }

    @Test
    void everyTruncationIsDetected() throws IOException {
        FeatureMatrix f = matrix(40, 3, 5);
        ShardKey key = new ShardKey(SYM, "s", BARS);
        Path file = dir.resolve("s.kshard");
        FeatureShard.write(file, key, f, labels(f, 3, 6), 0, List.of());
        byte[] all = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.kshard");
        for (int n = 0; n < all.length; n += 7) {
            Files.write(cut, java.util.Arrays.copyOf(all, n));
            assertThatThrownBy(() -> FeatureShard.open(cut, key)).isInstanceOf(ShardRefusedException.class);
        }
    }

    @Test
    void everyFlippedByteIsDetected() throws IOException {
        FeatureMatrix f = matrix(30, 3, 7);
        ShardKey key = new ShardKey(SYM, "s", BARS);
        Path file = dir.resolve("s.kshard");
        FeatureShard.write(file, key, f, labels(f, 2, 8), 0, List.of());
        byte[] all = Files.readAllBytes(file);
        Path bad = dir.resolve("bad.kshard");
        for (int i = 0; i < all.length; i++) {
            byte[] b = all.clone();
            b[i] ^= (byte) (1 << (i % 8));
            Files.write(bad, b);
            assertThatThrownBy(() -> FeatureShard.open(bad, key)).as("flip at byte " + i)
                    .isInstanceOf(ShardRefusedException.class);
        }
    }

    @Test
    void storeReusesMatchingShardsAndRebuildsOthers() throws IOException {
        FeatureStore store = new FeatureStore(dir.resolve("cache"));
        FeatureMatrix f = matrix(60, 5, 9);
        Labels l = labels(f, 0, 10);
        ShardKey key = new ShardKey(SYM, "settings", BARS);
        assertThat(store.find(key).shard()).isEmpty();
        store.put(key, f, l, 0, List.of());
        assertThat(store.find(key).shard()).isPresent();
        ShardKey newBars = new ShardKey(SYM, "settings", OTHER_BARS);
        // same file name (same settings), other bars: refused, then rebuilt in place
        assertThat(store.fileFor(newBars)).isEqualTo(store.fileFor(key));
        assertThat(store.find(newBars).shard()).isEmpty();
        assertThat(store.find(newBars).reason()).contains("other bars");
        store.put(newBars, f, l, 0, List.of());
        assertThat(store.find(newBars).shard()).isPresent();
        assertThat(store.find(key).shard()).isEmpty();
        // a flipped byte: refused with the checksum named, rebuilt on put
        Path file = store.fileFor(newBars);
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 1;
        Files.write(file, b);
        assertThat(store.find(newBars).reason()).contains("checksum");
        store.put(newBars, f, l, 0, List.of());
        assertThat(store.find(newBars).shard()).isPresent();
    }

    @Test
    void sourceAndMomentumColumnRoundTripAndAreChecksummed() throws IOException {
        FeatureMatrix f = matrix(97, 4, 11);
        Labels l = labels(f, 5, 12);
        byte[] momentum = new byte[97];
        for (int r = 0; r < momentum.length; r++) {
            momentum[r] = (byte) (r % 3);
        }
        ShardKey key = new ShardKey(SYM, "s", BARS);
        FeatureStore store = new FeatureStore(dir);
        FeatureShard s = store.put(key, f, l, 5, List.of(), new FeatureShard.Extras("src-1", 5, momentum));
        assertThat(s.source()).isEqualTo("src-1");
        assertThat(s.momentumLookback()).isEqualTo(5);
        for (int r = 0; r < momentum.length; r++) {
            assertThat(s.momentum(r)).isEqualTo(momentum[r]);
        }
        assertThat(s.labels()).isEqualTo(l);
        // found by its source without the bars hash; another source or settings is not found
        assertThat(store.findBySource(SYM, "s", "src-1").shard()).isPresent();
        assertThat(store.findBySource(SYM, "s", "src-2").reason()).contains("other input files");
        assertThat(store.findBySource(SYM, "other", "src-1").shard()).isEmpty();
        assertThat(store.findBySource(SYM, "s", "").reason()).contains("no fingerprint");
        // every byte of the momentum column (the last 97 before the padding and the trailer) is under the checksum
        Path file = store.fileFor(key);
        byte[] all = Files.readAllBytes(file);
        for (int i = all.length - 16 - 8 - 97; i < all.length - 16; i++) {
            byte[] b = all.clone();
            b[i] ^= 1;
            Files.write(file, b);
            assertThat(store.findBySource(SYM, "s", "src-1").reason()).as("flip at " + i).contains("checksum");
        }
        // a shard without the column says so instead of inventing predictions
        FeatureShard plain = store.put(key, f, l, 5, List.of());
        assertThat(plain.momentumLookback()).isZero();
        assertThat(plain.source()).isEmpty();
        assertThatThrownBy(() -> plain.momentum(0)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no momentum column");
        assertThatThrownBy(() -> store.put(key, f, l, 5, List.of(), new FeatureShard.Extras("x", 5, new byte[3])))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("momentum column of 3 rows");
    }

    /**
     * A matrix of three base columns, one context column and their lags 1 and 2, taken from a series that
     * starts two rows earlier (as the context features build them): {@code A, B, C, ctx, A_lag1, B_lag1,
     * C_lag1, A_lag2, B_lag2, C_lag2}.
     */
    static FeatureMatrix lagged(int rows, long seed) {
        FeatureMatrix src = matrix(rows + 2, 4, seed);
        List<String> names = List.of("A", "B", "C", "ctx", "A_lag1", "B_lag1", "C_lag1", "A_lag2", "B_lag2", "C_lag2");
        long[] t = new long[rows];
        double[] v = new double[rows * names.size()];
        for (int r = 0; r < rows; r++) {
            t[r] = src.time(r + 2);
            int o = r * names.size();
            for (int c = 0; c < 4; c++) {
                v[o + c] = src.get(r + 2, c);
            }
            for (int k = 1; k <= 2; k++) {
                for (int c = 0; c < 3; c++) {
                    v[o + 4 + (k - 1) * 3 + c] = src.get(r + 2 - k, c);
                }
            }
        }
        return new FeatureMatrix(SYM, new FeatureSpec(names), t, v);
    }

    private static void assertBitwise(FeatureShard s, FeatureMatrix f) {
        double[] row = new double[f.columns()];
        for (int r = 0; r < f.rows(); r++) {
            s.copyRow(r, row, 0);
            for (int c = 0; c < f.columns(); c++) {
                int want = Float.floatToRawIntBits((float) f.get(r, c));
                assertThat(Float.floatToRawIntBits(s.get(r, c))).as("row %d column %d", r, c).isEqualTo(want);
                assertThat(Float.floatToRawIntBits((float) row[c])).as("copied row %d column %d", r, c).isEqualTo(want);
            }
        }
        FeatureMatrix back = s.features();
        for (int r = 0; r < f.rows(); r++) {
            for (int c = 0; c < f.columns(); c++) {
                assertThat(Float.floatToRawIntBits((float) back.get(r, c))).isEqualTo(Float.floatToRawIntBits((float) f.get(r, c)));
            }
        }
    }

    /** The size the layout implies: stored columns S with L lead rows each. */
    private static long expectedSize(Path file, int rows, int labels, int stored, int lead) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(file)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long dataStart = (16L + b.getInt(12) + 7) & ~7L;
        return ((dataStart + rows * 8L + labels * 8L + (long) stored * (lead + rows) * 4L + labels + 7) & ~7L) + 16;
    }

    @Test
    void laggedColumnsAreStoredOnceAndReadBackBitwise() throws IOException {
        FeatureMatrix f = lagged(200, 21);
        Labels l = labels(f, 0, 22);
        ShardKey key = new ShardKey(SYM, "s", BARS);
        Path file = dir.resolve("lag.kshard");
        FeatureShard.write(file, key, f, l, 0, List.of());
        // A, B, C and ctx stored, with two lead rows each; the six lags read them shifted
        assertThat(Files.size(file)).isEqualTo(expectedSize(file, 200, 200, 4, 2));
        FeatureShard s = FeatureShard.open(file, key);
        assertThat(s.spec()).isEqualTo(f.spec());
        assertBitwise(s, f);
        // the same values under names that are not lags: every column stored
        List<String> plain = new ArrayList<>();
        for (String n : f.spec().names()) {
            plain.add(n.replace("_lag", "_prev"));
        }
        FeatureMatrix renamed = new FeatureMatrix(SYM, new FeatureSpec(plain), f.times(), f.values());
        Path full = dir.resolve("full.kshard");
        FeatureShard.write(full, key, renamed, l, 0, List.of());
        assertThat(Files.size(full)).isEqualTo(expectedSize(full, 200, 200, 10, 0));
        assertBitwise(FeatureShard.open(full, key), renamed);
    }

    @Test
    void columnsThatOnlyLookLikeLagsAreStoredInFull() throws IOException {
        FeatureMatrix f = lagged(150, 23);
        int cols = f.columns();
        double[] v = f.values();
        // A_lag1 differs from A shifted in its last row only, by one ulp
        v[149 * cols + 4] = Math.nextUp((double) Math.nextUp((float) v[149 * cols + 4]));
        // B_lag1 holds -0.0 where B had 0.0 a row earlier (equal as numbers, not as bits)
        v[50 * cols + 1] = 0.0;
        v[51 * cols + 5] = -0.0;
        v[52 * cols + 8] = 0.0; // B_lag2 stays B two rows back
        // C_lag2's first row disagrees with C_lag1's about the row before C's first (its row -1)
        v[cols + 9] = v[6] + 1;
        FeatureMatrix odd = new FeatureMatrix(SYM, f.spec(), f.times(), v);
        Path file = dir.resolve("odd.kshard");
        ShardKey key = new ShardKey(SYM, "s", BARS);
        FeatureShard.write(file, key, odd, labels(odd, 0, 24), 0, List.of());
        // stored: A, B, C, ctx, A_lag1, B_lag1, C_lag2; C_lag1, A_lag2 and B_lag2 are shifted views
        assertThat(Files.size(file)).isEqualTo(expectedSize(file, 150, 150, 7, 2));
        assertBitwise(FeatureShard.open(file, key), odd);
    }

    @Test
    void aColumnMapPointingOutsideTheFeaturesIsRefused() throws IOException {
        FeatureMatrix f = lagged(40, 25);
        ShardKey key = new ShardKey(SYM, "s", BARS);
        Path file = dir.resolve("m.kshard");
        FeatureShard.write(file, key, f, labels(f, 0, 26), 0, List.of());
        byte[] bytes = Files.readAllBytes(file);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int headerEnd = 16 + b.getInt(12);
        int mapAt = headerEnd - f.columns() * 8; // the column map closes the header: (stored column, shift) per column
        assertThat(b.getInt(16 + 7 * 4)).as("lead rows").isEqualTo(2);
        assertThat(b.getInt(mapAt)).isZero();
        assertThat(b.getInt(mapAt + 4)).isZero();
        // column 0's storage past the stored columns, its shift past the lead rows; no lead rows for the lags
        for (int[] edit : new int[][] {{mapAt, 9}, {mapAt + 4, 3}, {16 + 7 * 4, 0}}) {
            byte[] e = withChecksum(bytes, edit[0], edit[1]);
            Path bad = dir.resolve("bad.kshard");
            Files.write(bad, e);
            assertThatThrownBy(() -> FeatureShard.open(bad, key)).as("int at %d := %d", edit[0], edit[1])
                    .isInstanceOf(ShardRefusedException.class)
                    .hasMessageMatching(".*(inconsistent header|bytes, its header implies).*");
        }
    }

    @Test
    void everyHeaderEditWithAValidChecksumIsRefusedOrReadConsistently() throws IOException {
        FeatureMatrix f = lagged(30, 27);
        ShardKey key = new ShardKey(SYM, "settings \u00e9", BARS);
        Path file = dir.resolve("h.kshard");
        FeatureShard.write(file, key, f, labels(f, 3, 28), 3, List.of("symbol AAPL: labels"),
                new FeatureShard.Extras("src", 5, new byte[30]));
        byte[] bytes = Files.readAllBytes(file);
        int headerEnd = 16 + java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(12);
        int refused = 0;
        // every header byte (and the length before it) set to values that make counts, lengths and text bytes
        // large, negative, zero or invalid UTF-8; the checksum is made valid, so only the header's checks decide
        for (int at = 12; at < headerEnd; at++) {
            for (int value : new int[] {0x00, 0x01, 0x7f, 0x80, 0xff}) {
                if ((bytes[at] & 0xff) == value) {
                    continue;
                }
                byte[] e = bytes.clone();
                e[at] = (byte) value;
                fixChecksum(e);
                Path bad = dir.resolve("bad.kshard");
                Files.write(bad, e);
                try {
                    FeatureShard s = FeatureShard.open(bad);
                    // accepted: then it must read as a consistent shard (its key or names may differ)
                    assertThat(s.rows()).isEqualTo(30);
                    assertThat(s.times()).hasSize(30);
                    assertThat(s.labels().size()).isEqualTo(33);
                } catch (ShardRefusedException expected) {
                    refused++;
                }
            }
        }
        assertThat(refused).isGreaterThan((headerEnd - 12) * 3);
    }

    private static byte[] withChecksum(byte[] bytes, int at, int value) {
        byte[] e = bytes.clone();
        java.nio.ByteBuffer.wrap(e).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(at, value);
        fixChecksum(e);
        return e;
    }

    /** Makes the checksum valid over the (edited) bytes: only the header's checks stand between it and a read. */
    private static void fixChecksum(byte[] e) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(e, 0, e.length - 16);
        java.nio.ByteBuffer.wrap(e).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(e.length - 16, crc.getValue());
    }
}
