package dev.ktrdr.training.strategy;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Applies a strategy's {@code overrides} for one symbol: defaults, then the patch of the symbol's asset
 * class, then the patch of the symbol, and records which settings each applied. Maps merge key by key;
 * lists and scalars replace.
 *
 * <p>What may be overridden: {@code training.labels.*}, {@code fuzzy_sets.*} (membership parameters and
 * input transforms), {@code indicators.*} parameters and {@code decisions.*}. An override may change
 * values but not the feature spec: it may not add or remove indicators, fuzzy sets or memberships, so a
 * universal model sees the same columns for every symbol. Every patch is checked when the strategy is
 * loaded; problems are reported under {@code overrides.asset_classes.{class}} or
 * {@code overrides.symbols.{SYMBOL}}.
 *
 * <p>Stateless and thread-safe.
 */
public final class StrategyOverrides {
    private static final Set<String> PATCHABLE = Set.of("training", "fuzzy_sets", "indicators", "decisions");

    private StrategyOverrides() {
    }

    /**
     * The strategy as it applies to one symbol.
     *
     * @param strategy the effective strategy (its {@code overrides} are kept, for the record)
     * @param applied one entry per overridden setting, e.g.
     *     {@code asset_classes.crypto: training.labels.zigzag_threshold = 0.05}, in the order applied
     */
    public record Resolved(Strategy strategy, List<String> applied) {
        /** Copies the list. */
        public Resolved {
            Objects.requireNonNull(strategy, "strategy");
            applied = List.copyOf(applied);
        }
    }

    /**
     * @param strategy a loaded strategy
     * @param info the symbol and its asset class
     * @return the effective strategy and what was applied; the strategy itself when nothing applies
     */
    public static Resolved resolve(Strategy strategy, SymbolInfo info) {
        Overrides o = strategy.overrides();
        Map<String, Object> classPatch = o.assetClasses().get(info.assetClass());
        Map<String, Object> symbolPatch = o.symbols().get(info.symbol());
        if (classPatch == null && symbolPatch == null) {
            return new Resolved(strategy, List.of());
        }
        List<String> applied = new ArrayList<>();
        Map<String, Object> tree = Trees.mutableCopy(strategy.raw());
        if (classPatch != null) {
            merge(tree, classPatch, "", "asset_classes." + info.assetClass().id(), applied);
        }
        if (symbolPatch != null) {
            merge(tree, symbolPatch, "", "symbols." + info.symbol(), applied);
        }
        List<Problem> problems = new ArrayList<>();
        Strategy effective = StrategyLoader.build(tree, problems, false, strategy.catalog());
        if (effective == null) {
            // check() ran at load time, so this only happens for strategies built around the loader.
            throw new StrategyValidationException("overrides for " + info.symbol(), problems);
        }
        return new Resolved(effective, applied);
    }

    /** Checks every patch at load time; problems are appended with an {@code overrides.} prefix. */
    static void check(Strategy s, List<Problem> problems) {
        for (Map.Entry<AssetClass, Map<String, Object>> e : s.overrides().assetClasses().entrySet()) {
            checkPatch(s, e.getValue(), "overrides.asset_classes." + e.getKey().id(), problems);
        }
        for (Map.Entry<Symbol, Map<String, Object>> e : s.overrides().symbols().entrySet()) {
            checkPatch(s, e.getValue(), "overrides.symbols." + e.getKey(), problems);
        }
    }

    private static void checkPatch(Strategy s, Map<String, Object> patch, String prefix, List<Problem> problems) {
        int before = problems.size();
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            if (!PATCHABLE.contains(e.getKey())) {
                problems.add(new Problem(prefix + "." + e.getKey(), "cannot be overridden; overridable: " + PATCHABLE));
            } else if (e.getKey().equals("training") && e.getValue() instanceof Map<?, ?> t) {
                for (Object k : t.keySet()) {
                    if (!"labels".equals(k)) {
                        problems.add(new Problem(prefix + ".training." + k,
                                "cannot be overridden per symbol (one model trains with one set of hyper-parameters); "
                                        + "only training.labels can"));
                    }
                }
            }
        }
        if (problems.size() > before) {
            return;
        }
        Map<String, Object> tree = Trees.mutableCopy(s.raw());
        merge(tree, patch, "", prefix, new ArrayList<>());
        List<Problem> inner = new ArrayList<>();
        Strategy patched = StrategyLoader.build(tree, inner, false, s.catalog());
        for (Problem p : inner) {
            // a warning the strategy itself has is reported once, at its own path
            if (p.isError() || !s.warnings().contains(p)) {
                problems.add(new Problem(prefix + "." + p.path(), p.message(), p.severity()));
            }
        }
        if (patched == null) {
            return;
        }
        if (!patched.indicators().keySet().equals(s.indicators().keySet())) {
            problems.add(new Problem(prefix + ".indicators", "an override may change parameters but not add or remove "
                    + "indicators (the feature spec must be the same for every symbol)"));
        }
        if (!patched.fuzzySets().keySet().equals(s.fuzzySets().keySet())) {
            problems.add(new Problem(prefix + ".fuzzy_sets", "an override may not add or remove fuzzy sets "
                    + "(the feature spec must be the same for every symbol)"));
            return;
        }
        for (String set : s.fuzzySets().keySet()) {
            if (!memberships(s.fuzzySets().get(set)).equals(memberships(patched.fuzzySets().get(set)))) {
                problems.add(new Problem(prefix + ".fuzzy_sets." + set, "an override may change membership parameters "
                        + "but not add or remove memberships (the feature spec must be the same for every symbol)"));
            }
        }
    }

    private static Set<String> memberships(Object set) {
        Set<String> out = new LinkedHashSet<>();
        if (set instanceof Map<?, ?> m) {
            for (Object k : m.keySet()) {
                if (!"indicator".equals(k) && !"input_transform".equals(k)) {
                    out.add(String.valueOf(k));
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void merge(Map<String, Object> into, Map<String, Object> patch, String path, String origin,
                              List<String> applied) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
            Object current = into.get(e.getKey());
            if (e.getValue() instanceof Map<?, ?> pm && current instanceof Map<?, ?>) {
                merge((Map<String, Object>) current, (Map<String, Object>) pm, p, origin, applied);
            } else {
                into.put(e.getKey(), Trees.copyValue(e.getValue()));
                applied.add(origin + ": " + p + " = " + e.getValue());
            }
        }
    }
}
