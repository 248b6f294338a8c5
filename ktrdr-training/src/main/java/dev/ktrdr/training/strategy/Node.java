package dev.ktrdr.training.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Typed reads from a YAML tree that record a {@link Problem} (with its path) instead of throwing. */
final class Node {
    final List<Problem> problems;

    Node(List<Problem> problems) {
        this.problems = problems;
    }

    void problem(String path, String message) {
        problems.add(new Problem(path, message));
    }

    static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Map<String, Object> parent, String key, String path, boolean required) {
        Object v = parent == null ? null : parent.get(key);
        String p = join(path, key);
        if (v == null) {
            if (required) {
                problem(p, "missing; a mapping is required");
            }
            return null;
        }
        if (!(v instanceof Map)) {
            problem(p, "must be a mapping, not " + describe(v));
            return null;
        }
        return (Map<String, Object>) v;
    }

    String string(Map<String, Object> m, String key, String path, String def, boolean required) {
        Object v = m == null ? null : m.get(key);
        String p = join(path, key);
        if (v == null) {
            if (required) {
                problem(p, "missing");
            }
            return def;
        }
        if (v instanceof Map || v instanceof List) {
            problem(p, "must be a single value, not " + describe(v));
            return def;
        }
        return String.valueOf(v);
    }

    String choice(Map<String, Object> m, String key, String path, String def, List<String> allowed) {
        String v = string(m, key, path, def, def == null);
        if (v == null) {
            return def;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (!allowed.contains(t)) {
            problem(join(path, key), "'" + v + "' is not one of " + allowed);
            return def;
        }
        return t;
    }

    double number(Map<String, Object> m, String key, String path, double def, double min, boolean minOpen,
                  double max, boolean maxOpen) {
        Object v = m == null ? null : m.get(key);
        if (v == null) {
            return def;
        }
        String p = join(path, key);
        if (!(v instanceof Number n)) {
            problem(p, "'" + v + "' is not a number");
            return def;
        }
        double d = n.doubleValue();
        boolean low = minOpen ? d > min : d >= min;
        boolean high = maxOpen ? d < max : d <= max;
        if (!Double.isFinite(d) || !low || !high) {
            problem(p, fmt(d) + " is not in " + (minOpen ? "(" : "[") + fmt(min) + ", " + fmt(max) + (maxOpen ? ")" : "]"));
            return def;
        }
        return d;
    }

    int integer(Map<String, Object> m, String key, String path, int def, int min, int max) {
        Object v = m == null ? null : m.get(key);
        if (v == null) {
            return def;
        }
        String p = join(path, key);
        if (!(v instanceof Integer || v instanceof Long || v instanceof Short)) {
            problem(p, "'" + v + "' is not a whole number");
            return def;
        }
        long l = ((Number) v).longValue();
        if (l < min || l > max) {
            problem(p, l + " is not in [" + min + ", " + max + "]");
            return def;
        }
        return (int) l;
    }

    long longValue(Map<String, Object> m, String key, String path, long def) {
        Object v = m == null ? null : m.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof java.math.BigInteger)) {
            problem(join(path, key), "'" + v + "' is not a whole number");
            return def;
        }
        if (v instanceof java.math.BigInteger b && b.bitLength() > 63) {
            problem(join(path, key), v + " is not in [" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]");
            return def;
        }
        return ((Number) v).longValue();
    }

    boolean bool(Map<String, Object> m, String key, String path, boolean def) {
        Object v = m == null ? null : m.get(key);
        if (v == null) {
            return def;
        }
        if (!(v instanceof Boolean b)) {
            problem(join(path, key), "'" + v + "' is not true or false");
            return def;
        }
        return b;
    }

    /** A list of scalars as strings; a single scalar counts as a list of one when {@code allowScalar}. */
    List<String> stringList(Map<String, Object> m, String key, String path, boolean allowScalar) {
        Object v = m == null ? null : m.get(key);
        if (v == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                Object x = l.get(i);
                if (x == null || x instanceof Map || x instanceof List) {
                    problem(join(path, key) + "[" + i + "]", "must be a single value, not " + describe(x));
                } else {
                    out.add(String.valueOf(x));
                }
            }
            return out;
        }
        if (allowScalar && !(v instanceof Map)) {
            out.add(String.valueOf(v));
            return out;
        }
        problem(join(path, key), "must be a list, not " + describe(v));
        return null;
    }

    void unknownKeys(Map<String, Object> m, String path, Set<String> known) {
        if (m == null) {
            return;
        }
        for (String k : m.keySet()) {
            if (!known.contains(k)) {
                problem(join(path, k), "unknown key; known keys here: " + new TreeSet<>(known));
            }
        }
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
        return "'" + v + "'";
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf((long) d);
        }
        return String.valueOf(d);
    }
}
