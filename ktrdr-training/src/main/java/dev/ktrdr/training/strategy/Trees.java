package dev.ktrdr.training.strategy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Deep copies of YAML trees (maps keep document order). */
final class Trees {
    private Trees() {
    }

    /** @return a deep, unmodifiable copy (null gives an empty map) */
    @SuppressWarnings("unchecked")
    static Map<String, Object> freeze(Map<String, Object> tree) {
        if (tree == null) {
            return Map.of();
        }
        return (Map<String, Object>) freezeValue(tree);
    }

    private static Object freezeValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), freezeValue(x)));
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(freezeValue(x));
            }
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    /** @return a deep, mutable copy */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mutableCopy(Map<String, Object> tree) {
        return (Map<String, Object>) copyValue(tree);
    }

    static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            LinkedHashMap<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(String.valueOf(k), copyValue(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object x : l) {
                out.add(copyValue(x));
            }
            return out;
        }
        return v;
    }
}
