package dev.ktrdr.training.strategy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Detects the layout of a strategy tree and rewrites the older layout into the current one:
 * <ul>
 *   <li>{@code data: {symbols, timeframes, start_date, end_date}} becomes {@code training_data} with
 *       {@code symbols: {mode: single, symbol}} or {@code {mode: multi_symbol, list}} and
 *       {@code timeframes: {mode: single | multi_timeframe, list, base_timeframe}} (base: the first listed);</li>
 *   <li>the indicator list becomes a mapping keyed by id ({@code feature_id} if given, else the name), the
 *       name becoming {@code type};</li>
 *   <li>fuzzy sets keyed by indicator name gain {@code indicator: {name}};</li>
 *   <li>hyper-parameters under {@code model.training} move to the top-level {@code training} section
 *       (the Python original silently ignores them there; here they reach the trainer). A key present in
 *       both places with different values is a problem, not a silent choice.</li>
 * </ul>
 * A tree already in the current layout is returned unchanged (migration is idempotent).
 *
 * <p>Stateless and thread-safe.
 */
public final class StrategyMigrator {
    private StrategyMigrator() {
    }

    /**
     * Detects the layout: a declared {@code version} below 3 means the older layout; without a version, a
     * {@code data:} block, a list of indicators or a {@code model.training} section mean the older layout.
     *
     * @param tree a parsed strategy
     * @return the layout
     */
    public static StrategyLayout detect(Map<String, Object> tree) {
        Object version = tree.get("version");
        if (version != null) {
            String v = String.valueOf(version).trim();
            int major = 0;
            int i = 0;
            while (i < v.length() && Character.isDigit(v.charAt(i))) {
                major = major * 10 + (v.charAt(i) - '0');
                i++;
            }
            if (i > 0) {
                return major < 3 ? StrategyLayout.LEGACY : StrategyLayout.CURRENT;
            }
        }
        boolean legacy = tree.containsKey("data") && !tree.containsKey("training_data")
                || tree.get("indicators") instanceof List
                || tree.get("model") instanceof Map<?, ?> m && m.get("training") instanceof Map;
        return legacy ? StrategyLayout.LEGACY : StrategyLayout.CURRENT;
    }

