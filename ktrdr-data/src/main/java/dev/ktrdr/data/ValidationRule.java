package dev.ktrdr.data;

/**
 * The row rules checked when reading bars. {@link #id()} is the kebab-case name used in messages.
 */
public enum ValidationRule {
    /** The row does not have one value per header column. */
    FIELD_COUNT("field-count"),
    /** A timestamp that is not ISO-8601 or epoch milliseconds (epoch seconds are refused). */
    TIMESTAMP("timestamp"),
    /** A value that is not a decimal number. */
    NUMBER("number"),
    /** A price that is NaN or infinite. */
    PRICE_NOT_FINITE("price-finite"),
    /** A price that is zero or negative. */
    PRICE_NOT_POSITIVE("price-positive"),
    /** high &lt; low. */
    HIGH_BELOW_LOW("high-below-low"),
    /** high &lt; max(open, close). */
    HIGH_BELOW_OPEN_CLOSE("high-below-open-close"),
    /** low &gt; min(open, close). */
    LOW_ABOVE_OPEN_CLOSE("low-above-open-close"),
    /** A volume that is NaN, infinite or negative. */
    VOLUME("volume"),
    /** A timestamp earlier than the row before it. */
    UNSORTED("sorted"),
    /** A timestamp equal to the row before it. */
    DUPLICATE("duplicate"),
    /** A timestamp that is not on the timeframe's grid. */
    OFF_GRID("grid"),
    /** A timestamp outside the plausible range ({@link Plausibility#minTime()} to {@link Plausibility#maxTime()}). */
    TIMESTAMP_RANGE("timestamp-range"),
    /** A price outside the plausible band ({@link Plausibility#minPrice()} to {@link Plausibility#maxPrice()}), subnormal floats included. */
    PRICE_RANGE("price-range"),
    /** A bar whose price is more than {@link Plausibility#spikeFactor()} times, or less than its inverse, both neighbours' closes. */
    SPIKE("spike"),
    /** Consecutive bars further apart than {@link Plausibility#maxGapMillis()}. */
    GAP("gap");

    private final String id;

    ValidationRule(String id) {
        this.id = id;
    }

    /** @return the rule's name in messages, e.g. {@code high-below-open-close} */
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
