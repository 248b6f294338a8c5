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
 * @param seed the seed of the cut instants and of the canary's shuffles
 * @param canarySeeds trainings on shuffled copies for the canary check, 1 to 20
 */
public record AuditOptions(List<Symbol> symbols, boolean quick, int cuts, long seed, int canarySeeds) {
    /** The full audit of the strategy's symbols, three cuts per symbol, three canary seeds. */
    public static final AuditOptions DEFAULTS = new AuditOptions(List.of(), false, 3, 42, 3);

    /** Validates the options. */
    public AuditOptions {
        symbols = List.copyOf(symbols);
        if (cuts < 1 || cuts > 50) {
            throw new ConfigurationException("cuts", cuts + " is not in [1, 50]");
        }
        if (canarySeeds < 1 || canarySeeds > 20) {
            throw new ConfigurationException("canary_seeds", canarySeeds + " is not in [1, 20]");
        }
    }

    /**
     * @param s the symbols to audit
     * @return these options for them
     */
    public AuditOptions withSymbols(List<Symbol> s) {
        return new AuditOptions(s, quick, cuts, seed, canarySeeds);
    }

    /**
     * @param q whether to skip the checks that train
     * @return these options so
     */
    public AuditOptions withQuick(boolean q) {
        return new AuditOptions(symbols, q, cuts, seed, canarySeeds);
    }

    /**
     * @param n trainings on shuffled copies for the canary check
     * @return these options with that many
     */
    public AuditOptions withCanarySeeds(int n) {
        return new AuditOptions(symbols, quick, cuts, seed, n);
    }
}
