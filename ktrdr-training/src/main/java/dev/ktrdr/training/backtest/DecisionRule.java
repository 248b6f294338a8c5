package dev.ktrdr.training.backtest;

import dev.ktrdr.api.Label;
import java.util.Objects;

/**
 * One small condition a candidate BUY or SELL signal must meet to be emitted (a decision filter), in
 * the shape of ta4j's {@code Rule}: one abstract method and {@code and} / {@code or} / {@code negate}
 * defaults to compose them. Ready-made rules are in {@link DecisionRules}.
 *
 * <p>Rules are immutable and allocation-free when judged; composites built by the defaults are too.
 * They may be shared between engines and threads: all per-engine memory lives in the
 * {@link DecisionState} they are handed.
 */
@FunctionalInterface
public interface DecisionRule {

    /**
     * @param signal the candidate, {@link Label#BUY} or {@link Label#SELL} (HOLD never reaches a rule)
     * @param state the decision bar, probabilities, position and signal memory
     * @return true when the rule lets the signal through
     */
    boolean isSatisfied(Label signal, DecisionState state);

    /**
     * @param other another rule
     * @return a rule satisfied when both are (short-circuit: {@code other} is not asked when this fails)
     */
    default DecisionRule and(DecisionRule other) {
        Objects.requireNonNull(other, "other");
        return (signal, state) -> isSatisfied(signal, state) && other.isSatisfied(signal, state);
    }

    /**
     * @param other another rule
     * @return a rule satisfied when either is
     */
    default DecisionRule or(DecisionRule other) {
        Objects.requireNonNull(other, "other");
        return (signal, state) -> isSatisfied(signal, state) || other.isSatisfied(signal, state);
    }

    /** @return a rule satisfied exactly when this one is not */
    default DecisionRule negate() {
        return (signal, state) -> !isSatisfied(signal, state);
    }
}
