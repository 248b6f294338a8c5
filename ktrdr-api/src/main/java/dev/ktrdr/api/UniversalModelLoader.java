package dev.ktrdr.api;

import java.util.List;
import java.util.Objects;

/**
 * Finds the model that serves a symbol on given timeframes, through a fallback chain: a universal
 * model whose deployment allows the symbol and timeframes, then a symbol-specific model, then a group
 * model of the symbol's asset class; otherwise a {@link ModelException} listing every candidate and why
 * it was refused. A symbol unseen in training is served through the model's unknown-symbol slot.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface UniversalModelLoader {

    /**
     * @param strategy the strategy name
     * @param symbol the symbol to serve, with its asset class
     * @param timeframes the timeframes the caller will feed
     * @return the model that served, the rung and every refusal on the way
     * @throws ModelException listing every candidate and its refusal when nothing serves
     */
    Resolution resolve(String strategy, SymbolInfo symbol, List<Timeframe> timeframes);

    /** Which rung of the chain served. */
    enum Rung {
        /** A universal model. */
        UNIVERSAL,
        /** A model trained for this symbol alone. */
        SYMBOL,
        /** A group model of the symbol's asset class. */
        GROUP
    }

    /**
     * @param candidate the version directory or rung tried
     * @param reason why it was refused
     */
    record Refusal(String candidate, String reason) {
    }

    /**
     * @param model the model that serves
     * @param rung the rung it came from (for a recorded deployment: the rung of the served model's scope)
     * @param refusals every candidate refused before it, with the reason
     * @param unseenSymbol true when the symbol was not among the model's training symbols
     * @param deployment the deployment record that chose the model (e.g. {@code deployed-EURUSD_1h-4h-1d}), or
     *     empty when the fallback chain did
     */
    record Resolution(StoredModel model, Rung rung, List<Refusal> refusals, boolean unseenSymbol, String deployment) {
        /**
         * Copies the refusals.
         *
         * @param model the model that serves
         * @param rung the rung it came from
         * @param refusals every candidate refused before it, with the reason
         * @param unseenSymbol true when the symbol was not among the model's training symbols
         * @param deployment the deployment record that chose the model, or empty
         */
        public Resolution {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(rung, "rung");
            refusals = List.copyOf(refusals);
            Objects.requireNonNull(deployment, "deployment");
        }

        /**
         * A resolution by the fallback chain.
         *
         * @param model the model that serves
         * @param rung the rung it came from
         * @param refusals every candidate refused before it, with the reason
         * @param unseenSymbol true when the symbol was not among the model's training symbols
         */
        public Resolution(StoredModel model, Rung rung, List<Refusal> refusals, boolean unseenSymbol) {
            this(model, rung, refusals, unseenSymbol, "");
        }

        /** @return true when a recorded deployment chose the model */
        public boolean deployed() {
            return !deployment.isEmpty();
        }
    }
}
