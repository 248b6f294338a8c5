package dev.ktrdr.indicators;

/** The family an indicator belongs to, as the catalogue lists it. */
public enum Category {
    /** Trend following (moving averages, MACD, ADX, SAR, Ichimoku, SuperTrend, Aroon). */
    TREND,
    /** Oscillators of momentum (RSI, stochastic, Williams %R, CCI, ROC, ...). */
    MOMENTUM,
    /** Volatility measures and bands (ATR, Bollinger, Keltner, Donchian, squeeze). */
    VOLATILITY,
    /** Volume-based indicators (OBV, MFI, A/D line, CMF, VWAP, volume ratio). */
    VOLUME,
    /** Support and resistance levels (pivot points, Fibonacci retracements). */
    SUPPORT_RESISTANCE,
    /** Scale-free price context (distance from a moving average, ratios, percent-of-price forms). */
    PRICE_CONTEXT,
    /** Labelling tools that revise past values as bars arrive (ZigZag); never model inputs. */
    EXPERIMENTAL;

    /** @return the lower-case name used in listings, e.g. {@code support_resistance} */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
