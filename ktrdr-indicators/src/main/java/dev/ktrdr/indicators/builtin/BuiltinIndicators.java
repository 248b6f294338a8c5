package dev.ktrdr.indicators.builtin;

import dev.ktrdr.indicators.IndicatorDefinition;
import java.util.ArrayList;
import java.util.List;

/**
 * The built-in catalogue: every type of the design catalogue (INDICATORS.md) plus classic pivot points,
 * Fibonacci retracement levels and the scale-free forms (close/SMA ratio, MACD and ATR as percent of
 * price). Stateless; safe to call from any thread.
 *
 * <p>Exactness: every rolling sum, mean and deviation is exact by construction ({@link
 * dev.ktrdr.indicators.kernels.RollingSum}, {@link dev.ktrdr.indicators.kernels.RollingMoments}: within
 * about 1e-12 of the exact value relative to the window's magnitude, the defined value over flat or
 * zero-volume windows, and unaffected by a spike once it has left the window); where TA-Lib's own
 * arithmetic is inexact (BBANDS' one-pass variance, CCI's and MFI's rounded typical price, running totals
 * that drift) the exact value is returned, not TA-Lib's.
 *
 * <p>Conventions (TA-Lib 0.4 wherever TA-Lib has the indicator, checked to 1e-9 against it): EMAs are
 * seeded with the SMA of their first period values; RSI, ATR and ADX use Wilder smoothing seeded the
 * same way; Bollinger Bands use the population standard deviation; OBV starts from the first bar's
 * volume; MACD seeds both EMAs at bar {@code slow_period-1}. {@code ema} with {@code adjust: true} (the
 * KTRDR default) is pandas' adjusted weighting from the first bar, which converges to TA-Lib's values
 * once the seed has decayed; {@code adjust: false} is TA-Lib's EMA exactly.
 *
 * <p>Look-ahead: every output at bar t is computed from bars 0..t. Ichimoku's leading spans are emitted
 * at the bar where they are plotted (computed {@code displacement} bars earlier) and its lagging span
 * as {@code close[t] - close[t-displacement]}, never the future close; pivot points and Fibonacci levels
 * use windows that end at the current bar. ZigZag, whose last leg is revised as bars arrive, is in the
 * catalogue for labelling only and is refused by the engine as a model input.
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
