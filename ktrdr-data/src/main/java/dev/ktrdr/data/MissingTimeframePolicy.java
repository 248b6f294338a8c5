package dev.ktrdr.data;

/**
 * What {@link MultiTimeframeLoader} does with a requested timeframe that is neither on disk nor
 * resamplable from a finer file.
 */
public enum MissingTimeframePolicy {
    /** Fail with a {@link dev.ktrdr.api.DataException} naming the symbol and timeframe (default). */
    FAIL,
    /** Leave the timeframe out and list it in {@link MultiTimeframeLoader.Loaded#dropped()}; the base timeframe is never dropped. */
    DROP
}
