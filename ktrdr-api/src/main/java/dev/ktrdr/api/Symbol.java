package dev.ktrdr.api;

import dev.ktrdr.api.internal.SafeNames;

/**
 * A market symbol such as {@code EURUSD}, {@code AAPL} or {@code BTC-USD}: 1 to 32 letters, digits,
 * {@code .}, {@code _} or {@code -}. Anything that could form or escape a path is refused
 * (see {@link SafeNames}). Case is preserved; two symbols are equal when their text is equal.
 *
 * @param value the symbol text
 */
public record Symbol(String value) implements Comparable<Symbol> {
    /** The longest symbol accepted. */
    public static final int MAX_LENGTH = 32;

    /**
     * Validates the symbol; see the class comment for the rules.
     *
     * @param value the symbol text
     */
    public Symbol {
        SafeNames.require("symbol", value, MAX_LENGTH);
    }

    /**
     * @param value the symbol text
     * @return the validated symbol
     * @throws ConfigurationException when the text is not a valid symbol
     */
    public static Symbol of(String value) {
        return new Symbol(value);
    }

    @Override
    public int compareTo(Symbol o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
