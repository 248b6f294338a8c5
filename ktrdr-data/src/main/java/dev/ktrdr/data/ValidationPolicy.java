package dev.ktrdr.data;

/**
 * What a reader does with a row that breaks a {@link ValidationRule}.
 */
public enum ValidationPolicy {
    /** The first bad row raises a {@link dev.ktrdr.api.DataException} naming file, line, column, value and rule (default). */
    STRICT,
    /**
     * Bad rows are dropped or fixed and every action is listed in the {@link ValidationReport}:
     * OHLC inconsistencies are fixed (high raised to, low lowered to, the extremes of the row's
     * prices), rows out of order are moved to their sorted place, later duplicates of a timestamp,
     * rows with unparsable, non-finite or non-positive prices, negative or non-finite volume and
     * off-grid timestamps are dropped. File-level problems (empty file, bad header, bad encoding,
     * corrupt gzip) fail under both policies.
     */
    REPAIR
}
