package dev.ktrdr.training.backtest.mtf;

/** The direction of one timeframe's trend. */
public enum Trend {
    /** Rising. */
    UP,
    /** Falling. */
    DOWN,
    /** No trend worth the name. */
    NEUTRAL
}
