package dev.ktrdr.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One configured indicator, as a strategy file names it: {@code rsi_14: {type: rsi, period: 14}} in the
 * current layout, {@code - name: rsi, period: 14} in the older one (where the id is the name).
 * Parameter values are numbers, booleans or strings as read from YAML; the indicator engine validates
 * them against the catalogue (names, ranges) and reports errors with the YAML path
 * {@code indicators.{id}.{parameter}}.
 *
 * @param id the column id, unique within a strategy
 * @param type the catalogue type or alias, e.g. {@code rsi}, {@code bbands}
 * @param params parameters other than type/name, in file order
 */
public record IndicatorSpec(String id, String type, Map<String, Object> params) {
    /**
     * Checks presence and copies the parameters.
     *
     * @param id the column id, unique within a strategy
     * @param type the catalogue type or alias, e.g. {@code rsi}, {@code bbands}
     * @param params parameters other than type/name, in file order
     */
    public IndicatorSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        if (id.isBlank()) {
            throw new ConfigurationException("indicators", "an indicator has an empty id");
        }
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    /**
     * @param id the column id
     * @param type the catalogue type
     * @return a spec with default parameters
     */
    public static IndicatorSpec of(String id, String type) {
        return new IndicatorSpec(id, type, Map.of());
    }
}
