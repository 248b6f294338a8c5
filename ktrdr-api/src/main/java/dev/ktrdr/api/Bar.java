package dev.ktrdr.api;

/**
 * One OHLCV bar. {@code openTime} is the bar's open instant (UTC epoch ms); {@code closeTime} is the
 * instant it became known (open + timeframe for intraday bars, the session close for daily bars of
 * session markets). Prices are in the instrument's quote currency, volume in its native unit (0 where
 * the instrument has none).
 *
 * @param openTime open instant, UTC epoch ms
 * @param closeTime instant the bar is complete and known, UTC epoch ms, greater than openTime
 * @param open first price
 * @param high highest price
 * @param low lowest price
 * @param close last price
 * @param volume traded volume
 */
public record Bar(long openTime, long closeTime, double open, double high, double low, double close, double volume) {
}
