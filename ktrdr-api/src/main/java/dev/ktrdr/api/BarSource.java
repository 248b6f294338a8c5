package dev.ktrdr.api;

/**
 * Where bars come from: a data folder of CSV files, a host application's own store, a synthetic
 * market. Implementations validate what they return (see ktrdr-data's validation policies).
 *
 * <p>Implementations must be safe to call from several threads at once.
 */
@FunctionalInterface
public interface BarSource {

    /**
     * Loads the complete series of a symbol on one timeframe.
     *
     * @param symbol the symbol
     * @param timeframe the bar size
     * @return the series, sorted, with close times set by the symbol's calendar
     * @throws DataException when the data is missing or invalid (naming file and line where there is one)
     */
    BarSeries load(Symbol symbol, Timeframe timeframe);

    /**
     * A digest that differs whenever what {@link #load} could return for the symbol, on any timeframe, differs,
     * and that costs less than loading: a cache (the training feature store) recognises unchanged input by it
     * without parsing the bars. Empty, the default, when the source cannot promise that (a database table may
     * change under the same name); the cache then hashes the loaded bars instead.
     *
     * @param symbol the symbol
     * @return the fingerprint (at most 128 characters), or empty
     */
    default java.util.Optional<String> fingerprint(Symbol symbol) {
        return java.util.Optional.empty();
    }
}
