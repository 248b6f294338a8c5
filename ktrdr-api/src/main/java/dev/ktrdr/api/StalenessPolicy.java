package dev.ktrdr.api;

/**
 * What the {@link TimeframeAligner} does with a base row whose newest usable bar on some timeframe is
 * older than that timeframe's allowed staleness. Never a silent fill: both policies report the gap.
 */
public enum StalenessPolicy {
    /** Drop the row and report it as a gap (default). */
    DROP_ROW,
    /** Fail with a {@link DataException} naming the timeframe and the base bar time. */
    FAIL
}
