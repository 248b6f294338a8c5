package dev.ktrdr.api;

import java.util.List;

/**
 * Evaluates fuzzy sets over an indicator frame: for each set, its input column (after the set's input
 * transform, which may use the series' closes) through each membership function. Output columns are
 * {@code {set}_{membership}} in set order, then membership order; every finite input gives a value in
 * [0,1], ±∞ gives the limit of the shape, and NaN (indicator warm-up) gives NaN, which the feature frame
 * drops. Row t depends on rows 0..t alone.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface FuzzyEngine {

    /**
     * @param series the bars the indicators were computed on (for price transforms)
     * @param indicators the indicator frame
     * @param sets the fuzzy sets, in configured order
     * @return the fuzzy frame, one row per bar
     * @throws ConfigurationException when a set names a missing column or has invalid parameters
     */
    ColumnFrame evaluate(BarSeries series, ColumnFrame indicators, List<FuzzySetSpec> sets);

    /**
     * As {@link #evaluate}, into caller-owned columns that can be reused from call to call: the path for
     * repeated evaluation (replays, walk-forward folds, benchmarks), which allocates no output. This
     * default evaluates a frame and copies it; engines override it to write in place.
     *
     * @param series the bars the indicators were computed on (for price transforms)
     * @param indicators the indicator frame
     * @param sets the fuzzy sets, in configured order
     * @param out one column per output column ({@code {set}_{membership}} in order), each at least
     *     {@code indicators.rows()} long; rows past that are left alone
     * @return each output column's lookback (rows before it are NaN)
     * @throws ConfigurationException when a set names a missing column or has invalid parameters (nothing
     *     is written)
     * @throws IllegalArgumentException when out has the wrong number of columns or a column is too short
     */
    default int[] evaluateInto(BarSeries series, ColumnFrame indicators, List<FuzzySetSpec> sets, double[][] out) {
        ColumnFrame frame = evaluate(series, indicators, sets);
        List<String> names = frame.names();
        if (out.length != names.size()) {
            throw new IllegalArgumentException(out.length + " output columns for the " + names.size() + " columns of "
                    + sets.size() + " sets");
        }
        for (int c = 0; c < out.length; c++) {
            if (out[c].length < frame.rows()) {
                throw new IllegalArgumentException("output column " + c + " has " + out[c].length + " rows for "
                        + frame.rows());
            }
        }
        int[] lookbacks = new int[out.length];
        for (int c = 0; c < out.length; c++) {
            frame.copyColumn(names.get(c), 0, out[c], 0, frame.rows());
            lookbacks[c] = frame.lookback(names.get(c));
        }
        return lookbacks;
    }
}
