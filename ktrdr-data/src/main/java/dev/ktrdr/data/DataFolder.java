package dev.ktrdr.data;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.internal.SafeNames;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A data folder laid out as {@code {dir}/{SYMBOL}_{timeframe}.csv.gz} or {@code .csv} (timeframe
 * labels as in {@link Timeframe#label()}), with an optional {@code symbols.csv} registry
 * ({@link SymbolRegistry}). Daily close times follow each symbol's calendar.
 *
 * <p>Under {@link ValidationPolicy#REPAIR} every repaired file is logged at WARN with its counts;
 * {@link #loadWithReport} returns the full report. Thread-safe: every call reads its file anew.
 */
public final class DataFolder implements BarSource {
    private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);
    private final Path dir;
    private final SymbolRegistry registry;
    private final ValidationPolicy policy;

    /**
     * A folder with its own registry file (or inferred defaults) and STRICT validation.
     *
     * @param dir the folder
     */
    public DataFolder(Path dir) {
        this(dir, SymbolRegistry.load(dir), ValidationPolicy.STRICT);
    }

    /**
     * @param dir the folder
     * @param registry symbol information (calendars)
     * @param policy validation policy for every file
     */
    public DataFolder(Path dir, SymbolRegistry registry, ValidationPolicy policy) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.policy = Objects.requireNonNull(policy, "policy");
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": not a directory");
        }
    }

    /** @return the folder */
    public Path dir() {
        return dir;
    }

    /** @return the symbol registry in use */
    public SymbolRegistry registry() {
        return registry;
    }

    @Override
    public BarSeries load(Symbol symbol, Timeframe timeframe) {
        return loadWithReport(symbol, timeframe).series();
    }

    /**
     * A digest of everything loading the symbol reads: the folder's validation policy, the symbol's calendar and,
     * for each timeframe with a file (finest first), the file's name, length and the CRC-32C and CRC-32 of its
     * bytes, all under one SHA-256. Equal fingerprints mean the same input read by the same rules, so equal bars
     * from this library version, unless a file changed into one of the same length whose two checksums are both
     * unchanged: impossible for any change confined to 32 consecutive bits, and a chance of about 2<sup>-64</sup>
     * for a random one. That guards against accidents, not against someone forging data files on purpose (who
     * could as well write the cache). The checksums are computed at memory speed by the JVM's intrinsics,
     * several times faster than a cryptographic digest of the bytes and a fraction of parsing them.
     *
     * @param symbol the symbol
     * @return {@code "folder-crc:"} and the hex digest; empty when a file cannot be read, is not a regular file or
     *     exceeds the bar file size limit (loading then says why)
     */
    @Override
    public Optional<String> fingerprint(Symbol symbol) {
        StringBuilder text = new StringBuilder("policy=").append(policy).append("\ncalendar=")
                .append(registry.calendar(symbol).id()).append('\n');
        byte[] buf = new byte[1 << 16];
        for (Timeframe tf : Timeframe.values()) {
            Optional<Path> f = file(symbol, tf);
            if (f.isEmpty()) {
                continue;
            }
            java.util.zip.CRC32C castagnoli = new java.util.zip.CRC32C();
            java.util.zip.CRC32 ieee = new java.util.zip.CRC32();
            long size = 0;
            // opened as loading opens it: regular files only (a FIFO there would block), within the size limit
            try (java.io.InputStream in = dev.ktrdr.api.io.BoundedFiles.open(f.get(), dev.ktrdr.api.io.ReadLimits.defaults().maxFileBytes(),
                    "bar file")) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    castagnoli.update(buf, 0, n);
                    ieee.update(buf, 0, n);
                    size += n;
                }
            } catch (java.io.IOException | RuntimeException e) {
                return Optional.empty();
            }
            text.append(tf.label()).append('=').append(f.get().getFileName()).append(' ').append(size).append(' ')
                    .append(Long.toHexString(castagnoli.getValue())).append(' ').append(Long.toHexString(ieee.getValue()))
                    .append('\n');
        }
        try {
            return Optional.of("folder-crc:" + java.util.HexFormat.of().formatHex(java.security.MessageDigest
                    .getInstance("SHA-256").digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * @param symbol the symbol
     * @param timeframe the timeframe
     * @return the series and its validation report
     * @throws DataException when there is no file or it is invalid
     */
    public CsvBars.Loaded loadWithReport(Symbol symbol, Timeframe timeframe) {
        Path f = file(symbol, timeframe).orElseThrow(() -> new DataException("no file for " + symbol + " " + timeframe + " in "
                + dir + " (looked for " + base(symbol, timeframe) + ".csv.gz and .csv)"));
        CsvBars.Loaded l = CsvBars.read(f, symbol, timeframe, registry.calendar(symbol), policy);
        if (!l.report().isClean()) {
            LOG.warn("{}: repaired {} rows ({} dropped, {} fixed)", f, l.report().issueCount(),
                    l.report().droppedCount(), l.report().fixedCount());
        }
        return l;
    }

    /**
     * @param symbol the symbol
     * @param timeframe the timeframe
     * @return the file holding those bars, if there is one
     * @throws DataException when both a .csv.gz and a .csv exist (which one is meant is unclear)
     */
    public Optional<Path> file(Symbol symbol, Timeframe timeframe) {
        SafeNames.require("symbol", symbol.value(), Symbol.MAX_LENGTH);
        Path gz = dir.resolve(base(symbol, timeframe) + ".csv.gz");
        Path csv = dir.resolve(base(symbol, timeframe) + ".csv");
        // Anything at the name counts (a FIFO, device or folder there is then refused by the reader with
        // one line, rather than being passed over as "no file").
        boolean hasGz = Files.exists(gz, LinkOption.NOFOLLOW_LINKS);
        boolean hasCsv = Files.exists(csv, LinkOption.NOFOLLOW_LINKS);
        if (hasGz && hasCsv) {
            throw new DataException("both " + gz + " and " + csv + " exist; remove one");
        }
        return hasGz ? Optional.of(gz) : hasCsv ? Optional.of(csv) : Optional.empty();
    }

    /**
     * @param symbol a symbol
     * @return the timeframes with a file for it, finest first
     */
    public Set<Timeframe> timeframes(Symbol symbol) {
        Set<Timeframe> s = EnumSet.noneOf(Timeframe.class);
        for (Timeframe tf : Timeframe.values()) {
            if (file(symbol, tf).isPresent()) {
                s.add(tf);
            }
        }
        return s;
    }

    /** @return the symbols with at least one file, sorted */
    public List<Symbol> symbols() {
        Set<Symbol> out = new TreeSet<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(p -> parseName(p.getFileName().toString()).ifPresent(n -> out.add(n.symbol())));
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list: " + e.getMessage(), e);
        }
        return List.copyOf(out);
    }

    /**
     * A file name's symbol and timeframe.
     *
     * @param symbol the symbol
     * @param timeframe the timeframe
     */
    public record FileName(Symbol symbol, Timeframe timeframe) {
    }

    /**
     * Parses {@code SYMBOL_TF.csv[.gz]} (the symbol may itself contain underscores).
     *
     * @param name a file name without directories
     * @return its symbol and timeframe, or empty when the name does not follow the layout
     */
    public static Optional<FileName> parseName(String name) {
        String stem = name.endsWith(".csv.gz") ? name.substring(0, name.length() - 7)
                : name.endsWith(".csv") ? name.substring(0, name.length() - 4) : null;
        if (stem == null) {
            return Optional.empty();
        }
        int us = stem.lastIndexOf('_');
        if (us <= 0) {
            return Optional.empty();
        }
        String sym = stem.substring(0, us);
        String tf = stem.substring(us + 1);
        if (!SafeNames.isSafe(sym, Symbol.MAX_LENGTH)) {
            return Optional.empty();
        }
        for (Timeframe t : Timeframe.values()) {
            if (t.label().equals(tf)) {
                return Optional.of(new FileName(Symbol.of(sym), t));
            }
        }
        return Optional.empty();
    }

    private static String base(Symbol symbol, Timeframe timeframe) {
        return symbol.value() + "_" + timeframe.label();
    }
}
