package dev.ktrdr.training.backtest;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Label;
import java.time.Duration;

/**
 * The strategy file's {@code decisions:} section as a value:
 *
 * <pre>
 * decisions:
 *   output_format: classification      # the only format supported
 *   confidence_threshold: 0.6          # [0, 1], default 0.5
 *   position_awareness: true           # default true
 *   allow_short: false                 # SELL from flat opens a short; default false (the Python original is long-only)
 *   filters:
 *     min_signal_separation: 4         # hours (a bare number, as in the Python original) or "90m", "4h", "2d", "PT4H"; default 4 hours
 *     min_signal_separation_bars: 0    # base bars; default 0 (off)
 *     volume_filter: false             # or true (min_ratio 1, window 20) or {enabled: true, min_ratio: 0.8, window: 20}
 * </pre>
 *
 * <p>The one typed form of the section: a strategy's {@code decisions()} (read by
 * {@code dev.ktrdr.training.strategy.StrategyLoader}, which reports every problem of the section with its
 * path), or built in code from {@link #DEFAULTS} and the {@code with...} methods. The compact constructor
 * checks every value and names its YAML path. Immutable and thread-safe.
 *
 * @param outputFormat {@code classification}
 * @param confidenceThreshold minimum probability of the chosen class, in [0, 1]
 * @param positionAwareness no BUY while long, no SELL while short
 * @param allowShort whether SELL opens (or flips into) a short; when false, SELL only exits a long
 * @param minSignalSeparation minimum time between emitted signals (between bar closes), ≥ 0
 * @param minSignalSeparationBars minimum number of base bars between emitted signals, in [0, 1000000]
 * @param volumeFilter whether the volume filter is on
 * @param volumeMinRatio minimum volume ÷ average volume when the filter is on, in [0, 1000]
 * @param volumeWindow number of bars (the decision bar included) in the average volume, in [1, 100000]
 */
