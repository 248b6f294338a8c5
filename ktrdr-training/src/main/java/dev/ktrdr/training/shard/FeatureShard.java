package dev.ktrdr.training.shard;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Labels;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.io.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * One symbol's prepared rows on disk, memory-mapped for reading.
 *
 * <p>Layout (little-endian): the 8-byte magic {@code KTRDRSHD}, the format version (int), the header
 * length H (int) and H bytes of header (row, column and label counts, label horizon, warm-up rows dropped,
 * the momentum baseline's lookback or 0, the stored column count S, the lead row count L, the symbol, the
 * {@link ShardKey}'s settings text and bars hash, the source fingerprint or "", the feature names, the overrides
 * applied and the column map; binary, see {@code Header}), zero padding to a multiple of 8; then the feature row times
 * ({@code long[rows]}), the label times ({@code long[labels]}), the stored feature columns as float32, each
 * with L lead rows in front ({@code float[S][L + rows]}), the label classes ({@code byte[labels]}), the momentum
 * baseline's class per feature row ({@code byte[rows]}, only with a lookback), zero padding to a multiple of
 * 8; last the CRC-32C of every byte before it (as a long) and the 8-byte end mark {@code KTRDREND}.
 *
 * <p>The column map gives each feature column a stored column and a shift: a lagged column ({@code X_lag{k}},
 * bit for bit column X k rows earlier) reads X's storage shifted by k instead of being stored again, its first
 * k values held in X's lead rows (see {@code Layout}); every other column has its own storage and shift 0.
 * A strategy with {@code lookback_periods: 1} thus writes about 40% fewer feature bytes, {@code 2} about 60%.
 *
 * <p>The source fingerprint ({@link dev.ktrdr.api.BarSource#fingerprint}) lets a later run recognise
 * unchanged input without loading and parsing the bars ({@link FeatureStore#findBySource}); the bars hash
 * stays the key that decides when the source cannot fingerprint itself. The momentum column holds what
 * {@code MomentumBaseline} predicts at each row's bar, so the baseline beside a model's accuracy needs no bars
 * once the shard exists.
 *
 * <p>Features are stored as float32 (the precision the MLP trains in): a value read back is the
 * {@code (float)} rounding of the double the pipeline computed, exactly. Times, labels and the header are
 * exact.
 *
 * <p>{@link #open} reads nothing it has not verified: the file size must be the one the header implies and
 * the checksum must match, otherwise the shard is refused ({@link ShardRefusedException}), as it is when
 * its key differs from the expected one. {@link #write} goes through {@link AtomicFiles#writeCache} (temporary
 * sibling, atomic rename), so a half-written shard is never seen under its name; it is not forced to disk
 * (a shard is a cache: one cut short by a power loss fails its size or checksum and is rebuilt).
 *
 * <p>Immutable once opened and thread-safe (reads use absolute positions only).
 */
public final class FeatureShard {
    /** The shard format version written by this library. */
    public static final int FORMAT_VERSION = 4;
    /** The file name extension of shards. */
    public static final String EXTENSION = ".kshard";
    private static final byte[] MAGIC = "KTRDRSHD".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "KTRDREND".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_HEADER = 16 << 20;
    private static final int MAX_COLUMNS = 1 << 16;
    /** The largest lag stored as a shifted view of its base column (the strategy's lookback_periods is ≤ 100). */
    static final int MAX_LAG = 100;
    private static final java.util.regex.Pattern LAG_NAME = java.util.regex.Pattern.compile("(.+)_lag([1-9][0-9]{0,2})");

    private final Path file;
    private final ShardKey key;
    private final FeatureSpec spec;
    private final int rows;
    private final int columns;
    private final int labelCount;
    private final int horizon;
    private final int warmupDropped;
    private final List<String> overrides;
    private final String source;
    private final int momentumLookback;
    private final ByteBuffer data;
    private final int timesAt;
    private final int labelTimesAt;
    /** Byte offset of each logical column's row 0 (a lagged column points into its base column's storage). */
    private final int[] columnAt;
    private final int classesAt;
    private final int momentumAt;

    private FeatureShard(Path file, ShardKey key, FeatureSpec spec, int rows, int columns, int labelCount, int horizon,
                         int warmupDropped, List<String> overrides, String source, int momentumLookback,
                         ByteBuffer data, int dataStart, int[][] columnMap, int stored, int lead) {
        this.file = file;
        this.key = key;
        this.spec = spec;
        this.rows = rows;
        this.columns = columns;
        this.labelCount = labelCount;
        this.horizon = horizon;
        this.warmupDropped = warmupDropped;
        this.overrides = List.copyOf(overrides);
        this.source = source;
        this.momentumLookback = momentumLookback;
        this.data = data;
        this.timesAt = dataStart;
        this.labelTimesAt = timesAt + rows * 8;
        int featuresAt = labelTimesAt + labelCount * 8;
        this.columnAt = new int[columns];
        for (int c = 0; c < columns; c++) {
            columnAt[c] = featuresAt + (columnMap[c][0] * (lead + rows) + lead - columnMap[c][1]) * 4;
        }
        this.classesAt = featuresAt + stored * (lead + rows) * 4;
        this.momentumAt = classesAt + labelCount;
    }

    /**
     * What a shard holds besides the features and labels: where they came from and the momentum baseline's
     * predictions.
     *
     * @param source the source fingerprint ({@link dev.ktrdr.api.BarSource#fingerprint} with the symbol's
     *     settings folded in), or "" when the source has none
     * @param momentumLookback the momentum baseline's lookback in bars, or 0 for no momentum column
     * @param momentum with a lookback, the baseline's class per feature row (0, 1 or 2); else empty
     */
    public record Extras(String source, int momentumLookback, byte[] momentum) {
        /** No source fingerprint, no momentum column. */
        public static final Extras NONE = new Extras("", 0, new byte[0]);

        /** Checks presence and ranges, and copies the column. */
        public Extras {
            Objects.requireNonNull(source, "source");
            if (source.length() > 256) {
                throw new IllegalArgumentException("source fingerprint of " + source.length() + " characters (at most 256)");
            }
            if (momentumLookback < 0) {
                throw new IllegalArgumentException("momentum lookback " + momentumLookback + " is negative");
            }
            momentum = momentum.clone();
            if (momentumLookback == 0 && momentum.length > 0) {
                throw new IllegalArgumentException("a momentum column needs its lookback");
            }
        }

        /** @return a copy of the momentum column */
        @Override
        public byte[] momentum() {
            return momentum.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Extras e && e.source.equals(source) && e.momentumLookback == momentumLookback
                    && java.util.Arrays.equals(e.momentum, momentum);
        }

        @Override
        public int hashCode() {
            return Objects.hash(source, momentumLookback, java.util.Arrays.hashCode(momentum));
        }

        @Override
        public String toString() {
            return "Extras[source=" + source + ", momentumLookback=" + momentumLookback + ", " + momentum.length
                    + " momentum rows]";
        }
    }

    /**
     * Writes a shard atomically.
     *
     * @param target the shard file
     * @param key what it is built from (its symbol must be the features' symbol)
     * @param features the symbol's feature rows
     * @param labels the symbol's labels over its base series
     * @param warmupDropped rows dropped for warm-up
     * @param overrides the overrides that applied to the symbol
     * @throws IOException when the file cannot be written (the target is then unchanged)
     * @throws IllegalArgumentException when symbols differ or the shard would exceed 2 GiB
     */
    public static void write(Path target, ShardKey key, FeatureMatrix features, Labels labels, int warmupDropped,
                             List<String> overrides) throws IOException {
        write(target, key, features, labels, warmupDropped, overrides, Extras.NONE);
    }

    /**
     * Writes a shard atomically, with a source fingerprint and the momentum baseline's column.
     *
     * @param target the shard file
     * @param key what it is built from (its symbol must be the features' symbol)
     * @param features the symbol's feature rows
     * @param labels the symbol's labels over its base series
     * @param warmupDropped rows dropped for warm-up
     * @param overrides the overrides that applied to the symbol
     * @param extras source fingerprint and momentum column (one class per feature row, or none)
     * @throws IOException when the file cannot be written (the target is then unchanged)
     * @throws IllegalArgumentException when symbols differ, the momentum column's length is not the row count,
     *     or the shard would exceed 2 GiB
     */
    public static void write(Path target, ShardKey key, FeatureMatrix features, Labels labels, int warmupDropped,
                             List<String> overrides, Extras extras) throws IOException {
        write(target, key, ShardFeatures.of(features), labels, warmupDropped, overrides, extras, null);
    }

    /**
     * {@link #write(Path, ShardKey, FeatureMatrix, Labels, int, List, Extras)} from features in any form
     * ({@link ShardFeatures}), their column-major bits made in a buffer taken from (and given back to) a pool, or a
     * new one when {@code pool} is null.
     */
    static void write(Path target, ShardKey key, ShardFeatures features, Labels labels, int warmupDropped,
                      List<String> overrides, Extras extras, ScratchPool pool) throws IOException {
        if (!key.symbol().equals(features.symbol()) || !key.symbol().equals(labels.symbol())) {
            throw new IllegalArgumentException("shard of " + key.symbol() + " cannot hold features of "
                    + features.symbol() + " and labels of " + labels.symbol());
        }
        byte[] momentum = extras.momentum();
        int rows = features.rows();
        int cols = features.spec().size();
        if (extras.momentumLookback() > 0 && momentum.length != rows) {
            throw new IllegalArgumentException(key.symbol() + ": momentum column of " + momentum.length + " rows for "
                    + rows + " feature rows");
        }
        if ((long) rows * cols > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException(key.symbol() + ": " + rows + " rows x " + cols
                    + " features exceed the 2 GiB shard limit");
        }
        int[] bits = pool == null ? new int[rows * cols] : pool.take(rows * cols);
        try {
            features.floatBits(bits);
            write(target, key, features, labels, warmupDropped, overrides, extras, momentum, bits, pool);
        } finally {
            if (pool != null) {
                pool.give(bits);
            }
        }
    }

    private static void write(Path target, ShardKey key, ShardFeatures features, Labels labels, int warmupDropped,
                              List<String> overrides, Extras extras, byte[] momentum, int[] bits, ScratchPool pool)
            throws IOException {
        int rows = features.rows();
        int cols = features.spec().size();
        int nl = labels.size();
        Layout layout = Layout.of(features.spec().names(), bits, rows);
        byte[] header = Header.encode(key, features.spec().names(), rows, nl, labels.horizon(), warmupDropped,
                overrides, extras, layout);
        long dataStart = align(16L + header.length);
        long end = align(dataStart + rows * 8L + nl * 8L + (long) layout.stored() * (layout.lead + rows) * 4L + nl
                + momentum.length);
        if (end + 16 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(key.symbol() + ": " + rows + " rows x " + cols
                    + " features exceed the 2 GiB shard limit");
        }
        long[] times = features.times();
        long[] labelTimes = labels.times();
        byte[] classes = labels.classes();
        Files.createDirectories(target.toAbsolutePath().getParent());
        // not forced to disk: a shard cut short by a crash fails its size or checksum and is rebuilt
        ByteBuffer chunk = pool == null ? ByteBuffer.allocate(1 << 16) : pool.takeChunk();
        try {
            AtomicFiles.writeCacheChannel(target, out -> {
                Sink s = new Sink(out, chunk);
                s.bytes(MAGIC);
                s.room(8).putInt(FORMAT_VERSION).putInt(header.length);
                s.bytes(header);
                s.pad();
                s.longs(times);
                s.longs(labelTimes);
                for (int p = 0; p < layout.stored(); p++) {
                    s.ints(layout.leadBits, p * layout.lead, layout.lead);
                    s.ints(bits, layout.physical[p] * rows, rows);
                }
                s.bytes(classes);
                s.bytes(momentum);
                s.pad();
                s.finish();
            });
        } finally {
            if (pool != null) {
                pool.giveChunk(chunk);
            }
        }
    }

    /**
     * Which columns are stored as shifted views of another. A column named {@code X_lag{k}} (how the context
     * features name their lags, 1 ≤ k ≤ {@value #MAX_LAG}) whose float32 bits equal those of column X k rows
     * earlier, row for row, is not stored: it reads X's storage k rows back, and its first k values become
     * "lead" rows stored in front of X's row 0 (every stored column has the same number of lead rows, the
     * largest such k). Names are only a hint: equality is checked bit for bit (NaN payloads included), and a
     * column that differs anywhere, or whose first values disagree with another lag of the same column, is
     * stored in full. A lag-1 strategy stores 31 of the benchmark strategy's 52 columns.
     */
    private static final class Layout {
        final int[][] map; // logical column -> {stored column, shift}
        final int[] physical; // stored column -> the logical column it holds
        final int lead;
        final int[] leadBits; // stored-column-major, rows -lead..-1; 0 where no lag reads

        private Layout(int[][] map, int[] physical, int lead, int[] leadBits) {
            this.map = map;
            this.physical = physical;
            this.lead = lead;
            this.leadBits = leadBits;
        }

        int stored() {
            return physical.length;
        }

        static Layout of(List<String> names, int[] bits, int rows) {
            int cols = names.size();
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int c = 0; c < cols; c++) {
                index.putIfAbsent(names.get(c), c);
            }
            int[] base = new int[cols];
            int[] shift = new int[cols];
            java.util.Arrays.fill(base, -1);
            int[][] before = new int[cols][]; // per base column: value bits at row -m, index m (1..MAX_LAG)
            boolean[][] known = new boolean[cols][];
            int lead = 0;
            for (int c = 0; c < cols; c++) {
                java.util.regex.Matcher m = LAG_NAME.matcher(names.get(c));
                if (!m.matches()) {
                    continue;
                }
                Integer j = index.get(m.group(1));
                int k = Integer.parseInt(m.group(2));
                if (j == null || j == c || LAG_NAME.matcher(names.get(j)).matches() || k > MAX_LAG || k >= rows
                        || java.util.Arrays.mismatch(bits, c * rows + k, c * rows + rows, bits, j * rows,
                                j * rows + rows - k) >= 0) {
                    continue;
                }
                if (before[j] == null) {
                    before[j] = new int[MAX_LAG + 1];
                    known[j] = new boolean[MAX_LAG + 1];
                }
                boolean consistent = true;
                for (int r = 0; r < k && consistent; r++) {
                    consistent = !known[j][k - r] || before[j][k - r] == bits[c * rows + r];
                }
                if (!consistent) {
                    continue;
                }
                for (int r = 0; r < k; r++) {
                    before[j][k - r] = bits[c * rows + r];
                    known[j][k - r] = true;
                }
                base[c] = j;
                shift[c] = k;
                lead = Math.max(lead, k);
            }
            int[] storedOf = new int[cols];
            int stored = 0;
            for (int c = 0; c < cols; c++) {
                storedOf[c] = base[c] < 0 ? stored++ : -1;
            }
            int[] physical = new int[stored];
            int[][] map = new int[cols][];
            int[] leadBits = new int[stored * lead];
            for (int c = 0; c < cols; c++) {
                if (base[c] < 0) {
                    int p = storedOf[c];
                    physical[p] = c;
                    map[c] = new int[] {p, 0};
                    for (int mRow = 1; mRow <= lead && before[c] != null; mRow++) {
                        leadBits[p * lead + lead - mRow] = before[c][mRow];
                    }
                } else {
                    map[c] = new int[] {storedOf[base[c]], shift[c]};
                }
            }
            return new Layout(map, physical, lead, leadBits);
        }
    }

    /**
     * Maps and verifies a shard.
     *
     * @param file the shard file
     * @param expected the key it must have been written with
     * @return the shard
     * @throws ShardRefusedException naming the file and the reason when it is missing, of another format,
     *     truncated, corrupt (checksum) or built from other settings or bars
     */
    public static FeatureShard open(Path file, ShardKey expected) {
        return open(file, expected, true);
    }

    /**
     * Maps the shard this process has just written ({@link FeatureStore#put}): every check of {@link #open}
     * but the checksum, whose pass over the whole file would only re-read the bytes the writer has just
     * checksummed. A shard found on disk is always opened with its checksum verified.
     */
    static FeatureShard openWritten(Path file, ShardKey expected) {
        return open(file, expected, false);
    }

    private static FeatureShard open(Path file, ShardKey expected, boolean verifyChecksum) {
        Objects.requireNonNull(expected, "expected");
        FeatureShard s = open(file, verifyChecksum);
        if (!s.key.symbol().equals(expected.symbol())) {
            throw new ShardRefusedException(file, "holds " + s.key.symbol() + ", not " + expected.symbol());
        }
        if (!s.key.settings().equals(expected.settings())) {
            throw new ShardRefusedException(file, "was built with other feature settings");
        }
        if (!s.key.barsHash().equals(expected.barsHash())) {
            throw new ShardRefusedException(file, "was built from other bars (hash " + s.key.barsHash().substring(0, 12)
                    + ", now " + expected.barsHash().substring(0, 12) + ")");
        }
        return s;
    }

    /**
     * Maps and verifies a shard, whatever its key.
     *
     * @param file the shard file
     * @return the shard
     * @throws ShardRefusedException when it is missing, of another format, truncated or corrupt
     */
    public static FeatureShard open(Path file) {
        return open(file, true);
    }

    private static FeatureShard open(Path file, boolean verifyChecksum) {
        MappedByteBuffer map;
        long sum = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            long size = ch.size();
            if (size < 32 || size > Integer.MAX_VALUE) {
                throw new ShardRefusedException(file, "has " + size + " bytes, not a shard");
            }
            map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
            // through the mapping: no copy (about twice as fast as reading the file into a buffer); the pages it
            // touches are the ones training and evaluation read anyway
            if (verifyChecksum) {
                CRC32C crc = new CRC32C();
                crc.update(map.duplicate().position(0).limit((int) (size - 16)));
                sum = crc.getValue();
            }
        } catch (IOException e) {
            throw new ShardRefusedException(file, "cannot be read: " + e.getMessage());
        }
        ByteBuffer b = map.order(ByteOrder.LITTLE_ENDIAN);
        int size = b.capacity();
        for (int i = 0; i < 8; i++) {
            if (b.get(i) != MAGIC[i]) {
                throw new ShardRefusedException(file, "is not a ktrdr feature shard (magic)");
            }
        }
        int version = b.getInt(8);
        if (version != FORMAT_VERSION) {
            throw new ShardRefusedException(file, "has format version " + version + ", this library reads "
                    + FORMAT_VERSION);
        }
        for (int i = 0; i < 8; i++) {
            if (b.get(size - 8 + i) != END[i]) {
                throw new ShardRefusedException(file, "is truncated or corrupt (no end mark)");
            }
        }
        if (verifyChecksum && sum != b.getLong(size - 16)) {
            throw new ShardRefusedException(file, "is corrupt (checksum mismatch)");
        }
        int hl = b.getInt(12);
        if (hl < 2 || hl > MAX_HEADER || 16L + hl > size - 16) {
            throw new ShardRefusedException(file, "has a header length of " + hl);
        }
        Header h = Header.decode(file, b, hl);
        long dataStart = align(16L + hl);
        long expectedSize = align(dataStart + h.rows * 8L + h.labels * 8L + (long) h.stored * (h.lead + h.rows) * 4L
                + h.labels + (h.momentumLookback > 0 ? h.rows : 0)) + 16;
        if (expectedSize != size) {
            throw new ShardRefusedException(file, "has " + size + " bytes, its header implies " + expectedSize);
        }
        ShardKey key;
        FeatureSpec spec;
        try {
            key = new ShardKey(Symbol.of(h.symbol), h.settings, h.barsHash);
            spec = new FeatureSpec(h.names);
        } catch (RuntimeException e) {
            throw new ShardRefusedException(file, "has an invalid key or feature names: " + e.getMessage());
        }
        return new FeatureShard(file, key, spec, h.rows, h.columns, h.labels, h.horizon, h.warmupDropped, h.overrides,
                h.source, h.momentumLookback, b, (int) dataStart, h.columnMap, h.stored, h.lead);
    }

    /**
     * The header: little-endian ints and strings (an int byte count, then UTF-8), in this order: rows, columns,
     * label count, label horizon, warm-up rows dropped, momentum lookback (0: no momentum column), stored column
     * count S, lead row count L; the symbol, the settings text, the bars hash, the source fingerprint; the
     * feature names (a count, then each); the overrides applied (a count, then each); the column map, one
     * (stored column, shift) pair of ints per column. Binary rather than JSON: a reused run opens every shard's
     * header, and a JSON tree parser took a few milliseconds a shard before the JIT had compiled it, most of a
     * reused symbol's cost. Decoding never reads outside the header and refuses anything inconsistent.
     */
    private static final class Header {
        private static final int MAX_OVERRIDES = 1 << 10;

        final int rows;
        final int columns;
        final int labels;
        final int horizon;
        final int warmupDropped;
        final int momentumLookback;
        final int stored;
        final int lead;
        final String symbol;
        final String settings;
        final String barsHash;
        final String source;
        final List<String> names;
        final List<String> overrides;
        final int[][] columnMap;

        private Header(int[] ints, String[] texts, List<String> names, List<String> overrides, int[][] columnMap) {
            rows = ints[0];
            columns = ints[1];
            labels = ints[2];
            horizon = ints[3];
            warmupDropped = ints[4];
            momentumLookback = ints[5];
            stored = ints[6];
            lead = ints[7];
            symbol = texts[0];
            settings = texts[1];
            barsHash = texts[2];
            source = texts[3];
            this.names = names;
            this.overrides = overrides;
            this.columnMap = columnMap;
        }

        static byte[] encode(ShardKey key, List<String> names, int rows, int labelCount, int horizon, int warmupDropped,
                             List<String> overrides, Extras extras, Layout layout) {
            List<byte[]> texts = new ArrayList<>();
            for (String t : List.of(key.symbol().value(), key.settings(), key.barsHash(), extras.source())) {
                texts.add(t.getBytes(StandardCharsets.UTF_8));
            }
            List<byte[]> nameBytes = utf8(names);
            List<byte[]> overrideBytes = utf8(overrides);
            long size = 8 * 4 + 4 + 4 + names.size() * 8L;
            for (List<byte[]> group : List.of(texts, nameBytes, overrideBytes)) {
                for (byte[] t : group) {
                    size += 4 + t.length;
                }
            }
            if (size > MAX_HEADER) {
                throw new IllegalArgumentException(key.symbol() + ": a shard header of " + size + " bytes exceeds "
                        + MAX_HEADER);
            }
            ByteBuffer h = ByteBuffer.allocate((int) size).order(ByteOrder.LITTLE_ENDIAN);
            h.putInt(rows).putInt(names.size()).putInt(labelCount).putInt(horizon).putInt(warmupDropped)
                    .putInt(extras.momentumLookback()).putInt(layout.stored()).putInt(layout.lead);
            for (byte[] t : texts) {
                h.putInt(t.length).put(t);
            }
            for (List<byte[]> group : List.of(nameBytes, overrideBytes)) {
                h.putInt(group.size());
                for (byte[] t : group) {
                    h.putInt(t.length).put(t);
                }
            }
            for (int[] m : layout.map) {
                h.putInt(m[0]).putInt(m[1]);
            }
            return h.array();
        }

        private static List<byte[]> utf8(List<String> texts) {
            List<byte[]> out = new ArrayList<>(texts.size());
            for (String t : texts) {
                out.add(t.getBytes(StandardCharsets.UTF_8));
            }
            return out;
        }

        /**
         * @param b the mapped file
         * @param length the header's length (bytes 16 to 16 + length; the caller checked it lies in the file)
         */
        static Header decode(Path file, ByteBuffer b, int length) {
            Reader r = new Reader(file, b.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(16).limit(16 + length)
                    .slice().order(ByteOrder.LITTLE_ENDIAN));
            int[] ints = new int[8];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = r.count(Integer.MAX_VALUE);
            }
            int cols = ints[1];
            if (cols > MAX_COLUMNS || ints[6] > cols || ints[7] > MAX_LAG) {
                throw r.inconsistent();
            }
            String[] texts = new String[4];
            for (int i = 0; i < texts.length; i++) {
                texts[i] = r.text();
            }
            List<String> names = r.texts(MAX_COLUMNS);
            List<String> overrides = r.texts(MAX_OVERRIDES);
            if (names.size() != cols) {
                throw r.inconsistent();
            }
            int[][] map = new int[cols][];
            for (int c = 0; c < cols; c++) {
                int p = r.count(ints[6] - 1);
                int shift = r.count(ints[7]);
                map[c] = new int[] {p, shift};
            }
            r.end();
            return new Header(ints, texts, names, overrides, map);
        }
    }

    /** Reads a header's fields, refusing the shard at the first one out of range or past the header's end. */
    private static final class Reader {
        private final Path file;
        private final ByteBuffer in;
        private final java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();

        Reader(Path file, ByteBuffer in) {
            this.file = file;
            this.in = in;
        }

        /** @return the next int, which must lie in [0, max] */
        int count(int max) {
            if (in.remaining() < 4) {
                throw inconsistent();
            }
            int v = in.getInt();
            if (v < 0 || v > max) {
                throw inconsistent();
            }
            return v;
        }

        String text() {
            int n = count(in.remaining() - 4);
            ByteBuffer bytes = in.slice().limit(n);
            in.position(in.position() + n);
            try {
                return utf8.decode(bytes).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new ShardRefusedException(file, "has a header text that is not UTF-8");
            }
        }

        List<String> texts(int max) {
            int n = count(max);
            List<String> out = new ArrayList<>(Math.min(n, 1024));
            for (int i = 0; i < n; i++) {
                out.add(text());
            }
            return out;
        }

        void end() {
            if (in.hasRemaining()) {
                throw inconsistent();
            }
        }

        ShardRefusedException inconsistent() {
            return new ShardRefusedException(file, "has an inconsistent header");
        }
    }

    /** @return the file */
    public Path file() {
        return file;
    }

    /** @return the key it was written with */
    public ShardKey key() {
        return key;
    }

    /** @return the symbol */
    public Symbol symbol() {
        return key.symbol();
    }

    /** @return the feature spec */
    public FeatureSpec spec() {
        return spec;
    }

    /** @return feature rows */
    public int rows() {
        return rows;
    }

    /** @return features per row */
    public int columns() {
        return columns;
    }

    /** @return the source fingerprint it was built from, or "" when the source had none */
    public String source() {
        return source;
    }

    /** @return the momentum baseline's lookback of its momentum column, or 0 when it has none */
    public int momentumLookback() {
        return momentumLookback;
    }

    /**
     * @param row a feature row
     * @return the momentum baseline's class at the row's bar (0, 1 or 2)
     * @throws IllegalStateException when the shard has no momentum column
     */
    public byte momentum(int row) {
        if (momentumLookback == 0) {
            throw new IllegalStateException(this + " has no momentum column");
        }
        return data.get(momentumAt + Objects.checkIndex(row, rows));
    }

    /** @return rows dropped for warm-up when it was built */
    public int warmupDropped() {
        return warmupDropped;
    }

    /** @return the overrides that applied when it was built */
    public List<String> overrides() {
        return overrides;
    }

    /**
     * @param row a feature row
     * @return its bar's open time, UTC epoch ms
     */
    public long time(int row) {
        return data.getLong(timesAt + Objects.checkIndex(row, rows) * 8);
    }

    /**
     * @param row a feature row
     * @param column a feature column
     * @return the stored float32 value
     */
    public float get(int row, int column) {
        Objects.checkIndex(row, rows);
        Objects.checkIndex(column, columns);
        return data.getFloat(columnAt[column] + row * 4);
    }

    /**
     * Copies one row's features, widened to double (exact).
     *
     * @param row a feature row
     * @param dst destination
     * @param offset where the row starts in {@code dst}
     */
    public void copyRow(int row, double[] dst, int offset) {
        Objects.checkIndex(row, rows);
        int at = row * 4;
        for (int c = 0; c < columns; c++) {
            dst[offset + c] = data.getFloat(columnAt[c] + at);
        }
    }

    /** @return the features as an in-memory matrix (float32 values widened to double, exact) */
    public FeatureMatrix features() {
        long[] times = times();
        double[] values = new double[rows * columns];
        for (int c = 0; c < columns; c++) {
            int at = columnAt[c];
            for (int r = 0; r < rows; r++) {
                values[r * columns + c] = data.getFloat(at + r * 4);
            }
        }
        return new FeatureMatrix(key.symbol(), spec, times, values);
    }

    /** @return the labels as stored */
    public Labels labels() {
        long[] t = new long[labelCount];
        byte[] c = new byte[labelCount];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(labelTimesAt).asLongBuffer().get(t);
        data.get(classesAt, c);
        return new Labels(key.symbol(), t, c, horizon);
    }

    /** @return every feature row's bar open time, UTC epoch ms (a new array) */
    public long[] times() {
        long[] t = new long[rows];
        data.duplicate().order(ByteOrder.LITTLE_ENDIAN).position(timesAt).asLongBuffer().get(t);
        return t;
    }

    @Override
    public String toString() {
        return "FeatureShard[" + key.symbol() + ", " + rows + " rows x " + columns + ", " + file.getFileName() + "]";
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }

    /**
     * Little-endian writer through one buffer (from the store's pool: direct, so the channel writes it without
     * the copy a heap buffer costs) that checksums what it writes; a shard that fits the buffer is written in
     * one system call.
     */
    private static final class Sink {
        private final FileChannel out;
        private final ByteBuffer buf;
        private final CRC32C crc = new CRC32C();
        private long written;

        Sink(FileChannel out, ByteBuffer buf) {
            this.out = out;
            this.buf = buf.clear().order(ByteOrder.LITTLE_ENDIAN);
        }

        ByteBuffer room(int n) throws IOException {
            if (buf.remaining() < n) {
                flush();
            }
            return buf;
        }

        void bytes(byte[] b) throws IOException {
            int at = 0;
            while (at < b.length) {
                if (!buf.hasRemaining()) {
                    flush();
                }
                int n = Math.min(buf.remaining(), b.length - at);
                buf.put(b, at, n);
                at += n;
            }
        }

        void ints(int[] a, int from, int length) throws IOException {
            int at = from;
            int to = from + length;
            while (at < to) {
                if (buf.remaining() < 4) {
                    flush();
                }
                int n = Math.min(buf.remaining() / 4, to - at);
                buf.asIntBuffer().put(a, at, n);
                buf.position(buf.position() + n * 4);
                at += n;
            }
        }

        void longs(long[] a) throws IOException {
            int at = 0;
            while (at < a.length) {
                if (buf.remaining() < 8) {
                    flush();
                }
                int n = Math.min(buf.remaining() / 8, a.length - at);
                buf.asLongBuffer().put(a, at, n);
                buf.position(buf.position() + n * 8);
                at += n;
            }
        }

        void pad() throws IOException {
            long pos = written + buf.position();
            int n = (int) (align(pos) - pos);
            for (int i = 0; i < n; i++) {
                room(1).put((byte) 0);
            }
        }

        void flush() throws IOException {
            buf.flip();
            crc.update(buf.duplicate());
            written += buf.remaining();
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            buf.clear();
        }

        void finish() throws IOException {
            room(16);
            // the checksum covers every byte before it: the buffered ones are summed, then the tail is appended and
            // everything goes out in one write
            crc.update(buf.duplicate().flip());
            buf.putLong(crc.getValue()).put(END);
            buf.flip();
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        }
    }
}
