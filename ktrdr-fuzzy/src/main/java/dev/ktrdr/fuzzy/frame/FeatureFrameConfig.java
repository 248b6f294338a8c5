package dev.ktrdr.fuzzy.frame;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.FuzzySetSpec;
import dev.ktrdr.api.IndicatorSpec;
import dev.ktrdr.api.StalenessPolicy;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.fuzzy.BatchFuzzyEngine;
import dev.ktrdr.fuzzy.FuzzyConfig;
import dev.ktrdr.fuzzy.FuzzySet;
import dev.ktrdr.fuzzy.NnInputs;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a multi-timeframe feature frame is made of: the timeframes in configured order, the base
 * timeframe rows are produced for, the indicators, the fuzzy sets, which sets feed the network on
 * which timeframe ({@code nn_inputs}), and what to do with stale higher-timeframe values.
 *
 * <p>The compact constructor is the one validation path: timeframes unique and containing the base,
 * every fuzzy set valid and reading a configured indicator (its id, or {@code id.output}), and
 * {@code nn_inputs} naming only configured sets and timeframes. The feature names follow from it:
 * {@code {tf}_{set}_{membership}}, timeframes as configured, then sets (in {@code nn_inputs} order when
 * that section exists, else in {@code fuzzy_sets} order), then memberships in file order.
 *
 * @param timeframes the timeframes, in configured order
 * @param base the base timeframe (one of timeframes)
 * @param indicators the indicators, in configured order
 * @param sets the fuzzy sets, in configured order
 * @param nnInputs which sets are used on which timeframes
 * @param policy what the aligner does with stale rows
 */
