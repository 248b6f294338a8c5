package dev.ktrdr.fuzzy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ColumnFrame;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FuzzyEngine;
import dev.ktrdr.api.FuzzySetSpec;
import dev.ktrdr.api.InputTransform;
import dev.ktrdr.api.internal.UnsafeColumns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@link FuzzyEngine} of ktrdr-java: for each set, its indicator column goes through the set's
 * input transform and then through each membership function (see {@link MembershipFunction} for
 * shapes, degenerate cases, NaN and ±∞).
 *
 * <p>Speed: the work is memory-bound (201 columns of 100k rows are 161 MB of output), so the engine
 * reads indicator columns in place ({@link dev.ktrdr.api.internal.UnsafeColumns}; they are never written),
 * evaluates 512-row blocks with loops the JIT vectorises, and writes each value once. A new frame
 * ({@link #evaluate}) also pays for allocating its columns; {@link #evaluateInto} writes into columns the
 * caller reuses.
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
     * As {@link #evaluate} for sets already validated with {@link #compile}. The frame owns the columns
     * written here (no copy on the way in).
     *
     * @param series the bars the indicators were computed on (closes feed the price transforms)
     * @param indicators the indicator frame, one row per bar of series
     * @param sets validated sets
     * @return the fuzzy frame
     * @throws ConfigurationException when a set names a column the indicator frame lacks
     */
    public ColumnFrame evaluateCompiled(BarSeries series, ColumnFrame indicators, List<FuzzySet> sets) {
        Plan plan = plan(series, indicators, sets);
        ColumnFrame.Builder frame = ColumnFrame.builder(indicators);
        Workspace ws = new Workspace(indicators.rows());
        for (int s = 0; s < sets.size(); s++) {
            FuzzySet set = sets.get(s);
            List<String> names = set.columnNames();
            double[][] out = new double[set.size()][];
            for (int m = 0; m < out.length; m++) {
                out[m] = frame.add(names.get(m), plan.lookbacks[s]);
            }
            run(plan, s, set, indicators, out, ws);
        }
        return frame.build();
    }

    @Override
    public int[] evaluateInto(BarSeries series, ColumnFrame indicators, List<FuzzySetSpec> sets, double[][] out) {
        return evaluateCompiledInto(series, indicators, compile(sets), out);
    }

    /**
     * As {@link #evaluateCompiled}, into caller-owned columns that can be reused from call to call (no
     * allocation of output): the path for repeated evaluation over series of one length, such as
     * replays and benchmarks.
     *
     * @param series the bars the indicators were computed on
     * @param indicators the indicator frame, one row per bar of series
     * @param sets validated sets
     * @param out one column per output column of the sets, in order ({@code {set}_{membership}}), each at
     *     least {@code indicators.rows()} long; rows past that are left alone
     * @return each output column's lookback (rows before it are NaN)
     * @throws ConfigurationException when a set names a column the indicator frame lacks (nothing written)
     * @throws IllegalArgumentException when out has the wrong number of columns or a column is too short
     */
    public int[] evaluateCompiledInto(BarSeries series, ColumnFrame indicators, List<FuzzySet> sets, double[][] out) {
        int columns = 0;
        for (FuzzySet set : sets) {
            columns += set.size();
        }
        if (out.length != columns) {
            throw new IllegalArgumentException(out.length + " output columns for the " + columns + " columns of "
                    + sets.size() + " sets");
        }
        for (int c = 0; c < columns; c++) {
            if (out[c].length < indicators.rows()) {
                throw new IllegalArgumentException("output column " + c + " has " + out[c].length + " rows for "
                        + indicators.rows());
            }
        }
        Plan plan = plan(series, indicators, sets);
        Workspace ws = new Workspace(indicators.rows());
        int[] lookbacks = new int[columns];
        int c = 0;
        for (int s = 0; s < sets.size(); s++) {
            FuzzySet set = sets.get(s);
            double[][] cols = java.util.Arrays.copyOfRange(out, c, c + set.size());
            run(plan, s, set, indicators, cols, ws);
            for (int m = 0; m < cols.length; m++) {
                lookbacks[c++] = plan.lookbacks[s];
            }
        }
        return lookbacks;
    }

    /** Per set: its transformed input (null: read the indicator column as is) and its lookback. */
    private static final class Plan {
        final double[][] transformed;
        final int[] lookbacks;

        Plan(int sets) {
            this.transformed = new double[sets][];
            this.lookbacks = new int[sets];
        }
    }

    /** Checks everything (rows, every indicator column) before anything is written, and applies transforms. */
    private static Plan plan(BarSeries series, ColumnFrame indicators, List<FuzzySet> sets) {
        int n = indicators.rows();
        if (series.size() != n) {
            throw new IllegalArgumentException("indicator frame has " + n + " rows for " + series.size() + " bars of "
                    + series.symbol() + " " + series.timeframe());
        }
        for (FuzzySet set : sets) {
            if (!indicators.has(set.indicator())) {
                throw new ConfigurationException("fuzzy_sets." + set.id() + ".indicator", "indicator column '"
                        + set.indicator() + "' does not exist; available: " + indicators.names());
            }
        }
        Plan plan = new Plan(sets.size());
        double[] close = null;
        for (int s = 0; s < sets.size(); s++) {
            FuzzySet set = sets.get(s);
            InputTransform t = set.transform();
            int leadingNaN;
            if (t.kind() == InputTransform.Kind.NONE) {
                leadingNaN = leadingNaN(indicators, set.indicator());
            } else {
                if (close == null && t.kind() != InputTransform.Kind.ZSCORE) {
                    close = series.closes();
                }
                double[] input = InputTransforms.apply(t, indicators.column(set.indicator()), close);
                plan.transformed[s] = input;
                leadingNaN = leadingNaN(input);
            }
            int lookback = Math.max(indicators.lookback(set.indicator()) + InputTransforms.extraLookback(t), leadingNaN);
            plan.lookbacks[s] = Math.min(lookback, n);
        }
        return plan;
    }

    private static void run(Plan plan, int s, FuzzySet set, ColumnFrame indicators, double[][] out, Workspace ws) {
        double[] input = plan.transformed[s];
        if (input != null) {
            rows(set, input, out, ws);
        } else {
            // the indicator column is read in place (never written, not kept): copying 67 columns of 100k
            // rows first would cost a fifth of the time of the whole evaluation
            UnsafeColumns.read(indicators, set.indicator(), column -> rows(set, column, out, ws));
        }
        for (double[] col : out) {
            // the contract: rows before the lookback are NaN even if an indicator wrote something there
            java.util.Arrays.fill(col, 0, plan.lookbacks[s], Double.NaN);
        }
    }

    private static Void rows(FuzzySet set, double[] in, double[][] out, Workspace ws) {
        for (int base = 0; base < in.length; base += Workspace.ROWS) {
            set.evaluateRows(in, base, Math.min(in.length, base + Workspace.ROWS), out, ws.scratch);
        }
        return null;
    }

    private static int leadingNaN(ColumnFrame frame, String column) {
        int n = frame.rows();
        int i = 0;
        while (i < n && Double.isNaN(frame.value(column, i))) {
            i++;
        }
        return i;
    }

    private static int leadingNaN(double[] x) {
        int i = 0;
        while (i < x.length && Double.isNaN(x[i])) {
            i++;
        }
        return i;
    }
}
