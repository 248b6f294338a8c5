package dev.ktrdr.data;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads one symbol on several timeframes from a {@link DataFolder}: each timeframe with a file is
 * read; each other one is resampled with the symbol's calendar ({@link CalendarResampler}, incomplete
 * last bucket left out) from a finer file on disk whose timeframe divides it. Among several such
 * files the one whose history starts earliest is used, the finer one on a tie: with consistent data
 * every choice gives the same bars (resampling is associative), and short fine samples (such as the
 * two-week 1m files next to 1h histories) must not cut the history down.
 *
 * <p>Thread-safe; every call reads the files anew.
 */
public final class MultiTimeframeLoader {
    private final ListedBars folder;

    /** @param folder where the files are */
    public MultiTimeframeLoader(DataFolder folder) {
        this(ListedBars.of(Objects.requireNonNull(folder, "folder")));
    }

    /** @param source any source that lists its stored timeframes (Parquet, DuckDB, JDBC) */
    public MultiTimeframeLoader(ListedBars source) {
        this.folder = Objects.requireNonNull(source, "source");
    }

    /**
     * What was loaded and how.
     *
     * @param bars the series per timeframe, in requested order (dropped ones left out)
     * @param origins per loaded timeframe, {@code "file NAME"} or {@code "resampled from TF (NAME)"}
     * @param dropped timeframes left out under {@link MissingTimeframePolicy#DROP}, with the reason
     */
    public record Loaded(MultiTimeframeBars bars, Map<Timeframe, String> origins, Map<Timeframe, String> dropped) {
        /** Copies the maps. */
        public Loaded {
            origins = Collections.unmodifiableMap(new LinkedHashMap<>(origins));
            dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
        }
    }

    /**
     * Loads under {@link MissingTimeframePolicy#FAIL}.
     *
     * @param symbol the symbol
     * @param timeframes the timeframes wanted, in order, no duplicates
     * @param base the base timeframe (must be listed)
     * @return the series and how each was obtained
     * @throws DataException when a timeframe cannot be had
     */
    public Loaded load(Symbol symbol, List<Timeframe> timeframes, Timeframe base) {
        return load(symbol, timeframes, base, MissingTimeframePolicy.FAIL);
    }

    /**
     * @param symbol the symbol
     * @param timeframes the timeframes wanted, in order, no duplicates
     * @param base the base timeframe (must be listed; never dropped)
     * @param policy what to do with a timeframe that cannot be had
     * @return the series and how each was obtained
     * @throws DataException when a timeframe cannot be had under FAIL, or the base cannot be had
     * @throws ConfigurationException when the list is empty, has duplicates or lacks the base
     */
    public Loaded load(Symbol symbol, List<Timeframe> timeframes, Timeframe base, MissingTimeframePolicy policy) {
        if (timeframes.isEmpty()) {
            throw new ConfigurationException("timeframes", "no timeframe requested");
        }
        if (timeframes.stream().distinct().count() != timeframes.size()) {
            throw new ConfigurationException("timeframes", "timeframes " + timeframes + " contain a duplicate");
        }
        if (!timeframes.contains(base)) {
            throw new ConfigurationException("base_timeframe", "base timeframe " + base + " is not among " + timeframes);
        }
        SymbolInfo info = folder.registry().info(symbol);
        CalendarResampler resampler = new CalendarResampler(folder.registry().calendar(symbol));
        Map<Timeframe, BarSeries> cache = new EnumMap<>(Timeframe.class);
        List<Timeframe> onDisk = new ArrayList<>(folder.timeframes(symbol));
        Map<Timeframe, BarSeries> series = new LinkedHashMap<>();
        Map<Timeframe, String> origins = new LinkedHashMap<>();
        Map<Timeframe, String> dropped = new LinkedHashMap<>();
        for (Timeframe tf : timeframes) {
            if (onDisk.contains(tf)) {
                series.put(tf, cache.computeIfAbsent(tf, t -> folder.load(symbol, t)));
                origins.put(tf, folder.origin(symbol, tf));
                continue;
            }
            Timeframe from = null;
            for (Timeframe lower : onDisk) {
                boolean divides = tf.isIntraday() ? tf.millis() > lower.millis() && tf.millis() % lower.millis() == 0
                        : lower.millis() < tf.millis();
                if (!divides) {
                    continue;
                }
                BarSeries s = cache.computeIfAbsent(lower, t -> folder.load(symbol, t));
                if (s.isEmpty()) {
                    continue;
                }
                if (from == null || s.openTime(0) < cache.get(from).openTime(0)) {
                    from = lower;
                }
            }
            if (from != null) {
                series.put(tf, resampler.resample(cache.get(from), tf));
                origins.put(tf, "resampled from " + from + " (" + folder.origin(symbol, from).replaceFirst("^file ", "") + ")");
                continue;
            }
            String why = "no " + symbol + "_" + tf + " file and no finer file to resample from in " + folder.description()
                    + " (on disk: " + onDisk + ")";
            if (policy == MissingTimeframePolicy.FAIL || tf == base) {
                throw new DataException(why);
            }
            dropped.put(tf, why);
        }
        return new Loaded(new MultiTimeframeBars(info, base, series), origins, dropped);
    }
}