public record FeatureFrameConfig(List<Timeframe> timeframes, Timeframe base, List<IndicatorSpec> indicators,
                                 List<FuzzySetSpec> sets, NnInputs nnInputs, StalenessPolicy policy) {

    /** Validates the configuration; see the class comment. */
    public FeatureFrameConfig {
        timeframes = List.copyOf(timeframes);
        Objects.requireNonNull(base, "base");
        indicators = List.copyOf(indicators);
        sets = List.copyOf(sets);
        Objects.requireNonNull(nnInputs, "nnInputs");
        Objects.requireNonNull(policy, "policy");
        if (timeframes.isEmpty()) {
            throw new ConfigurationException("timeframes", "no timeframes are configured");
        }
        Set<Timeframe> seen = EnumSet.noneOf(Timeframe.class);
        for (Timeframe tf : timeframes) {
            if (!seen.add(tf)) {
                throw new ConfigurationException("timeframes", "timeframe " + tf + " is listed twice");
            }
        }
        if (!seen.contains(base)) {
            throw new ConfigurationException("base_timeframe", "base timeframe " + base + " is not among the timeframes "
                    + timeframes);
        }
        new BatchFuzzyEngine().compile(sets);
        for (FuzzySetSpec s : sets) {
            if (indicatorOf(s.indicator(), indicators).isEmpty()) {
                List<String> ids = new ArrayList<>();
                indicators.forEach(i -> ids.add(i.id()));
                throw new ConfigurationException("fuzzy_sets." + s.id() + ".indicator", "'" + s.indicator()
                        + "' names no configured indicator; configured: " + ids);
            }
        }
        nnInputs.validate(sets, timeframes);
        if (names(timeframes, sets, nnInputs).isEmpty()) {
            throw new ConfigurationException("nn_inputs", "no feature is selected on any timeframe");
        }
    }

    private static List<String> names(List<Timeframe> timeframes, List<FuzzySetSpec> sets, NnInputs nnInputs) {
        List<String> names = new ArrayList<>();
        for (Timeframe tf : timeframes) {
            for (FuzzySetSpec s : nnInputs.setsOn(tf, sets)) {
                for (String c : FuzzySet.of(s).columnNames()) {
                    names.add(tf.label() + "_" + c);
                }
            }
        }
        return names;
    }

    /**
     * @param reference a fuzzy set's indicator reference ({@code id} or {@code id.output})
     * @param indicators the configured indicators
     * @return the indicator it reads, if configured
     */
    static Optional<IndicatorSpec> indicatorOf(String reference, List<IndicatorSpec> indicators) {
        for (IndicatorSpec i : indicators) {
            if (reference.equals(i.id()) || reference.startsWith(i.id() + ".")) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** @return the ordered feature names: the model's feature spec */
    public FeatureSpec featureSpec() {
        return new FeatureSpec(names(timeframes, sets, nnInputs));
    }

    /**
     * Reads the feature part of a strategy document (a generic YAML tree): {@code fuzzy_sets},
     * {@code nn_inputs} and the timeframes. Timeframes come from {@code training_data.timeframes.list}
     * with {@code training_data.timeframes.base_timeframe} (current layout), or from
     * {@code data.timeframes} (older layout), or a top-level {@code timeframes}; without a base the finest
     * timeframe is the base. Indicators are parsed by ktrdr-indicators and passed in.
     *
     * @param strategy the strategy document
     * @param indicators the parsed {@code indicators:} section
     * @param timeframesOverride timeframes to use instead of the file's (command line), in order
     * @param baseOverride base timeframe to use instead of the file's
     * @param policy staleness policy
     * @return the validated configuration
     * @throws ConfigurationException naming the YAML path of the first problem
     */
    public static FeatureFrameConfig fromStrategy(Map<String, ?> strategy, List<IndicatorSpec> indicators,
                                                  Optional<List<Timeframe>> timeframesOverride,
                                                  Optional<Timeframe> baseOverride, StalenessPolicy policy) {
        if (!strategy.containsKey("fuzzy_sets")) {
            throw new ConfigurationException("fuzzy_sets", "the strategy has no fuzzy_sets section");
        }
        List<FuzzySetSpec> sets = FuzzyConfig.parseFuzzySets(strategy.get("fuzzy_sets"));
        NnInputs nn = NnInputs.parse(strategy.get("nn_inputs"));
        List<Timeframe> tfs;
        Timeframe base = null;
        if (timeframesOverride.isPresent()) {
            tfs = timeframesOverride.get();
        } else {
            Object listed = null;
            String path;
            if (strategy.get("training_data") instanceof Map<?, ?> td && td.get("timeframes") != null) {
                Object t = td.get("timeframes");
                path = "training_data.timeframes";
                if (t instanceof Map<?, ?> tm) {
                    listed = tm.containsKey("list") ? tm.get("list") : tm.get("timeframe");
                    path = tm.containsKey("list") ? path + ".list" : path + ".timeframe";
                    if (tm.get("base_timeframe") != null) {
                        base = timeframe("training_data.timeframes.base_timeframe", tm.get("base_timeframe"));
                    }
                } else {
                    listed = t;
                }
            } else if (strategy.get("data") instanceof Map<?, ?> d && d.get("timeframes") != null) {
                listed = d.get("timeframes");
                path = "data.timeframes";
            } else {
                listed = strategy.get("timeframes");
                path = "timeframes";
            }
            tfs = timeframes(path, listed);
        }
        if (baseOverride.isPresent()) {
            base = baseOverride.get();
        }
        if (base == null) {
            base = tfs.stream().min(Enum::compareTo).orElseThrow();
        }
        return new FeatureFrameConfig(tfs, base, indicators, sets, nn, policy);
    }

    private static List<Timeframe> timeframes(String path, Object v) {
        List<?> items = v instanceof List<?> l ? l : v instanceof String ? List.of(v) : null;
        if (items == null || items.isEmpty()) {
            throw new ConfigurationException(path, "expected a list of timeframes such as [1h, 4h, 1d]");
        }
        List<Timeframe> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(timeframe(path + "[" + i + "]", items.get(i)));
        }
        return out;
    }

    private static Timeframe timeframe(String path, Object v) {
        try {
            return Timeframe.parse(String.valueOf(v));
        } catch (ConfigurationException e) {
            throw new ConfigurationException(path, e.getMessage(), e);
        }
    }
}
