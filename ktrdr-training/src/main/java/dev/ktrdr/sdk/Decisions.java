package dev.ktrdr.sdk;

import dev.ktrdr.training.backtest.DecisionConfig;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import dev.ktrdr.training.strategy.Strategy;
import java.util.Map;

/** The decision step a strategy's {@code decisions} section defines, for backtests and live replay alike. */
final class Decisions {
    private Decisions() {
    }

    @SuppressWarnings("unchecked")
    static RuleDecisionEngine engine(Strategy s) {
        Object d = s.raw().get("decisions");
        return RuleDecisionEngine.of(DecisionConfig.fromMap(d instanceof Map ? (Map<String, ?>) d : null));
    }
}
