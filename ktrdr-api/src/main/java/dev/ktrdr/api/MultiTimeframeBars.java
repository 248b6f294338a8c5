package dev.ktrdr.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The bars of one symbol on several timeframes, each its own series (never forward-filled copies;
 * rule 2), in the configured order, with the base timeframe on which features are aligned.
 *
 * @param info what is known of the symbol (asset class, calendar)
 * @param base the base timeframe; must be one of the series
 * @param series one series per timeframe, in configured order
 */
public record MultiTimeframeBars(SymbolInfo info, Timeframe base, Map<Timeframe, BarSeries> series) {
    /**
     * Checks that the base is present and every series belongs to the symbol and its timeframe.
     *
     * @param info what is known of the symbol (asset class, calendar)
     * @param base the base timeframe; must be one of the series
     * @param series one series per timeframe, in configured order
     */
    public MultiTimeframeBars {
        Objects.requireNonNull(info, "info");
        Objects.requireNonNull(base, "base");
        series = Collections.unmodifiableMap(new LinkedHashMap<>(series));
        if (!series.containsKey(base)) {
            throw new ConfigurationException("base_timeframe", "base timeframe " + base + " is not among " + series.keySet());
        }
        for (Map.Entry<Timeframe, BarSeries> e : series.entrySet()) {
            if (e.getValue().timeframe() != e.getKey()) {
                throw new IllegalArgumentException("series under " + e.getKey() + " has timeframe " + e.getValue().timeframe());
            }
            if (!e.getValue().symbol().equals(info.symbol())) {
                throw new IllegalArgumentException("series " + e.getKey() + " belongs to " + e.getValue().symbol()
                        + ", not " + info.symbol());
            }
        }
    }

    /** @return the symbol */
    public Symbol symbol() {
        return info.symbol();
    }

    /** @return the timeframes in configured order */
    public List<Timeframe> timeframes() {
        return new ArrayList<>(series.keySet());
    }

    /**
     * @param tf a timeframe
     * @return its series
     */
    public BarSeries get(Timeframe tf) {
        BarSeries s = series.get(tf);
        if (s == null) {
            throw new ConfigurationException("timeframes", "no " + tf + " series for " + info.symbol()
                    + "; have " + series.keySet());
        }
        return s;
    }
}
