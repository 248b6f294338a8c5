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

    /**
     * Exact on adversarial columns: 100,000 rows at a level of 50,000 with steps of 1e-6, flat stretches
     * and 1e15 spikes, against BigDecimal on the same doubles; a constant column keeps its value as mean
     * and gets std 1 exactly (no one-ulp mean, no tiny std turning noise into ±1).
     */
    @Test
    void fitIsExactAtHighLevelsAndExactOnConstantColumns() {
        qt().withExamples(3).withShrinkCycles(0).forAll(org.quicktheories.generators.SourceDSL.longs().all())
                .checkAssert(seed -> {
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    int n = 100_000;
                    double[] v = new double[n];
                    double x = 50_000 * (0.5 + r.nextDouble());
                    for (int i = 0; i < n; i++) {
                        if (r.nextInt(1000) != 0) {
                            x += 1e-6 * (r.nextInt(5) - 2);
                        }
                        v[i] = r.nextInt(20_000) == 0 ? 1e15 : x;
                    }
                    StandardScaler s = StandardScaler.fit(List.of(column(v)), null);
                    java.math.MathContext mc = new java.math.MathContext(40);
                    java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
                    for (double d : v) {
                        sum = sum.add(new java.math.BigDecimal(d));
                    }
                    java.math.BigDecimal bn = java.math.BigDecimal.valueOf(n);
                    java.math.BigDecimal ss = java.math.BigDecimal.ZERO;
                    for (double d : v) {
                        // n*x - sum is exact: no rounded mean enters the reference
                        java.math.BigDecimal e = new java.math.BigDecimal(d).multiply(bn).subtract(sum);
                        ss = ss.add(e.multiply(e));
                    }
                    double mean = sum.divide(bn, mc).doubleValue();
                    double std = ss.divide(bn.multiply(bn).multiply(bn), mc).sqrt(mc).doubleValue();
                    assertThat(Math.abs(s.meanAt(0) - mean)).isLessThanOrEqualTo(1e-9 * Math.abs(mean));
                    assertThat(Math.abs(s.stdAt(0) - std)).isLessThanOrEqualTo(1e-9 * std);
                    double c = 50_000.123_456_7 + r.nextDouble();
                    double[] flat = new double[n];
                    java.util.Arrays.fill(flat, c);
                    StandardScaler f = StandardScaler.fit(List.of(column(flat)), null);
                    assertThat(f.meanAt(0)).isEqualTo(c);
                    assertThat(f.stdAt(0)).isEqualTo(1.0);
                });
    }
}
