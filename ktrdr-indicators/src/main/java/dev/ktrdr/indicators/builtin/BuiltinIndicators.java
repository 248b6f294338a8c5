package dev.ktrdr.indicators.builtin;

import dev.ktrdr.indicators.IndicatorDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in catalogue: every type of the design catalogue (INDICATORS.md) plus classic pivot points,
 * Fibonacci retracement levels and the scale-free forms (close/SMA ratio, MACD and ATR as percent of
 * price). Stateless; safe to call from any thread.
 */
public final class BuiltinIndicators {
    private BuiltinIndicators() {
    }

    /** @return the built-in definitions, grouped by category */
    public static List<IndicatorDefinition> all() {
        List<IndicatorDefinition> all = new ArrayList<>();
        all.addAll(Trend.definitions());
        all.addAll(Momentum.definitions());
        all.addAll(Volatility.definitions());
        all.addAll(Volume.definitions());
        all.addAll(PriceContext.definitions());
        return List.copyOf(all);
    }
}
