package dev.ktrdr.data;

/**
 * One row that broke a rule, and what {@link ValidationPolicy#REPAIR} did with it.
 *
 * @param line 1-based line in the file (the header is line 1)
 * @param timestamp the row's timestamp text (empty when the row had none)
 * @param column the column concerned ({@code timestamp}, {@code open}, ..., or {@code row})
 * @param value the offending value as written in the file
 * @param rule the rule broken
 * @param action what was done
 * @param detail one line explaining the problem (and the fix)
 */
public record RowIssue(long line, String timestamp, String column, String value, ValidationRule rule,
                       Action action, String detail) {

    /** What REPAIR did with a row. */
    public enum Action {
        /** The row is not in the series. */
        DROPPED,
        /** The row is in the series with corrected values or position. */
        FIXED
    }

    /** @return the issue as one line: {@code line N: column 'value' breaks rule: detail (action)} */
    @Override
    public String toString() {
        return "line " + line + ": " + column + " '" + value + "' breaks rule " + rule.id() + ": " + detail
                + " (" + action.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
