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
}
