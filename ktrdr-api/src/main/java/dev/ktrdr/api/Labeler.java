package dev.ktrdr.api;

/**
 * Labels the base series of one symbol with BUY / HOLD / SELL, looking forward only on that same series
 * (rule 6). Rows whose look-ahead window is incomplete get {@link Label#NONE} and are never trained on.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Labeler {

    /**
     * @param base the symbol's base-timeframe series
     * @return one label per bar, stamped with the bars' open times and the symbol
     */
    Labels label(BarSeries base);

    /**
     * The forward horizon in bars: how far past a bar its label may look. Splits purge this many bars
     * before each cut (rule 7).
     *
     * @return the horizon in base bars, ≥ 0
     */
    int horizon();
}
