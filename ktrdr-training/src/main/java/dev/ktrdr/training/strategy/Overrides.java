package dev.ktrdr.training.strategy;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.Symbol;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code overrides:} section: patches applied over the strategy's defaults, first for the symbol's
 * asset class, then for the symbol itself. Each patch is a tree with the shape of the strategy (for
 * example {@code {training: {labels: {zigzag_threshold: 0.05}}}}); see {@link StrategyOverrides} for
 * what may be patched. Immutable.
 *
 * <pre>
 * overrides:
 *   asset_classes:
 *     crypto: {training: {labels: {zigzag_threshold: 0.05}}}
 *   symbols:
 *     BTCUSDT: {fuzzy_sets: {rsi_14: {oversold: [0, 15, 30]}}}
 * </pre>
 *
 * @param assetClasses patch per asset class
 * @param symbols patch per symbol
 */
public record Overrides(Map<AssetClass, Map<String, Object>> assetClasses, Map<Symbol, Map<String, Object>> symbols) {
    /** No overrides. */
    public static final Overrides NONE = new Overrides(Map.of(), Map.of());

    /** Freezes the patches. */
    public Overrides {
        LinkedHashMap<AssetClass, Map<String, Object>> a = new LinkedHashMap<>();
        assetClasses.forEach((k, v) -> a.put(k, Trees.freeze(v)));
        assetClasses = Collections.unmodifiableMap(a);
        LinkedHashMap<Symbol, Map<String, Object>> s = new LinkedHashMap<>();
        symbols.forEach((k, v) -> s.put(k, Trees.freeze(v)));
        symbols = Collections.unmodifiableMap(s);
    }

    /** @return true when nothing is overridden */
    public boolean isEmpty() {
        return assetClasses.isEmpty() && symbols.isEmpty();
    }
}
