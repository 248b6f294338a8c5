package dev.ktrdr.fuzzy;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FuzzySetSpec;
import dev.ktrdr.api.Timeframe;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which fuzzy sets feed the network on which timeframes: the {@code nn_inputs:} section of a strategy.
 *
 * <pre>
 * nn_inputs:
 *   - fuzzy_set: rsi_14
 *     timeframes: all                # every configured timeframe
 *   - fuzzy_set: sma_20
 *     timeframes: ["1h", "4h"]       # only these
 * </pre>
 *
 * When a strategy has no {@code nn_inputs:} section, {@link #ALL} applies: every set on every timeframe,
 * in {@code fuzzy_sets:} order. When it has one, exactly the listed sets are used, in the order listed.
 *
 * @param entries the listed inputs in file order; empty means {@link #ALL}
 */
public record NnInputs(List<Entry> entries) {
    /** Every fuzzy set on every timeframe. */
    public static final NnInputs ALL = new NnInputs(List.of());

    /**
     * One listed input.
     *
     * @param fuzzySet the set id
     * @param timeframes the timeframes it is used on; empty means all configured timeframes
     */
    public record Entry(String fuzzySet, Optional<List<Timeframe>> timeframes) {
        /** Checks presence and copies the list. */
        public Entry {
            Objects.requireNonNull(fuzzySet, "fuzzySet");
            timeframes = timeframes.map(List::copyOf);
        }

        /**
         * @param tf a timeframe
         * @return true if the set is used on it
         */
        public boolean usedOn(Timeframe tf) {
            return timeframes.map(l -> l.contains(tf)).orElse(true);
        }
    }

    /** Copies the list and refuses a set listed twice. */
    public NnInputs {
        entries = List.copyOf(entries);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.size(); i++) {
            if (!seen.add(entries.get(i).fuzzySet())) {
                throw new ConfigurationException("nn_inputs[" + i + "].fuzzy_set", "fuzzy set '"
                        + entries.get(i).fuzzySet() + "' is listed twice");
            }
        }
    }

    /**
     * @param section the value under {@code nn_inputs:}, or null when the strategy has none
     * @return the parsed inputs ({@link #ALL} for null)
     * @throws ConfigurationException naming the path of the first problem
     */
    public static NnInputs parse(Object section) {
        if (section == null) {
            return ALL;
        }
        if (!(section instanceof List<?> list)) {
            throw new ConfigurationException("nn_inputs", "expected a list of {fuzzy_set, timeframes}, got "
                    + FuzzyConfig.describe(section));
        }
        if (list.isEmpty()) {
            throw new ConfigurationException("nn_inputs", "the list is empty; leave the section out to use every set");
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String path = "nn_inputs[" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw new ConfigurationException(path, "expected {fuzzy_set, timeframes}, got " + FuzzyConfig.describe(list.get(i)));
            }
            Object set = null;
            Object tfs = "all";
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (k.equals("fuzzy_set")) {
                    set = e.getValue();
                } else if (k.equals("timeframes")) {
                    tfs = e.getValue();
                } else {
                    throw new ConfigurationException(path + "." + k, "unknown key; an input has fuzzy_set and timeframes");
                }
            }
            if (!(set instanceof String s) || s.isBlank()) {
                throw new ConfigurationException(path + ".fuzzy_set", "expected a fuzzy set id, got " + FuzzyConfig.describe(set));
            }
            out.add(new Entry(s.trim(), parseTimeframes(path + ".timeframes", tfs)));
        }
        return new NnInputs(out);
    }

    private static Optional<List<Timeframe>> parseTimeframes(String path, Object v) {
        if (v instanceof String s && s.trim().equalsIgnoreCase("all")) {
            return Optional.empty();
        }
        List<?> items = v instanceof List<?> l ? l : v instanceof String ? List.of(v) : null;
        if (items == null || items.isEmpty()) {
            throw new ConfigurationException(path, "expected 'all' or a list of timeframes, got " + FuzzyConfig.describe(v));
        }
        List<Timeframe> tfs = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Object o = items.get(i);
            Timeframe tf;
            try {
                tf = Timeframe.parse(o instanceof String s ? s : String.valueOf(o));
            } catch (ConfigurationException e) {
                throw new ConfigurationException(path + "[" + i + "]", e.getMessage(), e);
            }
            if (tfs.contains(tf)) {
                throw new ConfigurationException(path + "[" + i + "]", "timeframe " + tf + " is listed twice");
            }
            tfs.add(tf);
        }
        return Optional.of(tfs);
    }

    /**
     * Checks the inputs against the configured sets and timeframes.
     *
     * @param sets the configured fuzzy sets
     * @param timeframes the configured timeframes
     * @throws ConfigurationException when an input names an unknown set or a timeframe that is not configured
     */
    public void validate(List<FuzzySetSpec> sets, List<Timeframe> timeframes) {
        Set<String> ids = new HashSet<>();
        for (FuzzySetSpec s : sets) {
            ids.add(s.id());
        }
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (!ids.contains(e.fuzzySet())) {
                throw new ConfigurationException("nn_inputs[" + i + "].fuzzy_set", "unknown fuzzy set '" + e.fuzzySet()
                        + "'; defined: " + ids.stream().sorted().toList());
            }
            if (e.timeframes().isPresent()) {
                for (Timeframe tf : e.timeframes().get()) {
                    if (!timeframes.contains(tf)) {
                        throw new ConfigurationException("nn_inputs[" + i + "].timeframes", "timeframe " + tf
                                + " is not among the configured timeframes " + timeframes);
                    }
                }
            }
        }
    }

    /**
     * @param tf a timeframe
     * @param sets the configured sets, in {@code fuzzy_sets:} order
     * @return the sets used on tf, in the order of this section ({@code fuzzy_sets:} order for {@link #ALL})
     */
    public List<FuzzySetSpec> setsOn(Timeframe tf, List<FuzzySetSpec> sets) {
        if (entries.isEmpty()) {
            return List.copyOf(sets);
        }
        List<FuzzySetSpec> out = new ArrayList<>();
        for (Entry e : entries) {
            if (e.usedOn(tf)) {
                for (FuzzySetSpec s : sets) {
                    if (s.id().equals(e.fuzzySet())) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }
}
