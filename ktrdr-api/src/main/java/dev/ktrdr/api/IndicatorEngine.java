package dev.ktrdr.api;

import java.util.List;

/**
 * Computes configured indicators over one series. Output columns are named {@code {id}} for a single
 * output and {@code {id}.{output}} for each output of a multi-output indicator (the bare {@code {id}}
 * then also names the first output); values before a column's lookback are NaN. Only values known at
 * each bar's close are produced: the value at bar t depends on bars 0..t alone.
 *
 * <p>Errors: an unknown type lists the valid types; a parameter out of range names the indicator id,
 * the parameter, the value and the range ({@link ConfigurationException} with path
 * {@code indicators.{id}.{parameter}}). Labelling-only types (ZigZag) are refused as model inputs.
 *
 * <p>Implementations are thread-safe; independent indicators may be computed in parallel.
 */
@FunctionalInterface
public interface IndicatorEngine {

    /**
     * @param series the bars
     * @param specs the indicators, in configured order
     * @return the indicator frame, one row per bar
     */
    ColumnFrame compute(BarSeries series, List<IndicatorSpec> specs);
}
