package dev.ktrdr.examples.serve;

import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.data.MissingTimeframePolicy;
import dev.ktrdr.data.MultiTimeframeLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bars {@code analyze-mtf} reads from the data source, kept between requests when the source is a CSV
 * folder: an entry is used only while every file of the symbol has the size and modification time it had when
 * the entry was loaded (a file written, added or removed since is read again), so an answer never comes from
 * stale files. Other sources (Parquet through DuckDB, a database) have no such stamp and are read on every
 * request.
 * At most {@link #MAX_ENTRIES} entries, least recently used dropped first.
 */
final class BarCache {
    /** Most (symbol, timeframes) entries kept. */
    static final int MAX_ENTRIES = 64;

    private record Key(Symbol symbol, List<Timeframe> timeframes) {
    }

    private record Entry(List<Object> stamp, MultiTimeframeBars bars) {
    }

    private final Optional<DataFolder> folder;
    private final MultiTimeframeLoader loader;
    private final Map<Key, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    BarCache(DataFolder folder) {
        this(ListedBars.of(folder), Optional.of(folder));
    }

    /**
     * @param source where the bars come from
     * @param folder the CSV folder behind it, whose file stamps keep entries fresh; empty: nothing is kept
     */
    BarCache(ListedBars source, Optional<DataFolder> folder) {
        this.folder = folder;
        this.loader = new MultiTimeframeLoader(source);
    }

    /**
     * @param symbol the symbol
     * @param timeframes the timeframes (missing ones resampled from a finer file, as the loader does)
     * @param base the finest of them
     * @return the bars
     */
    MultiTimeframeBars load(Symbol symbol, List<Timeframe> timeframes, Timeframe base) {
        if (folder.isEmpty()) {
            return loader.load(symbol, timeframes, base, MissingTimeframePolicy.FAIL).bars();
        }
        Key key = new Key(symbol, List.copyOf(timeframes));
        List<Object> stamp = stamp(symbol);
        synchronized (entries) {
            Entry e = entries.get(key);
            if (e != null && e.stamp().equals(stamp)) {
                return e.bars();
            }
        }
        MultiTimeframeBars bars = loader.load(symbol, timeframes, base, MissingTimeframePolicy.FAIL).bars();
        synchronized (entries) {
            entries.put(key, new Entry(stamp, bars));
        }
        return bars;
    }

    /** Every file of the symbol with its size and modification time. */
    private List<Object> stamp(Symbol symbol) {
        List<Object> out = new ArrayList<>();
        for (Timeframe tf : Timeframe.values()) {
            Optional<Path> f = folder.orElseThrow().file(symbol, tf);
            if (f.isPresent()) {
                try {
                    BasicFileAttributes a = Files.readAttributes(f.get(), BasicFileAttributes.class);
                    out.add(f.get().getFileName().toString());
                    out.add(a.size());
                    out.add(a.lastModifiedTime().toMillis());
                } catch (IOException e) {
                    out.add(f.get().getFileName() + " unreadable");
                }
            }
        }
        return out;
    }
}
