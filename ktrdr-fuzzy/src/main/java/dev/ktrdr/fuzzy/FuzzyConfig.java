package dev.ktrdr.fuzzy;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FuzzySetSpec;
import dev.ktrdr.api.InputTransform;
import dev.ktrdr.api.MembershipSpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads the {@code fuzzy_sets:} section of a strategy from a generic YAML tree (maps, lists, numbers
 * and strings as Jackson or SnakeYAML produce them). Both layouts users have are accepted, set by set:
 *
 * <pre>
 * # current layout: keyed by set id, the input named by indicator: (dot notation for outputs)
 * fuzzy_sets:
 *   macd_hist:
 *     indicator: macd_12_26_9.histogram
 *     input_transform: {type: percent_of_price}        # optional: price_ratio | percent_of_price | zscore
 *     bearish: {type: trapezoidal, parameters: [-5, -2, -0.2, 0]}
 *     neutral: [-0.1, 0, 0.1]                           # a bare list means triangular
 *
 * # older layout: keyed by indicator name, no indicator: key
 * fuzzy_sets:
 *   rsi:
 *     oversold: {type: triangular, parameters: [0, 20, 35]}
 * </pre>
 *
 * Every other key of a set is a membership; memberships keep the order of the file. The z-score
 * transform needs {@code window: N} (2 to 100000); {@code reference: close} is accepted for the price
 * transforms. Parameters are validated here through {@link FuzzySet#of}, so a bad shape fails at load
 * with the path {@code fuzzy_sets.{set}.{membership}}. Stateless and thread-safe.
 */
public final class FuzzyConfig {
    /** Largest z-score window accepted. */
    public static final int MAX_WINDOW = 100_000;

    private FuzzyConfig() {
    }

    /**
     * @param section the value under {@code fuzzy_sets:} (a map)
     * @return the sets in file order, each validated
     * @throws ConfigurationException naming the YAML path of the first problem
     */
    public static List<FuzzySetSpec> parseFuzzySets(Object section) {
        return parseFuzzySets(section, e -> {
            throw e;
        });
    }

    /**
     * As {@link #parseFuzzySets(Object)}, handing every problem to {@code problems} instead of throwing
     * the first: each bad indicator reference, input transform and membership (shape, parameter count,
     * order, values) of every set, and every column two sets would both produce. The strategy loader
     * reports them all at once this way.
     *
     * @param section the value under {@code fuzzy_sets:} (a map)
     * @param problems receives each problem, path {@code fuzzy_sets...}
     * @return the valid sets, in file order (sets with a problem are left out)
     */
    public static List<FuzzySetSpec> parseFuzzySets(Object section, Consumer<ConfigurationException> problems) {
        if (!(section instanceof Map<?, ?> sets)) {
            problems.accept(new ConfigurationException("fuzzy_sets", "expected a mapping of fuzzy sets, got "
                    + describe(section)));
            return List.of();
        }
        if (sets.isEmpty()) {
            problems.accept(new ConfigurationException("fuzzy_sets", "no fuzzy sets are defined"));
            return List.of();
        }
        List<FuzzySetSpec> out = new ArrayList<>();
        Map<String, String> columns = new HashMap<>();
        for (Map.Entry<?, ?> e : sets.entrySet()) {
            String id = String.valueOf(e.getKey());
            boolean[] parsed = {true};
            FuzzySetSpec spec = parseSet(id, e.getValue(), problems, parsed);
            // the memberships that parsed are checked even when a sibling did not, so all are reported
            FuzzySet set = spec == null ? null : FuzzySet.check(spec, problems);
            if (set == null || !parsed[0]) {
                continue;
            }
            // the one validation path for columns: BatchFuzzyEngine.compile refuses the same
            boolean clash = false;
            for (String c : set.columnNames()) {
                String prev = columns.putIfAbsent(c, id);
                if (prev != null && !clash) {
                    problems.accept(new ConfigurationException("fuzzy_sets." + id, "column '" + c
                            + "' is produced by set '" + prev + "' and set '" + id + "'"));
                    clash = true;
                }
            }
            if (!clash) {
                out.add(spec);
            }
        }
        return List.copyOf(out);
    }

    /** The set as parsed ({@code ok[0]} false when part of it did not parse), or null when nothing is left. */
    private static FuzzySetSpec parseSet(String id, Object value, Consumer<ConfigurationException> problems, boolean[] ok) {
        String path = "fuzzy_sets." + id;
        if (!(value instanceof Map<?, ?> body)) {
            problems.accept(new ConfigurationException(path, "expected a mapping of memberships, got " + describe(value)));
            ok[0] = false;
            return null;
        }
        String indicator = id;
        InputTransform transform = InputTransform.NONE;
        List<MembershipSpec> memberships = new ArrayList<>();
        for (Map.Entry<?, ?> e : body.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            try {
                if (key.equals("indicator")) {
                    if (!(v instanceof String s) || s.isBlank()) {
                        throw new ConfigurationException(path + ".indicator", "expected an indicator column such as "
                                + "'rsi_14' or 'macd_12_26_9.histogram', got " + describe(v));
                    }
                    indicator = s.trim();
                } else if (key.equals("input_transform")) {
                    transform = parseTransform(path + ".input_transform", v);
                } else {
                    memberships.add(parseMembership(path + "." + key, key, v));
                }
            } catch (ConfigurationException x) {
                problems.accept(x);
                ok[0] = false;
            }
        }
        if (memberships.isEmpty()) {
            if (ok[0]) {
                problems.accept(new ConfigurationException(path, "the set has no memberships"));
            }
            ok[0] = false;
            return null;
        }
        return new FuzzySetSpec(id, indicator, transform, memberships);
    }

    private static MembershipSpec parseMembership(String path, String name, Object v) {
        if (v instanceof List<?> list) {
            return new MembershipSpec(name, "triangular", numbers(path, list));
        }
        if (v instanceof Map<?, ?> m) {
            Object type = null;
            Object params = null;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (k.equals("type")) {
                    type = e.getValue();
                } else if (k.equals("parameters")) {
                    params = e.getValue();
                } else {
                    throw new ConfigurationException(path + "." + k, "unknown key; a membership has 'type' and 'parameters'");
                }
            }
            if (!(type instanceof String t)) {
                throw new ConfigurationException(path + ".type", "expected a membership type (" + Shapes.VALID + "), got "
                        + describe(type));
            }
            if (!(params instanceof List<?> pl)) {
                throw new ConfigurationException(path + ".parameters", "expected a list of numbers, got " + describe(params));
            }
            return new MembershipSpec(name, t.trim().toLowerCase(Locale.ROOT), numbers(path + ".parameters", pl));
        }
        throw new ConfigurationException(path, "expected a list of numbers (triangular) or {type, parameters}, got "
                + describe(v));
    }

    private static InputTransform parseTransform(String path, Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            throw new ConfigurationException(path, "expected {type: price_ratio | percent_of_price | zscore}, got "
                    + describe(v));
        }
        Object type = null;
        Object window = null;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = String.valueOf(e.getKey());
            switch (k) {
                case "type":
                    type = e.getValue();
                    break;
                case "window":
                    window = e.getValue();
                    break;
                case "reference":
                    if (!"close".equals(e.getValue())) {
                        throw new ConfigurationException(path + ".reference", "only 'close' is supported, got "
                                + describe(e.getValue()));
                    }
                    break;
                default:
                    throw new ConfigurationException(path + "." + k, "unknown key; an input transform has type, window"
                            + " (zscore) and reference (close)");
            }
        }
        if (!(type instanceof String t)) {
            throw new ConfigurationException(path + ".type", "expected price_ratio, percent_of_price or zscore, got "
                    + describe(type));
        }
        String kind = t.trim().toLowerCase(Locale.ROOT);
        InputTransform.Kind k;
        switch (kind) {
            case "price_ratio":
                k = InputTransform.Kind.PRICE_RATIO;
                break;
            case "percent_of_price":
                k = InputTransform.Kind.PERCENT_OF_PRICE;
                break;
            case "zscore":
            case "z_score":
                k = InputTransform.Kind.ZSCORE;
                break;
            case "none":
            case "identity":
                k = InputTransform.Kind.NONE;
                break;
            default:
                throw new ConfigurationException(path + ".type", "unknown input transform '" + t
                        + "'; valid: price_ratio, percent_of_price, zscore, none");
        }
        if (k != InputTransform.Kind.ZSCORE) {
            if (window != null) {
                throw new ConfigurationException(path + ".window", "a window applies to zscore only, not to " + kind);
            }
            return new InputTransform(k, 0);
        }
        if (!(window instanceof Integer || window instanceof Long || window instanceof BigInteger)) {
            throw new ConfigurationException(path + ".window", "zscore needs an integer window in [2, " + MAX_WINDOW
                    + "], got " + describe(window));
        }
        long w = ((Number) window).longValue();
        if (w < 2 || w > MAX_WINDOW || (window instanceof BigInteger bi && bi.bitLength() > 62)) {
            throw new ConfigurationException(path + ".window", "window " + window + " is not in [2, " + MAX_WINDOW + "]");
        }
        return new InputTransform(k, (int) w);
    }

    private static double[] numbers(String path, List<?> list) {
        double[] p = new double[list.size()];
        for (int i = 0; i < p.length; i++) {
            Object o = list.get(i);
            if (!(o instanceof Number num)) {
                throw new ConfigurationException(path + "[" + i + "]", "expected a number, got " + describe(o));
            }
            p[i] = num.doubleValue();
        }
        return p;
    }

    static String describe(Object v) {
        if (v == null) {
            return "nothing";
        }
        if (v instanceof Map) {
            return "a mapping";
        }
        if (v instanceof List) {
            return "a list";
        }
        if (v instanceof String s) {
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
        }
        return String.valueOf(v);
    }
}
