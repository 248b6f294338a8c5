package dev.ktrdr.fuzzy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ColumnFrame;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FuzzyEngine;
import dev.ktrdr.api.FuzzySetSpec;
import dev.ktrdr.api.InputTransform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link FuzzyEngine} of ktrdr-java: for each set, its indicator column goes through the set's
 * input transform and then, as whole arrays, through each membership function (see
 * {@link MembershipFunction} for shapes, degenerate cases, NaN and ±∞).
 *
 * <p>Output columns are {@code {set}_{membership}} in set order, then membership order. A column's
 * lookback is the indicator column's lookback plus the transform's extra warm-up, or the number of
 * leading NaN inputs if that is larger; those rows are NaN. Row t depends on rows 0..t alone (the
 * transforms look back only).
 *
 * <p>Stateless and thread-safe.
 */
public final class BatchFuzzyEngine implements FuzzyEngine {

    /** Creates the engine. */
    public BatchFuzzyEngine() {
        // stateless
    }

    /**
     * Validates specs into evaluable sets.
     *
     * @param sets the configured sets
     * @return the validated sets, in order
     * @throws ConfigurationException on the first invalid set or when two sets would produce the same column
     */
    public static List<FuzzySet> compile(List<FuzzySetSpec> sets) {
        List<FuzzySet> out = new ArrayList<>(sets.size());
        Map<String, String> columns = new HashMap<>();
        for (FuzzySetSpec s : sets) {
            FuzzySet f = FuzzySet.of(s);
            for (String c : f.columnNames()) {
                String prev = columns.putIfAbsent(c, f.id());
                if (prev != null) {
                    throw new ConfigurationException("fuzzy_sets." + f.id(), "column '" + c
                            + "' is produced by set '" + prev + "' and set '" + f.id() + "'");
                }
            }
            out.add(f);
        }
        return out;
    }

    @Override
    public ColumnFrame evaluate(BarSeries series, ColumnFrame indicators, List<FuzzySetSpec> sets) {
        return evaluateCompiled(series, indicators, compile(sets));
    }

    /**
     * As {@link #evaluate} for sets already validated with {@link #compile}.
     *
     * @param series the bars the indicators were computed on (closes feed the price transforms)
     * @param indicators the indicator frame, one row per bar of series
     * @param sets validated sets
     * @return the fuzzy frame
     * @throws ConfigurationException when a set names a column the indicator frame lacks
     */
    public ColumnFrame evaluateCompiled(BarSeries series, ColumnFrame indicators, List<FuzzySet> sets) {
        int n = indicators.rows();
        if (series.size() != n) {
            throw new IllegalArgumentException("indicator frame has " + n + " rows for " + series.size() + " bars of "
                    + series.symbol() + " " + series.timeframe());
        }
        double[] close = null;
        Map<String, double[]> cols = new LinkedHashMap<>();
        Map<String, Integer> lookbacks = new LinkedHashMap<>();
        for (FuzzySet set : sets) {
            if (!indicators.has(set.indicator())) {
                throw new ConfigurationException("fuzzy_sets." + set.id() + ".indicator", "indicator column '"
                        + set.indicator() + "' does not exist; available: " + indicators.names());
            }
            if (close == null && set.transform().kind() != InputTransform.Kind.NONE
                    && set.transform().kind() != InputTransform.Kind.ZSCORE) {
                close = series.closes();
            }
            double[] input = InputTransforms.apply(set.transform(), indicators.column(set.indicator()), close);
            int lookback = Math.max(indicators.lookback(set.indicator()) + InputTransforms.extraLookback(set.transform()),
                    leadingNaN(input));
            lookback = Math.min(lookback, n);
            double[][] out = new double[set.size()][n];
            set.evaluate(input, out);
            for (double[] col : out) {
                // the contract: rows before the lookback are NaN even if an indicator wrote something there
                java.util.Arrays.fill(col, 0, lookback, Double.NaN);
            }
            List<String> names = set.columnNames();
            for (int m = 0; m < out.length; m++) {
                cols.put(names.get(m), out[m]);
                lookbacks.put(names.get(m), lookback);
            }
        }
        return new ColumnFrame(indicators.times(), cols, lookbacks);
    }

    private static int leadingNaN(double[] x) {
        int i = 0;
        while (i < x.length && Double.isNaN(x[i])) {
            i++;
        }
        return i;
    }
}
