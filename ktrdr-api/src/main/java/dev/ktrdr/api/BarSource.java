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
}