public record DecisionConfig(String outputFormat, double confidenceThreshold, boolean positionAwareness, boolean allowShort,
                             Duration minSignalSeparation, int minSignalSeparationBars, boolean volumeFilter,
                             double volumeMinRatio, int volumeWindow) {

    /** The Python original's defaults: threshold 0.5, position aware, long-only, 4 hours between signals. */
    public static final DecisionConfig DEFAULTS = new DecisionConfig("classification", 0.5, true, false,
            Duration.ofHours(4), 0, false, 1.0, 20);

    /** Validates every value, naming its YAML path and allowed range. */
    public DecisionConfig {
        if (outputFormat == null || !outputFormat.equals("classification")) {
            throw new ConfigurationException("decisions.output_format", "'" + outputFormat
                    + "' is not supported; valid: classification");
        }
        if (!(confidenceThreshold >= 0 && confidenceThreshold <= 1)) {
            throw new ConfigurationException("decisions.confidence_threshold", confidenceThreshold + " is not in [0, 1]");
        }
        if (minSignalSeparation == null || minSignalSeparation.isNegative()) {
            throw new ConfigurationException("decisions.filters.min_signal_separation", minSignalSeparation + " is not ≥ 0");
        }
        if (minSignalSeparationBars < 0 || minSignalSeparationBars > 1_000_000) {
            throw new ConfigurationException("decisions.filters.min_signal_separation_bars",
                    minSignalSeparationBars + " is not in [0, 1000000]");
        }
        if (!(volumeMinRatio >= 0 && volumeMinRatio <= 1000)) {
            throw new ConfigurationException("decisions.filters.volume_filter.min_ratio", volumeMinRatio + " is not in [0, 1000]");
        }
        if (volumeWindow < 1 || volumeWindow > 100_000) {
            throw new ConfigurationException("decisions.filters.volume_filter.window", volumeWindow + " is not in [1, 100000]");
        }
    }

    /**
     * @param threshold the confidence threshold
     * @return a copy with that threshold
     */
    public DecisionConfig withConfidenceThreshold(double threshold) {
        return new DecisionConfig(outputFormat, threshold, positionAwareness, allowShort, minSignalSeparation,
                minSignalSeparationBars, volumeFilter, volumeMinRatio, volumeWindow);
    }

    /**
     * @param aware whether to apply position awareness
     * @return a copy with that setting
     */
    public DecisionConfig withPositionAwareness(boolean aware) {
        return new DecisionConfig(outputFormat, confidenceThreshold, aware, allowShort, minSignalSeparation,
                minSignalSeparationBars, volumeFilter, volumeMinRatio, volumeWindow);
    }

    /**
     * @param allowed whether shorts are allowed
     * @return a copy with that setting
     */
    public DecisionConfig withAllowShort(boolean allowed) {
        return new DecisionConfig(outputFormat, confidenceThreshold, positionAwareness, allowed, minSignalSeparation,
                minSignalSeparationBars, volumeFilter, volumeMinRatio, volumeWindow);
    }

    /**
     * @param separation minimum time between signals
     * @param bars minimum bars between signals
     * @return a copy with those separations
     */
    public DecisionConfig withSeparation(Duration separation, int bars) {
        return new DecisionConfig(outputFormat, confidenceThreshold, positionAwareness, allowShort, separation,
                bars, volumeFilter, volumeMinRatio, volumeWindow);
    }

    /**
     * @param enabled whether the volume filter is on
     * @param minRatio minimum volume ÷ average volume
     * @param window bars in the average
     * @return a copy with that volume filter
     */
    public DecisionConfig withVolumeFilter(boolean enabled, double minRatio, int window) {
        return new DecisionConfig(outputFormat, confidenceThreshold, positionAwareness, allowShort, minSignalSeparation,
                minSignalSeparationBars, enabled, minRatio, window);
    }

    /**
     * The rules this configuration stands for, in the Python original's order: confidence, separation
     * (time, then bars), position awareness, shorting from flat, then volume. They behave exactly as
     * {@link DecisionRules} composed with {@link DecisionRule#and}, fused into one class so that the
     * engine's call is monomorphic and inlined on the hot path.
     *
     * @return the rule
     */
    public DecisionRule rule() {
        return new ConfigRule(confidenceThreshold, minSignalSeparation.toMillis(), minSignalSeparationBars,
                positionAwareness, allowShort, volumeFilter, volumeMinRatio);
    }

    /** The same rules composed from {@link DecisionRules}; the reference {@link #rule()} is tested against. */
    DecisionRule composedRule() {
        DecisionRule r = DecisionRules.confidenceAtLeast(confidenceThreshold);
        if (!minSignalSeparation.isZero()) {
            r = r.and(DecisionRules.minSeparation(minSignalSeparation));
        }
        if (minSignalSeparationBars > 0) {
            r = r.and(DecisionRules.minSeparationBars(minSignalSeparationBars));
        }
        if (positionAwareness) {
            r = r.and(DecisionRules.positionAware());
        }
        r = r.and(DecisionRules.shortingFromFlat(allowShort));
        if (volumeFilter) {
            r = r.and(DecisionRules.volumeAtLeast(volumeMinRatio));
        }
        return r;
    }

    /** The configured rules fused into one monomorphic check (same semantics as the composed factories). */
    private static final class ConfigRule implements DecisionRule {
        private final double threshold;
        private final long separationMillis;
        private final int separationBars;
        private final boolean positionAware;
        private final boolean allowShort;
        private final boolean volumeFilter;
        private final double minRatio;

        ConfigRule(double threshold, long separationMillis, int separationBars, boolean positionAware, boolean allowShort,
                   boolean volumeFilter, double minRatio) {
            this.threshold = threshold;
            this.separationMillis = separationMillis;
            this.separationBars = separationBars;
            this.positionAware = positionAware;
            this.allowShort = allowShort;
            this.volumeFilter = volumeFilter;
            this.minRatio = minRatio;
        }

        @Override
        public boolean isSatisfied(Label signal, DecisionState s) {
            if (!(s.probability(signal) >= threshold)) {
                return false;
            }
            if (separationMillis > 0 && s.lastSignalTime() != DecisionState.NO_SIGNAL_TIME
                    && s.closeTime() - s.lastSignalTime() < separationMillis) {
                return false;
            }
            if (separationBars > 0 && s.lastSignalBar() != DecisionState.NO_SIGNAL_BAR
                    && (long) s.barIndex() - s.lastSignalBar() < separationBars) {
                return false;
            }
            int position = s.position();
            if (positionAware && (signal == Label.BUY ? position > 0 : position < 0)) {
                return false;
            }
            if (!allowShort && signal == Label.SELL && position == 0) {
                return false;
            }
            if (volumeFilter) {
                double avg = s.averageVolume();
                return !(avg > 0) || s.volume() >= minRatio * avg;
            }
            return true;
        }
    }
}
