package dev.ktrdr.api;

import java.util.List;

/**
 * Evaluates fuzzy sets over an indicator frame: for each set, its input column (after the set's input
 * transform, which may use the series' closes) through each membership function. Output columns are
 * {@code {set}_{membership}} in set order, then membership order; every finite input gives a value in
 * [0,1], ±∞ gives the limit of the shape, and NaN (indicator warm-up) gives NaN, which the feature frame
 * drops. Row t depends on rows 0..t alone.
 *
 * <p>One form: {@link #compile} validates the sets once, and the {@link Compiled} result evaluates them
 * as often as needed, into a new frame ({@link Compiled#evaluate}) or into columns the caller reuses
 * ({@link Compiled#evaluateInto}).
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface FuzzyEngine {

    /**
     * Validates the sets into their evaluable form.
     *
     * @param sets the fuzzy sets, in configured order
     * @return the validated sets, ready to evaluate over any indicator frame
     * @throws ConfigurationException on the first invalid set, or when two sets would produce the same column
     */
    Compiled compile(List<FuzzySetSpec> sets);

    /**
     * Validated fuzzy sets of one engine. Immutable and thread-safe.
     */
    interface Compiled {

        /** @return the output column names, {@code {set}_{membership}} in set order, then membership order */
        List<String> columns();

        /**
         * @param series the bars the indicators were computed on (for price transforms)
         * @param indicators the indicator frame, one row per bar of series
         * @return the fuzzy frame, one row per bar, with the {@link #columns()} in order
         * @throws ConfigurationException when a set names a column the indicator frame lacks
         * @throws IllegalArgumentException when the frame and the series differ in length
         */
        ColumnFrame evaluate(BarSeries series, ColumnFrame indicators);

        /**
         * As {@link #evaluate}, into caller-owned columns that can be reused from call to call: the path for
         * repeated evaluation (replays, walk-forward folds, benchmarks), which allocates no output. This
         * default evaluates a frame and copies it; engines override it to write in place.
         *
         * @param series the bars the indicators were computed on (for price transforms)
         * @param indicators the indicator frame, one row per bar of series
         * @param out one column per output column ({@link #columns()} in order), each at least
         *     {@code indicators.rows()} long; rows past that are left alone
         * @return each output column's lookback (rows before it are NaN)
         * @throws ConfigurationException when a set names a column the indicator frame lacks (nothing is
         *     written)
         * @throws IllegalArgumentException when out has the wrong number of columns or a column is too short
         */
        default int[] evaluateInto(BarSeries series, ColumnFrame indicators, double[][] out) {
            List<String> names = columns();
            if (out.length != names.size()) {
                throw new IllegalArgumentException(out.length + " output columns for " + names.size() + " columns");
            }
            for (int c = 0; c < out.length; c++) {
                if (out[c].length < indicators.rows()) {
                    throw new IllegalArgumentException("output column " + c + " has " + out[c].length + " rows for "
                            + indicators.rows());
                }
            }
            ColumnFrame frame = evaluate(series, indicators);
            int[] lookbacks = new int[out.length];
            for (int c = 0; c < out.length; c++) {
                frame.copyColumn(names.get(c), 0, out[c], 0, frame.rows());
                lookbacks[c] = frame.lookback(names.get(c));
            }
            return lookbacks;
        }
    }
}
