package dev.ktrdr.indicators;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.IndicatorSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the {@code indicators:} section of a strategy from a YAML tree already loaded as plain maps and
 * lists (what Jackson or SnakeYAML produce: {@code Map}, {@code List}, {@code String}, {@code Number},
 * {@code Boolean}). Both layouts users have are accepted:
 * <ul>
 *   <li>current: a mapping {@code rsi_14: {type: rsi, period: 14}} (id = key);</li>
 *   <li>older: a list {@code - name: rsi, period: 14} (id = name = type; an explicit {@code type} wins
 *       over the name as type).</li>
 * </ul>
 * Only the shape is checked here; types and parameters are validated by the {@link IndicatorCatalog}.
 * Stateless and thread-safe.
 */
public final class IndicatorSpecs {
    private IndicatorSpecs() {
    }

    /**
     * @param section the value under {@code indicators:} (Map or List); null gives an empty list
     * @return the specs in file order
     * @throws ConfigurationException with path {@code indicators...} when the shape is wrong or an id repeats
     */
    public static List<IndicatorSpec> fromSection(Object section) {
        return fromSection(section, e -> {
            throw e;
        });
    }

    /**
     * As {@link #fromSection(Object)}, handing every problem to {@code problems} instead of throwing
     * the first; an entry with a problem is left out of the result.
     *
     * @param section the value under {@code indicators:} (Map or List); null gives an empty list
     * @param problems receives each problem, path {@code indicators...}
     * @return the well-formed specs in file order
     */
    public static List<IndicatorSpec> fromSection(Object section, Consumer<ConfigurationException> problems) {
        List<IndicatorSpec> out = new ArrayList<>();
        if (section == null) {
            return out;
        }
        Set<String> seen = new HashSet<>();
        if (section instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String id = String.valueOf(e.getKey());
                if (!(e.getValue() instanceof Map<?, ?> body)) {
                    problems.accept(new ConfigurationException("indicators." + id,
                            "expected a mapping like {type: rsi, period: 14}, got " + describe(e.getValue())));
                    continue;
                }
                Object type = body.get("type");
                if (!(type instanceof String t) || t.isBlank()) {
                    problems.accept(new ConfigurationException("indicators." + id + ".type",
                            "indicator '" + id + "' has no 'type' (e.g. type: rsi)"));
                    continue;
                }
                add(out, seen, id, t, body, problems, "type");
            }
            return out;
        }
        if (section instanceof List<?> list) {
            int i = 0;
            for (Object item : list) {
                if (!(item instanceof Map<?, ?> body)) {
                    problems.accept(new ConfigurationException("indicators[" + i + "]",
                            "expected a mapping like {name: rsi, period: 14}, got " + describe(item)));
                    i++;
                    continue;
                }
                Object name = body.get("name");
                if (!(name instanceof String n) || n.isBlank()) {
                    problems.accept(new ConfigurationException("indicators[" + i + "].name",
                            "list-form indicator " + i + " has no 'name'"));
                    i++;
                    continue;
                }
                Object type = body.get("type");
                String t = type instanceof String s && !s.isBlank() ? s : n;
                add(out, seen, n, t, body, problems, "name", "type");
                i++;
            }
            return out;
        }
        problems.accept(new ConfigurationException("indicators", "expected a mapping of id to indicator or a list of "
                + "indicators, got " + describe(section)));
        return out;
    }

    private static void add(List<IndicatorSpec> out, Set<String> seen, String id, String type, Map<?, ?> body,
                            Consumer<ConfigurationException> problems, String... reserved) {
        if (!seen.add(id)) {
            problems.accept(new ConfigurationException("indicators." + id, "indicator id '" + id + "' appears twice"));
            return;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        boolean ok = true;
        outer:
        for (Map.Entry<?, ?> e : body.entrySet()) {
            String k = String.valueOf(e.getKey());
            for (String r : reserved) {
                if (r.equals(k)) {
                    continue outer;
                }
            }
            if (e.getValue() == null || e.getValue() instanceof String v && v.isBlank()) { // 'period:' reads as null or ""
                problems.accept(new ConfigurationException("indicators." + id + "." + k, "parameter '" + k
                        + "' of indicator '" + id + "' has no value"));
                ok = false;
                continue;
            }
            params.put(k, e.getValue());
        }
        if (ok) {
            out.add(new IndicatorSpec(id, type, params));
        }
    }

    private static String describe(Object o) {
        return o == null ? "nothing" : o instanceof List ? "a list" : o instanceof Map ? "a mapping" : "'" + o + "'";
    }
}