    /**
     * Rewrites a tree in the older layout into the current one; a current tree is returned as a copy.
     *
     * @param tree a parsed strategy
     * @return the tree in the current layout
     * @throws StrategyValidationException listing every problem that prevents the migration
     */
    public static Map<String, Object> migrate(Map<String, Object> tree) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> out = migrate(tree, problems);
        if (!problems.isEmpty()) {
            throw new StrategyValidationException("strategy", problems);
        }
        return out;
    }

    /**
     * Migrates YAML text and writes the result as YAML.
     *
     * @param yaml the strategy text, either layout
     * @param source where it came from, for messages
     * @return the strategy in the current layout, as YAML
     * @throws StrategyValidationException listing every problem
     */
    public static String migrateYaml(String yaml, String source) {
        Map<String, Object> tree = StrategyYaml.parse(yaml, source);
        List<Problem> problems = new ArrayList<>();
        Map<String, Object> out = migrate(tree, problems);
        if (!problems.isEmpty()) {
            throw new StrategyValidationException(source, problems);
        }
        return StrategyYaml.write(out);
    }

    static Map<String, Object> migrate(Map<String, Object> tree, List<Problem> problems) {
        Objects.requireNonNull(tree, "tree");
        if (detect(tree) == StrategyLayout.CURRENT) {
            return Trees.mutableCopy(tree);
        }
        Map<String, Object> in = Trees.mutableCopy(tree);
        Map<String, Object> out = new LinkedHashMap<>();
        copyIf(in, out, "name");
        copyIf(in, out, "description");
        out.put("version", Strategy.CURRENT_VERSION);
        copyIf(in, out, "scope");
        out.put("training_data", trainingData(in, problems));
        copyIf(in, out, "deployment");
        out.put("indicators", indicators(in.get("indicators"), problems));
        out.put("fuzzy_sets", fuzzySets(in.get("fuzzy_sets"), problems));
        copyIf(in, out, "nn_inputs");
        Map<String, Object> model = in.get("model") instanceof Map<?, ?> ? asMap(in.get("model")) : null;
        Object legacyTraining = model == null ? null : model.remove("training");
        if (model != null) {
            out.put("model", model);
        }
        copyIf(in, out, "decisions");
        Map<String, Object> training = in.get("training") instanceof Map<?, ?> ? asMap(in.get("training"))
                : new LinkedHashMap<>();
        if (legacyTraining instanceof Map<?, ?>) {
            for (Map.Entry<String, Object> e : asMap(legacyTraining).entrySet()) {
                Object existing = training.get(e.getKey());
                if (existing != null && !existing.equals(e.getValue())) {
                    problems.add(new Problem("model.training." + e.getKey(), "'" + e.getValue()
                            + "' conflicts with training." + e.getKey() + " '" + existing + "'; keep one"));
                } else {
                    training.put(e.getKey(), e.getValue());
                }
            }
        } else if (legacyTraining != null) {
            problems.add(new Problem("model.training", "must be a mapping of hyper-parameters"));
        }
        out.put("training", training);
        for (Map.Entry<String, Object> e : in.entrySet()) {
            if (!out.containsKey(e.getKey()) && !e.getKey().equals("data")) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static Map<String, Object> trainingData(Map<String, Object> in, List<Problem> problems) {
        if (in.get("training_data") instanceof Map<?, ?> td) {
            return asMap(td);
        }
        Map<String, Object> data = in.get("data") instanceof Map<?, ?> d ? asMap(d) : null;
        Map<String, Object> out = new LinkedHashMap<>();
        if (data == null) {
            problems.add(new Problem("data", "the older layout needs a 'data:' mapping with symbols and timeframes"));
            return out;
        }
        Object symbols = data.get("symbols");
        Map<String, Object> sym = new LinkedHashMap<>();
        if (symbols instanceof List<?> l && l.size() == 1) {
            sym.put("mode", "single");
            sym.put("symbol", l.get(0));
        } else if (symbols instanceof List<?> l && !l.isEmpty()) {
            sym.put("mode", "multi_symbol");
            sym.put("list", new ArrayList<>(l));
        } else if (symbols instanceof String s) {
            sym.put("mode", "single");
            sym.put("symbol", s);
        } else {
            problems.add(new Problem("data.symbols", "must be a non-empty list of symbols"));
        }
        out.put("symbols", sym);
        Object tfs = data.get("timeframes");
        Map<String, Object> tf = new LinkedHashMap<>();
        List<Object> list = tfs instanceof List<?> l ? new ArrayList<>(l) : tfs instanceof String s ? List.of(s) : null;
        if (list == null || list.isEmpty()) {
            problems.add(new Problem("data.timeframes", "must be a non-empty list of timeframes"));
        } else {
            tf.put("mode", list.size() == 1 ? "single" : "multi_timeframe");
            tf.put("list", list);
            tf.put("base_timeframe", data.getOrDefault("base_timeframe", list.get(0)));
        }
        out.put("timeframes", tf);
        for (String k : List.of("history_required", "start_date", "end_date")) {
            if (data.containsKey(k)) {
                out.put(k, data.get(k));
            }
        }
        for (String k : data.keySet()) {
            if (!List.of("symbols", "timeframes", "base_timeframe", "history_required", "start_date", "end_date").contains(k)) {
                problems.add(new Problem("data." + k, "unknown key; known: symbols, timeframes, base_timeframe, "
                        + "history_required, start_date, end_date"));
            }
        }
        return out;
    }

    private static Object indicators(Object section, List<Problem> problems) {
        if (!(section instanceof List<?> list)) {
            return section;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "indicators[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                problems.add(new Problem(path, "must be a mapping with a 'name'"));
                continue;
            }
            Map<String, Object> entry = asMap(m);
            Object name = entry.remove("name");
            Object featureId = entry.remove("feature_id");
            if (!(name instanceof String n) || n.isBlank()) {
                problems.add(new Problem(path + ".name", "missing; every indicator needs a name"));
                continue;
            }
            String id = featureId instanceof String f && !f.isBlank() ? f : n;
            if (out.containsKey(id)) {
                problems.add(new Problem(path + ".name", "'" + id + "' appears twice; give one a 'feature_id'"));
                continue;
            }
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("type", entry.containsKey("type") ? entry.remove("type") : n);
            spec.putAll(entry);
            out.put(id, spec);
        }
        return out;
    }

    private static Object fuzzySets(Object section, List<Problem> problems) {
        if (!(section instanceof Map<?, ?> m)) {
            return section;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : asMap(m).entrySet()) {
            if (e.getValue() instanceof Map<?, ?> set) {
                Map<String, Object> s = new LinkedHashMap<>();
                Map<String, Object> members = asMap(set);
                s.put("indicator", members.containsKey("indicator") ? members.remove("indicator") : e.getKey());
                s.putAll(members);
                out.put(e.getKey(), s);
            } else {
                problems.add(new Problem("fuzzy_sets." + e.getKey(), "must be a mapping of memberships"));
            }
        }
        return out;
    }

    private static void copyIf(Map<String, Object> in, Map<String, Object> out, String key) {
        if (in.containsKey(key)) {
            out.put(key, in.get(key));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }
}
