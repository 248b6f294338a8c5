package dev.ktrdr.training.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.TradingModel;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Large matrices are predicted on slices in parallel; the result must be the one call's, row for row. */
class ParallelPredictionTest {
    /** A softmax of (x0, x1, x0·x1): every row gets its own probabilities. */
    static final class RowModel implements TradingModel {
        @Override
        public FeatureSpec featureSpec() {
            return new FeatureSpec(List.of("a", "b"));
        }

        @Override
        public void predict(double[] f, Symbol symbol, double[] p) {
            double e0 = Math.exp(f[0]);
            double e1 = Math.exp(f[1]);
            double e2 = Math.exp(f[0] * f[1]);
            double s = e0 + e1 + e2;
            p[0] = e0 / s;
            p[1] = e1 / s;
            p[2] = e2 / s;
        }
    }

    static FeatureMatrix matrix(int rows, List<String> names) {
        SplittableRandom r = new SplittableRandom(3);
        long[] t = new long[rows];
        double[] v = new double[rows * 2];
        for (int i = 0; i < rows; i++) {
            t[i] = i * 3_600_000L;
            v[2 * i] = r.nextGaussian();
            v[2 * i + 1] = r.nextGaussian();
        }
        return new FeatureMatrix(Symbol.of("X"), new FeatureSpec(names), t, v);
    }

    @Test
    void parallelPredictionEqualsTheSerialOneRowForRow() {
        int rows = EventBacktester.PARALLEL_PREDICTION_ROWS * 3 + 7;
        FeatureMatrix m = matrix(rows, List.of("a", "b"));
        RowModel model = new RowModel();
        double[] serial = model.predict(m);
        double[] parallel = EventBacktester.predict(model, m);
        assertThat(parallel).hasSize(rows * Label.COUNT).isEqualTo(serial);
    }

    @Test
    void parallelPredictionStillChecksTheSpec() {
        FeatureMatrix m = matrix(EventBacktester.PARALLEL_PREDICTION_ROWS * 2, List.of("a", "c"));
        assertThatThrownBy(() -> EventBacktester.predict(new RowModel(), m)).isInstanceOf(ModelException.class)
                .hasMessageContaining("c");
    }
}
