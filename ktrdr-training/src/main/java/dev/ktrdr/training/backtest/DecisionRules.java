package dev.ktrdr.training.backtest;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Label;
import java.time.Duration;

/**
 * The ready-made {@link DecisionRule}s behind the strategy {@code decisions:} section. Each factory
 * validates its parameter (naming the strategy key and its allowed range) and returns an immutable,
 * allocation-free rule.
 *
 * <p>Stateless and thread-safe.
 */
public final class DecisionRules {
    private DecisionRules() {
    }

    /** @return a rule that lets every signal through */
    public static DecisionRule always() {
        return (signal, state) -> true;
    }

    /**
     * The confidence threshold: the model's probability of the candidate class (which is the largest
     * of the three, so this is the Python original's "max softmax probability") must be at least
     * {@code threshold}.
     *
     * @param threshold minimum probability, in [0, 1]
     * @return the rule
     * @throws ConfigurationException ({@code decisions.confidence_threshold}) when out of range
     */
    public static DecisionRule confidenceAtLeast(double threshold) {
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new ConfigurationException("decisions.confidence_threshold", threshold + " is not in [0, 1]");
        }
        return (signal, state) -> state.probability(signal) >= threshold;
    }

    /**
     * Minimum separation in base bars: a signal at bar {@code b} passes when no signal was emitted
     * yet or {@code b - lastSignalBar >= bars}.
     *
     * @param bars minimum number of bars between emitted signals, in [0, 1000000]; 0 lets everything through
     * @return the rule
     * @throws ConfigurationException ({@code decisions.filters.min_signal_separation_bars}) when out of range
     */
    public static DecisionRule minSeparationBars(int bars) {
        if (bars < 0 || bars > 1_000_000) {
            throw new ConfigurationException("decisions.filters.min_signal_separation_bars", bars + " is not in [0, 1000000]");
        }
        return (signal, state) -> state.lastSignalBar() == DecisionState.NO_SIGNAL_BAR
                || (long) state.barIndex() - state.lastSignalBar() >= bars;
    }

    /**
     * Minimum separation in time, measured between decision instants (bar closes) as in the Python
     * original: a signal passes when no signal was emitted yet or at least {@code separation} elapsed
     * since the last one.
     *
     * @param separation minimum time between emitted signals, ≥ 0
     * @return the rule
     * @throws ConfigurationException ({@code decisions.filters.min_signal_separation}) when negative
     */
    public static DecisionRule minSeparation(Duration separation) {
        if (separation == null || separation.isNegative()) {
            throw new ConfigurationException("decisions.filters.min_signal_separation", separation + " is not ≥ 0");
        }
        long millis = separation.toMillis();
        return (signal, state) -> state.lastSignalTime() == DecisionState.NO_SIGNAL_TIME
                || state.closeTime() - state.lastSignalTime() >= millis;
    }

    /**
     * Position awareness: no BUY while already long, no SELL while already short.
     *
     * @return the rule
     */
    public static DecisionRule positionAware() {
        return (signal, state) -> !(signal == Label.BUY && state.position() > 0)
                && !(signal == Label.SELL && state.position() < 0);
    }

    /**
     * Shorting from flat: when not allowed, a SELL while flat is held back (a SELL while long still
     * passes: it exits the long). The Python original never opens shorts.
     *
     * @param allowed whether a SELL may open a short from a flat position
     * @return the rule
     */
    public static DecisionRule shortingFromFlat(boolean allowed) {
        if (allowed) {
            return always();
        }
        return (signal, state) -> !(signal == Label.SELL && state.position() == 0);
    }

    /**
     * The volume filter: the decision bar's volume must be at least {@code minRatio} times the average
     * volume of the filter's window. When the average is unknown (NaN) or not positive (instruments
     * without volume, such as spot forex), the filter has nothing to judge by and lets the signal
     * through.
     *
     * @param minRatio minimum volume ÷ average volume, in [0, 1000]
     * @return the rule
     * @throws ConfigurationException ({@code decisions.filters.volume_filter.min_ratio}) when out of range
     */
    public static DecisionRule volumeAtLeast(double minRatio) {
        if (!(minRatio >= 0 && minRatio <= 1000)) {
            throw new ConfigurationException("decisions.filters.volume_filter.min_ratio", minRatio + " is not in [0, 1000]");
        }
        return (signal, state) -> {
            double avg = state.averageVolume();
            return !(avg > 0) || state.volume() >= minRatio * avg;
        };
    }
}
