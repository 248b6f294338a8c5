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
 * ({@link Compiled#evaluate}) also pays for allocating its columns; {@link Compiled#evaluateInto} writes
 * into columns the caller reuses. Compile the sets once ({@link #compile}) and evaluate them as often as
 * needed.
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
     * @return the validated sets, ready to evaluate
     * @throws ConfigurationException on the first invalid set or when two sets would produce the same column
     */
    @Override
    public Compiled compile(List<FuzzySetSpec> sets) {
        List<FuzzySet> out = new ArrayList<>(sets.size());
        List<String> names = new ArrayList<>();
        Map<String, String> columns = new HashMap<>();
        for (FuzzySetSpec s : sets) {
            FuzzySet f = FuzzySet.of(s);
            for (String c : f.columnNames()) {
                String prev = columns.putIfAbsent(c, f.id());
                if (prev != null) {
                    throw new ConfigurationException("fuzzy_sets." + f.id(), "column '" + c
                            + "' is produced by set '" + prev + "' and set '" + f.id() + "'");
                }
                names.add(c);
            }
            out.add(f);
        }
        return new CompiledSets(List.copyOf(out), List.copyOf(names));
    }

    /** Validated sets and their output columns. */
    private static final class CompiledSets implements Compiled {
        private final List<FuzzySet> sets;
        private final List<String> columns;

        CompiledSets(List<FuzzySet> sets, List<String> columns) {
            this.sets = sets;
            this.columns = columns;
        }

        @Override
        public List<String> columns() {
            return columns;
        }

        /** {@inheritDoc} The frame owns the columns written here (no copy on the way in). */
        @Override
        public ColumnFrame evaluate(BarSeries series, ColumnFrame indicators) {
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

        /** {@inheritDoc} Writes in place: no output is allocated. */
        @Override
        public int[] evaluateInto(BarSeries series, ColumnFrame indicators, double[][] out) {
            int columns = this.columns.size();
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

        @Override
        public String toString() {
            return "BatchFuzzyEngine.compile(" + sets.size() + " sets, " + columns.size() + " columns)";
        }
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
