package dev.ktrdr.indicators;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.IndicatorSpec;
import dev.ktrdr.indicators.builtin.BuiltinIndicators;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The registry of indicator types: built-ins plus user definitions, looked up by type or alias
 * (case-insensitive, {@code _} and {@code -} ignored, so {@code Bollinger_Bands} finds
 * {@code bollingerbands}).
 *
 * <p>{@link #standard()} is the process-wide catalogue that strategy files and the default engine use:
 * the built-ins, then every {@link IndicatorDefinition} found by {@link ServiceLoader}, then whatever
 * callers {@link #register}. Thread-safe: lookups see a consistent snapshot; registration is
 * synchronized and refuses a name that is already taken.
 */
public final class IndicatorCatalog {
    private static final IndicatorCatalog STANDARD = loadStandard();
    /** Edit distance from which no type is suggested for an unknown name. */
    private static final int SUGGEST_LIMIT = 3;

    private volatile Map<String, IndicatorDefinition> byName = new LinkedHashMap<>();
    private volatile List<IndicatorDefinition> definitions = List.of();

    /** Creates an empty catalogue. */
    public IndicatorCatalog() {
    }

    private static IndicatorCatalog loadStandard() {
        IndicatorCatalog c = builtins();
        for (IndicatorDefinition d : ServiceLoader.load(IndicatorDefinition.class,
                IndicatorCatalog.class.getClassLoader())) {
            c.register(d);
        }
        return c;
    }

    /** @return the shared catalogue: built-ins, service-loaded definitions and registered ones */
    public static IndicatorCatalog standard() {
        return STANDARD;
    }

    /** @return a new catalogue with only the built-in types (independent of {@link #standard()}) */
    public static IndicatorCatalog builtins() {
        IndicatorCatalog c = new IndicatorCatalog();
        for (IndicatorDefinition d : BuiltinIndicators.all()) {
            c.register(d);
        }
        return c;
    }

    /**
     * Adds a type.
     *
     * @param definition the definition
     * @return this catalogue
     * @throws IllegalArgumentException when its type or an alias is already taken or is empty
     */
    public synchronized IndicatorCatalog register(IndicatorDefinition definition) {
        Map<String, IndicatorDefinition> next = new LinkedHashMap<>(byName);
        List<String> names = new ArrayList<>();
        names.add(definition.type());
        names.addAll(definition.aliases());
        for (String name : names) {
            String key = key(name);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("indicator type or alias is empty: " + names);
            }
            IndicatorDefinition old = next.get(key);
            if (old != null && old != definition) {
                throw new IllegalArgumentException("indicator name '" + name + "' is already taken by type '"
                        + old.type() + "'");
            }
            next.put(key, definition);
        }
        List<IndicatorDefinition> defs = new ArrayList<>(definitions);
        if (!defs.contains(definition)) {
            defs.add(definition);
        }
        byName = next;
        definitions = List.copyOf(defs);
        return this;
    }

    /** @return every definition, in registration order */
    public List<IndicatorDefinition> definitions() {
        return definitions;
    }

    /** @return the type names (not aliases), sorted */
    public List<String> types() {
        TreeSet<String> t = new TreeSet<>();
        for (IndicatorDefinition d : definitions) {
            t.add(d.type());
        }
        return new ArrayList<>(t);
    }

    /**
     * @param typeOrAlias a type or alias, any case
     * @return the definition, or null when unknown
     */
    public IndicatorDefinition find(String typeOrAlias) {
        return byName.get(key(typeOrAlias));
    }

    /**
     * @param id the indicator id, for the error path
     * @param typeOrAlias a type or alias
     * @return the definition
     * @throws ConfigurationException at {@code indicators.{id}.type}: with the closest type or alias when
     *     one is at most two edits away, else listing the valid types
     */
    public IndicatorDefinition resolve(String id, String typeOrAlias) {
        IndicatorDefinition d = find(typeOrAlias);
        if (d == null) {
            String near = suggest(typeOrAlias);
            throw new ConfigurationException("indicators." + id + ".type", "unknown indicator type '" + typeOrAlias
                    + "' for indicator '" + id + "'; " + (near != null
                    ? "did you mean '" + near + "'? ('ktrdr indicators list' shows every type)"
                    : "valid types: " + String.join(", ", types())));
        }
        return d;
    }

    /**
     * @param typeOrAlias an unknown type name
     * @return the type or alias nearest to it (case and {@code _}/{@code -} ignored) when at most two
     *     single-character edits away and nearer than any other, else null
     */
    public String suggest(String typeOrAlias) {
        String k = key(typeOrAlias);
        String best = null;
        int bestDistance = SUGGEST_LIMIT;
        boolean tie = false;
        for (IndicatorDefinition d : definitions) {
            List<String> names = new ArrayList<>();
            names.add(d.type());
            names.addAll(d.aliases());
            for (String name : names) {
                int dist = editDistance(k, key(name), SUGGEST_LIMIT);
                if (dist < bestDistance) {
                    best = name;
                    bestDistance = dist;
                    tie = false;
                } else if (dist == bestDistance && best != null && find(best) != d) {
                    tie = true;
                }
            }
        }
        return tie ? null : best;
    }

    /** Levenshtein distance of a and b, or {@code limit} when it is at least that. */
    private static int editDistance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit);
    }

    /**
     * Resolves and validates a spec into a configured indicator (the single validation path).
     *
     * @param spec the configured indicator
     * @return the indicator
     * @throws ConfigurationException for an unknown type or a bad parameter
     */
    public Indicator configure(IndicatorSpec spec) {
        return configure(spec, e -> {
            throw e;
        });
    }

    /**
     * As {@link #configure(IndicatorSpec)}, handing every problem (unknown type, each bad or unknown
     * parameter, inconsistent parameters) to {@code problems} instead of throwing the first.
     *
     * @param spec the configured indicator
     * @param problems receives each problem
     * @return the indicator, or null when there was a problem
     */
    public Indicator configure(IndicatorSpec spec, Consumer<ConfigurationException> problems) {
        IndicatorDefinition d;
        try {
            d = resolve(spec.id(), spec.type());
        } catch (ConfigurationException e) {
            problems.accept(e);
            return null;
        }
        Params p = Params.check(spec.id(), d.type(), d.parameters(), spec.params(), problems);
        if (p == null) {
            return null;
        }
        try {
            return d.create(p);
        } catch (ConfigurationException e) {
            problems.accept(e);
        } catch (IllegalArgumentException e) {
            problems.accept(new ConfigurationException("indicators." + spec.id(), "indicator '" + spec.id() + "' ("
                    + d.type() + "): " + e.getMessage(), e));
        }
        return null;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").trim();
    }
}
