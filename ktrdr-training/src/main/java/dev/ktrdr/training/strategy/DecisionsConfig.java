package dev.ktrdr.training.strategy;

import java.util.Map;
import java.util.Objects;

/**
 * The {@code decisions:} section, typed for the decision engine and the backtester. Immutable.
 *
 * @param outputFormat {@code classification}
 * @param confidenceThreshold the least winning probability that acts, in [0, 1]
 * @param positionAwareness whether a signal that repeats the current position is suppressed
 * @param minSignalSeparation least number of base bars between two signals, ≥ 0
 * @param allowShort whether a SELL from flat opens a short
 * @param volumeFilter minimum volume as a multiple of its average to act, 0 = off
 * @param raw the whole section as written (for keys this record does not type)
 */
public record DecisionsConfig(String outputFormat, double confidenceThreshold, boolean positionAwareness,
                              int minSignalSeparation, boolean allowShort, double volumeFilter, Map<String, Object> raw) {
    /** Checks presence and freezes the raw section. */
    public DecisionsConfig {
        Objects.requireNonNull(outputFormat, "outputFormat");
        raw = Trees.freeze(raw);
    }
}
