package dev.ktrdr.training.backtest.mtf;

/**
 * How strongly timeframes agree, from the confluence score s (the share of timeframes trending in the
 * majority direction): HIGH when s ≥ 0.75, MEDIUM when 0.5 &lt; s &lt; 0.75, LOW otherwise (no majority).
 * With three timeframes: 3 of 3 is HIGH, 2 of 3 MEDIUM, anything less LOW.
 */
public enum ConfluenceLevel {
    /** At least three quarters of the timeframes agree. */
    HIGH,
    /** A majority, but less than three quarters, agree. */
    MEDIUM,
    /** No majority agrees. */
    LOW
}
