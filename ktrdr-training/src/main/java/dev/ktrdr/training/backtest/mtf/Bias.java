package dev.ktrdr.training.backtest.mtf;

/** The side that a multi-timeframe confluence favours. */
public enum Bias {
    /** A majority of timeframes trend up. */
    LONG,
    /** A majority of timeframes trend down. */
    SHORT,
    /** No majority. */
    NEUTRAL
}
