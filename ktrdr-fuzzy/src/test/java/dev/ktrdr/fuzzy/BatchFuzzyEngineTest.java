package dev.ktrdr.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ColumnFrame;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FuzzyEngine;
import dev.ktrdr.api.FuzzySetSpec;
import dev.ktrdr.api.InputTransform;
import dev.ktrdr.api.MembershipSpec;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BatchFuzzyEngineTest {
    private static final double NAN = Double.NaN;

    private static BarSeries series(double... close) {
        long[] t = new long[close.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * Timeframe.H1.millis();
        }
        return BarSeries.ofOpenTimes(Symbol.of("TEST"), Timeframe.H1, t, close, close, close, close, new double[close.length]);
    }

    private static ColumnFrame frame(BarSeries s, Map<String, double[]> cols, Map<String, Integer> lookbacks) {
        return new ColumnFrame(s.openTimes(), cols, lookbacks);
    }

    @Test
    void evaluatesEverySetInOrderWithItsTransform() {
        BarSeries s = series(100, 100, 103, 97);
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("rsi_14", new double[] {NAN, 10, 50, 90});
        cols.put("sma_3", new double[] {NAN, NAN, 100, 100});
        ColumnFrame ind = frame(s, cols, Map.of("rsi_14", 1, "sma_3", 2));
        List<FuzzySetSpec> sets = List.of(
                new FuzzySetSpec("sma", "sma_3", new InputTransform(InputTransform.Kind.PRICE_RATIO, 0), List.of(
                        new MembershipSpec("above", "right_shoulder", new double[] {1.0, 1.02}),
                        new MembershipSpec("below", "left_shoulder", new double[] {0.98, 1.0}))),
                new FuzzySetSpec("rsi", "rsi_14", InputTransform.NONE, List.of(
                        new MembershipSpec("low", "triangular", new double[] {0, 10, 50}))));
        ColumnFrame out = new BatchFuzzyEngine().compile(sets).evaluate(s, ind);
        assertThat(out.names()).containsExactly("sma_above", "sma_below", "rsi_low");
        assertThat(out.times()).containsExactly(s.openTimes());
        assertThat(out.lookback("sma_above")).isEqualTo(2);
        assertThat(out.lookback("rsi_low")).isEqualTo(1);
        double[] above = out.column("sma_above");
        assertThat(above[0]).isNaN();
        assertThat(above[1]).isNaN();
        assertThat(above[2]).isEqualTo(1.0);      // 103/100 = 1.03 > 1.02
        assertThat(above[3]).isEqualTo(0.0);      // 0.97
        assertThat(out.column("sma_below")[3]).isEqualTo(1.0);
        assertThat(out.column("rsi_low")).containsExactly(NAN, 1.0, 0.0, 0.0);
    }

    @Test
    void rowsBeforeTheLookbackAreNaNEvenIfTheIndicatorWroteValues() {
        BarSeries s = series(1, 2, 3);
        ColumnFrame ind = frame(s, Map.of("x", new double[] {5, 5, 5}), Map.of("x", 2));
        ColumnFrame out = new BatchFuzzyEngine().compile(List.of(new FuzzySetSpec("x", "x", InputTransform.NONE,
                List.of(new MembershipSpec("m", "gaussian", new double[] {5, 1}))))).evaluate(s, ind);
        assertThat(out.column("x_m")).containsExactly(NAN, NAN, 1.0);
    }

    @Test
    void zscoreAddsItsWindowToTheLookback() {
        BarSeries s = series(1, 2, 3, 4, 5);
        ColumnFrame ind = frame(s, Map.of("x", new double[] {NAN, 1, 2, 3, 5}), Map.of("x", 1));
        ColumnFrame out = new BatchFuzzyEngine().compile(List.of(new FuzzySetSpec("z", "x",
                new InputTransform(InputTransform.Kind.ZSCORE, 3),
                List.of(new MembershipSpec("hi", "right_shoulder", new double[] {0, 2}))))).evaluate(s, ind);
        assertThat(out.lookback("z_hi")).isEqualTo(3);
        assertThat(out.column("z_hi")[3]).isCloseTo(0.5, within(1e-12));   // z = 1 on [1,2,3]
    }

    @Test
    void aMissingIndicatorColumnIsAConfigurationErrorListingTheColumns() {
        BarSeries s = series(1, 2);
        ColumnFrame ind = frame(s, Map.of("rsi_14", new double[] {1, 2}), Map.of());
        assertThatThrownBy(() -> new BatchFuzzyEngine().compile(List.of(new FuzzySetSpec("m", "macd.histogram",
                InputTransform.NONE, List.of(new MembershipSpec("a", "triangular", new double[] {0, 1, 2}))))).evaluate(s, ind))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("fuzzy_sets.m.indicator")
                .hasMessageContaining("macd.histogram")
                .hasMessageContaining("rsi_14");
    }

    @Test
    void invalidSpecsAreRefusedBeforeAnyWork() {
        assertThatThrownBy(() -> new BatchFuzzyEngine().compile(List.of(new FuzzySetSpec("set", "x",
                InputTransform.NONE, List.of(new MembershipSpec("bad", "gaussian", new double[] {0, -1}))))))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("fuzzy_sets.set.bad").hasMessageContaining("sigma is -1");
    }

    /** Sets over 2,500 rows (past the 1024-row blocks) with every transform kind and a NaN warm-up. */
    private static List<FuzzySetSpec> wideSpecs() {
        return List.of(
                new FuzzySetSpec("r", "rsi", InputTransform.NONE, List.of(
                        new MembershipSpec("lo", "triangular", new double[] {0, 20, 40}),
                        new MembershipSpec("mid", "gaussian", new double[] {50, 10}),
                        new MembershipSpec("hi", "trapezoidal", new double[] {60, 80, 100, 100}))),
                new FuzzySetSpec("p", "sma", new InputTransform(InputTransform.Kind.PRICE_RATIO, 0), List.of(
                        new MembershipSpec("up", "sigmoid", new double[] {1, 40}))),
                new FuzzySetSpec("z", "rsi", new InputTransform(InputTransform.Kind.ZSCORE, 20), List.of(
                        new MembershipSpec("a", "bell", new double[] {1, 2, 0}),
                        new MembershipSpec("b", "left_shoulder", new double[] {-1, 0}))));
    }

    private static ColumnFrame wideIndicators(BarSeries s) {
        int n = s.size();
        double[] rsi = new double[n];
        double[] sma = new double[n];
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(9);
        for (int i = 0; i < n; i++) {
            rsi[i] = i < 14 ? NAN : rnd.nextDouble(0, 100);
            sma[i] = i < 30 ? NAN : 100 + rnd.nextDouble(-3, 3);
        }
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("rsi", rsi);
        cols.put("sma", sma);
        return frame(s, cols, Map.of("rsi", 14, "sma", 30));
    }

    private static BarSeries wideSeries() {
        double[] close = new double[2_500];
        java.util.Arrays.fill(close, 100);
        return series(close);
    }

    @Test
    void evaluateIntoWritesWhatEvaluateReturnsIntoReusedColumns() {
        BarSeries s = wideSeries();
        ColumnFrame ind = wideIndicators(s);
        BatchFuzzyEngine engine = new BatchFuzzyEngine();
        FuzzyEngine.Compiled sets = engine.compile(wideSpecs());
        ColumnFrame expected = sets.evaluate(s, ind);
        double[][] out = new double[6][s.size() + 3];
        for (double[] col : out) {
            java.util.Arrays.fill(col, 42.0);
        }
        for (int pass = 0; pass < 2; pass++) {
            int[] lookbacks = sets.evaluateInto(s, ind, out);
            List<String> names = expected.names();
            assertThat(names).hasSize(6);
            for (int c = 0; c < 6; c++) {
                assertThat(lookbacks[c]).isEqualTo(expected.lookback(names.get(c)));
                assertThat(java.util.Arrays.copyOf(out[c], s.size())).as(names.get(c))
                        .containsExactly(expected.column(names.get(c)));
                assertThat(out[c][s.size()]).as("rows past the frame are left alone").isEqualTo(42.0);
            }
        }
        assertThat(expected.lookback("z_a")).isEqualTo(14 + 19);
        assertThat(sets.columns()).isEqualTo(expected.names());
        // a second compilation of the same specs writes the same
        double[][] viaSpecs = new double[6][s.size()];
        int[] lb = engine.compile(wideSpecs()).evaluateInto(s, ind, viaSpecs);
        for (int c = 0; c < 6; c++) {
            assertThat(viaSpecs[c]).containsExactly(java.util.Arrays.copyOf(out[c], s.size()));
            assertThat(lb[c]).isEqualTo(expected.lookback(expected.names().get(c)));
        }
        // and each value is the membership function of its (transformed) input
        double[] rsi = ind.column("rsi");
        MembershipFunction mid = MembershipFunction.gaussian(50, 10);
        for (int i = 14; i < s.size(); i++) {
            assertThat(out[1][i]).isEqualTo(mid.apply(rsi[i]));
        }
    }

    @Test
    void evaluateIntoRefusesBadOutputAndWritesNothingOnAMissingColumn() {
        BarSeries s = wideSeries();
        ColumnFrame ind = wideIndicators(s);
        BatchFuzzyEngine engine = new BatchFuzzyEngine();
        FuzzyEngine.Compiled sets = engine.compile(wideSpecs());
        assertThatThrownBy(() -> sets.evaluateInto(s, ind, new double[5][s.size()]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 output columns for the 6 columns of 3 sets");
        double[][] shortCol = new double[6][s.size()];
        shortCol[4] = new double[10];
        assertThatThrownBy(() -> sets.evaluateInto(s, ind, shortCol))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output column 4 has 10 rows for 2500");
        FuzzyEngine.Compiled missing = engine.compile(List.of(wideSpecs().get(0), new FuzzySetSpec("m", "nope",
                InputTransform.NONE, List.of(new MembershipSpec("a", "triangular", new double[] {0, 1, 2})))));
        double[][] out = new double[4][s.size()];
        assertThatThrownBy(() -> missing.evaluateInto(s, ind, out)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("fuzzy_sets.m.indicator");
        for (double[] col : out) {
            assertThat(col).containsOnly(0.0);
        }
    }
}
