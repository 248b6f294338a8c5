package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FuzzyEngineTest {

    /** An engine whose compiled form only implements evaluate: two fixed columns. */
    private static final FuzzyEngine FIXED = sets -> new FuzzyEngine.Compiled() {
        @Override
        public List<String> columns() {
            return List.of("s_a", "s_b");
        }

        @Override
        public ColumnFrame evaluate(BarSeries series, ColumnFrame indicators) {
            Map<String, double[]> cols = new LinkedHashMap<>();
            cols.put("s_a", new double[] {Double.NaN, 0.25, 1});
            cols.put("s_b", new double[] {Double.NaN, 0.75, 0});
            return new ColumnFrame(indicators.times(), cols, Map.of("s_a", 1, "s_b", 1));
        }
    };

    private static BarSeries series() {
        long[] t = {0, Timeframe.H1.millis(), 2 * Timeframe.H1.millis()};
        double[] c = {1, 2, 3};
        return BarSeries.ofOpenTimes(Symbol.of("X"), Timeframe.H1, t, c, c, c, c, c);
    }

    @Test
    void theDefaultEvaluateIntoCopiesTheFrameIntoTheCallersColumns() {
        BarSeries s = series();
        ColumnFrame ind = new ColumnFrame(s.openTimes(), Map.of(), Map.of());
        double[][] out = {new double[4], new double[3]};
        out[0][3] = 9;
        int[] lookbacks = FIXED.compile(List.of()).evaluateInto(s, ind, out);
        assertThat(lookbacks).containsExactly(1, 1);
        assertThat(out[0]).containsExactly(Double.NaN, 0.25, 1, 9);
        assertThat(out[1]).containsExactly(Double.NaN, 0.75, 0);
    }

    @Test
    void theDefaultEvaluateIntoRefusesTheWrongShapeOfOutput() {
        BarSeries s = series();
        ColumnFrame ind = new ColumnFrame(s.openTimes(), Map.of(), Map.of());
        assertThatThrownBy(() -> FIXED.compile(List.of()).evaluateInto(s, ind, new double[3][3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 output columns for 2 columns");
        double[][] shortOut = {new double[3], new double[2]};
        assertThatThrownBy(() -> FIXED.compile(List.of()).evaluateInto(s, ind, shortOut))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("output column 1 has 2 rows for 3");
        assertThat(shortOut[0]).containsOnly(0.0);
    }
}
