package dev.ktrdr.sdk;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Symbol;
import java.util.List;

/**
 * What {@link Ktrdr#audit} checks.
 *
 * @param symbols the symbols to audit; empty: the strategy's own
 * @param quick run only the data, prefix-invariance and split checks (no training)
 * @param cuts random cut instants per symbol for the prefix-invariance check, 1 to 50
 * @param seed the seed of the cut instants
 */
public record AuditOptions(List<Symbol> symbols, boolean quick, int cuts, long seed) {
    /** The full audit of the strategy's symbols, three cuts per symbol. */
    public static final AuditOptions DEFAULTS = new AuditOptions(List.of(), false, 3, 42);

    /** Validates the options. */
    public AuditOptions {
        symbols = List.copyOf(symbols);
        if (cuts < 1 || cuts > 50) {
            throw new ConfigurationException("cuts", cuts + " is not in [1, 50]");
        }
    }

    /**
     * @param s the symbols to audit
     * @return these options for them
     */
    public AuditOptions withSymbols(List<Symbol> s) {
        return new AuditOptions(s, quick, cuts, seed);
    }

    /**
     * @param q whether to skip the checks that train
     * @return these options so
     */
    public AuditOptions withQuick(boolean q) {
        return new AuditOptions(symbols, q, cuts, seed);
    }
}
