/**
 * The built-in indicator catalogue ({@link dev.ktrdr.indicators.builtin.BuiltinIndicators}): trend,
 * momentum, volatility, volume, support/resistance and price-context types, TA-Lib 0.4-exact where
 * TA-Lib has the indicator, with formula and source in each definition's description elsewhere.
 */
package dev.ktrdr.indicators.builtin;
