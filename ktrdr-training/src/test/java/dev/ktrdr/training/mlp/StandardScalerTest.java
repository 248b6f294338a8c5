package dev.ktrdr.training.mlp;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Symbol;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

class StandardScalerTest {

    private static FeatureMatrix column(double[] v) {
        long[] t = new long[v.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = i;
        }
        return new FeatureMatrix(Symbol.of("S"), MlpTestData.spec(1), t, v);
    }

    @Test
    void scaledTrainingRowsHaveMeanZeroAndUnitDeviation() {
        qt().forAll(lists().of(doubles().between(-1e6, 1e6)).ofSizeBetween(2, 60)).checkAssert(values -> {
            double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
            StandardScaler s = StandardScaler.fit(List.of(column(v)), null);
            float[] out = new float[1];
            double sum = 0;
            double sq = 0;
            for (double x : v) {
                s.transform(new double[]{x}, 0, out, 0);
                sum += out[0];
                sq += (double) out[0] * out[0];
            }
            double mean = sum / v.length;
            assertThat(mean).isCloseTo(0, within(1e-4));
            boolean constant = v[0] == java.util.Arrays.stream(v).max().getAsDouble()
                    && v[0] == java.util.Arrays.stream(v).min().getAsDouble();
            // a constant feature keeps std 1 and is only centred
            assertThat(sq / v.length).isCloseTo(constant ? 0 : 1, within(1e-3));
        });
    }

    @Test
    void onlyTheGivenRowsAreFitted() {
        qt().forAll(integers().between(1, 20)).checkAssert(k -> {
            double[] v = new double[40];
            for (int i = 0; i < v.length; i++) {
                v[i] = i < k ? 1 : 1000;
            }
            int[] rows = new int[k];
            for (int i = 0; i < k; i++) {
                rows[i] = i;
            }
            StandardScaler s = StandardScaler.fit(List.of(column(v)), List.of(rows));
            assertThat(s.meanAt(0)).isEqualTo(1.0);
            assertThat(s.stdAt(0)).isEqualTo(1.0);
        });
    }

    @Test
    void populationDeviationMatchesAHandCalculation() {
        // values 2, 4, 4, 4, 5, 5, 7, 9: mean 5, population standard deviation 2 (textbook example)
        StandardScaler s = StandardScaler.fit(List.of(column(new double[]{2, 4, 4, 4, 5, 5, 7, 9})), null);
        assertThat(s.meanAt(0)).isEqualTo(5.0);
        assertThat(s.stdAt(0)).isEqualTo(2.0);
    }
}
