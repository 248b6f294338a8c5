package dev.ktrdr.api;

/**
 * How an indicator column is made scale-free before its memberships are evaluated, so one fuzzy
 * configuration serves every symbol.
 *
 * @param kind the transform
 * @param window for {@link Kind#ZSCORE}: the number of past values (including the current one) in the
 *     rolling window; ignored otherwise
 */
public record InputTransform(Kind kind, int window) {
    /** The identity transform. */
    public static final InputTransform NONE = new InputTransform(Kind.NONE, 0);

    /** Transform kinds. */
    public enum Kind {
        /** The indicator value as is. */
        NONE,
        /** close ÷ indicator (for price-scale indicators such as moving averages). */
        PRICE_RATIO,
        /** indicator ÷ close × 100 (for price-difference indicators such as MACD or ATR). */
        PERCENT_OF_PRICE,
        /** (value − rolling mean) ÷ rolling standard deviation over the last {@code window} values only. */
        ZSCORE
    }

    /**
     * Checks that a z-score has a usable window.
     *
     * @param kind the transform
     * @param window for {@link Kind#ZSCORE}: the number of past values (including the current one) in the
     *     rolling window; ignored otherwise
     */
    public InputTransform {
        if (kind == null) {
            throw new IllegalArgumentException("kind is null");
        }
        if (kind == Kind.ZSCORE && window < 2) {
            throw new ConfigurationException("input_transform.window", "z-score window " + window + " is not in [2, 100000]");
        }
    }
}
