package dev.ktrdr.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which symbols and timeframes a model may serve, from the strategy's {@code deployment:} section.
 *
 * @param mode universal (any symbol not excluded, within the asset classes if any are listed),
 *     group-restricted (only the listed asset classes) or training-only (only the training symbols)
 * @param assetClasses allowed asset classes; empty means any
 * @param excluded symbols never served
 * @param supportedTimeframes timeframes the model serves; a subset of those it was trained on
 */
public record Deployment(Mode mode, Set<AssetClass> assetClasses, Set<Symbol> excluded, List<Timeframe> supportedTimeframes) {
    /** Deployment modes. */
    public enum Mode {
        /** Any symbol not excluded (within the asset classes, if listed). */
        UNIVERSAL,
        /** Only symbols of the listed asset classes. */
        GROUP_RESTRICTED,
        /** Only the symbols trained on. */
        TRAINING_ONLY
    }

    /**
     * Copies the collections.
     *
     * @param mode universal (any symbol not excluded, within the asset classes if any are listed),
     *     group-restricted (only the listed asset classes) or training-only (only the training symbols)
     * @param assetClasses allowed asset classes; empty means any
     * @param excluded symbols never served
     * @param supportedTimeframes timeframes the model serves; a subset of those it was trained on
     */
    public Deployment {
        Objects.requireNonNull(mode, "mode");
        assetClasses = Set.copyOf(assetClasses);
        excluded = Set.copyOf(excluded);
        supportedTimeframes = List.copyOf(supportedTimeframes);
    }

    /**
     * Why this deployment refuses a symbol and timeframes, if it does.
     *
     * @param info the symbol asked for
     * @param timeframes the timeframes the caller will feed
     * @param trainingSymbols the model's training symbols
     * @return a one-line reason, or empty when the model may serve
     */
    public Optional<String> refusal(SymbolInfo info, List<Timeframe> timeframes, Set<Symbol> trainingSymbols) {
        if (excluded.contains(info.symbol())) {
            return Optional.of("symbol " + info.symbol() + " is excluded by the deployment");
        }
        if (mode == Mode.TRAINING_ONLY && !trainingSymbols.contains(info.symbol())) {
            return Optional.of("deployment is training_only and " + info.symbol() + " was not trained on");
        }
        if ((mode == Mode.GROUP_RESTRICTED || !assetClasses.isEmpty()) && !assetClasses.contains(info.assetClass())) {
            return Optional.of("asset class " + info.assetClass() + " of " + info.symbol() + " is not in " + assetClasses);
        }
        if (!Set.copyOf(supportedTimeframes).equals(Set.copyOf(timeframes))) {
            return Optional.of("timeframes " + timeframes + " differ from the supported " + supportedTimeframes);
        }
        return Optional.empty();
    }
}
