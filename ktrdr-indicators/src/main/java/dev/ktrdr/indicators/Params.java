package dev.ktrdr.indicators;

import dev.ktrdr.api.ConfigurationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Validated parameter values of one configured indicator: every parameter of its definition, given or
 * defaulted. Built only by {@link #validate}, the single validation path, which reports errors as
 * {@link ConfigurationException} with path {@code indicators.{id}.{parameter}} naming the value and the
 * allowed range. Immutable and thread-safe.
 */
public final class Params {
    private final Map<String, Object> values;

    private Params(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Checks given values against the parameter specs and fills in defaults.
     *
     * @param id the indicator id, for error paths
     * @param type the indicator type, for messages
     * @param specs the definition's parameters
     * @param given values as read from YAML (Number, Boolean, String); keys not in specs are errors
     * @return the validated parameters
     * @throws ConfigurationException naming {@code indicators.{id}.{param}}, the value and the range
     */
    public static Params validate(String id, String type, List<ParamSpec> specs, Map<String, ?> given) {
        return check(id, type, specs, given, e -> {
            throw e;
        });
    }

    /**
     * As {@link #validate}, but every problem is handed to {@code problems} (one per bad or unknown
     * parameter, in the order of {@code given}, unknown names first) instead of throwing the first; the
     * strategy loader collects them this way.
     *
     * @param id the indicator id, for error paths
     * @param type the indicator type, for messages
     * @param specs the definition's parameters
     * @param given values as read from YAML
     * @param problems receives each problem, path {@code indicators.{id}.{param}}
     * @return the validated parameters, or null when there was a problem
     */
    public static Params check(String id, String type, List<ParamSpec> specs, Map<String, ?> given,
                               Consumer<ConfigurationException> problems) {
        Map<String, ParamSpec> byName = new LinkedHashMap<>();
        for (ParamSpec p : specs) {
            byName.put(p.name(), p);
        }
        boolean ok = true;
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                problems.accept(new ConfigurationException(path(id, key), "indicator '" + id + "' (" + type
                        + ") has no parameter '" + key + "'; its parameters are "
                        + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet()))));
                ok = false;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (ParamSpec p : specs) {
            Object raw = given.get(p.name());
            if (raw == null) {
                out.put(p.name(), p.defaultValue());
                continue;
            }
            try {
                out.put(p.name(), check(id, type, p, raw));
            } catch (ConfigurationException e) {
                problems.accept(e);
                ok = false;
            }
        }
        return ok ? new Params(out) : null;
    }

    private static String path(String id, String param) {
        return "indicators." + id + "." + param;
    }

    private static Object check(String id, String type, ParamSpec p, Object raw) {
        String where = "indicator '" + id + "' (" + type + ") parameter '" + p.name() + "'";
        switch (p.kind()) {
            case BOOL:
                if (raw instanceof Boolean) {
                    return raw;
                }
                throw new ConfigurationException(path(id, p.name()), where + " = " + raw + " is not true|false");
            case CHOICE:
                String s = String.valueOf(raw).toLowerCase(Locale.ROOT);
                if (!(raw instanceof String) || !p.choices().contains(s)) {
                    throw new ConfigurationException(path(id, p.name()), where + " = " + raw
                            + " is not one of " + p.range());
                }
                return s;
            default:
                if (!(raw instanceof Number)) {
                    throw new ConfigurationException(path(id, p.name()), where + " = " + raw
                            + " is not a number; allowed range " + p.range());
                }
                double d = ((Number) raw).doubleValue();
                if (p.kind() == ParamSpec.Kind.INT && (d != Math.rint(d) || Double.isInfinite(d))) {
                    throw new ConfigurationException(path(id, p.name()), where + " = " + raw
                            + " is not a whole number; allowed range " + p.range());
                }
                if (Double.isNaN(d) || !p.inRange(d)) {
                    throw new ConfigurationException(path(id, p.name()), where + " = " + raw
                            + " is out of range " + p.range());
                }
                return p.kind() == ParamSpec.Kind.INT ? (Object) (int) d : (Object) d;
        }
    }

    /**
     * @param name parameter name
     * @return its integer value
     */
    public int integer(String name) {
        return ((Number) get(name)).intValue();
    }

    /**
     * @param name parameter name
     * @return its real value
     */
    public double real(String name) {
        return ((Number) get(name)).doubleValue();
    }

    /**
     * @param name parameter name
     * @return its boolean value
     */
    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    /**
     * @param name parameter name
     * @return its string value (choices are lower case)
     */
    public String string(String name) {
        return (String) get(name);
    }

    /** @return the source parameter as a {@link Source} */
    public Source source() {
        return Source.of(string("source"));
    }

    /** @return every parameter with its value, in definition order */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' in " + values.keySet());
        }
        return v;
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
