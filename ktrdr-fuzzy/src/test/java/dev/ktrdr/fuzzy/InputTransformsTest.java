package dev.ktrdr.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import dev.ktrdr.api.InputTransform;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class InputTransformsTest {

    @Test
    void priceRatioIsCloseOverIndicator() {
        double[] out = InputTransforms.apply(new InputTransform(InputTransform.Kind.PRICE_RATIO, 0),
                new double[] {Double.NaN, 100, 50}, new double[] {99, 103, 50});
        assertThat(out[0]).isNaN();
        assertThat(out[1]).isEqualTo(1.03);
        assertThat(out[2]).isEqualTo(1.0);
    }

    @Test
    void percentOfPriceIsIndicatorOverCloseTimesHundred() {
        double[] out = InputTransforms.apply(new InputTransform(InputTransform.Kind.PERCENT_OF_PRICE, 0),
                new double[] {0.5, -2, Double.NaN}, new double[] {100, 50, 10});
        assertThat(out[0]).isEqualTo(0.5);
        assertThat(out[1]).isEqualTo(-4.0);
        assertThat(out[2]).isNaN();
    }

    @Test
    void zscoreMatchesAHandCalculation() {
        // window 3 over [1, 2, 3, 5]: at i=2 mean 2, sd 1 -> z 1; at i=3 window [2,3,5] mean 10/3,
        // sample variance ((4/3)^2 + (1/3)^2 + (5/3)^2)/2 = 7/3 -> z = (5/3)/sqrt(7/3)
        double[] z = InputTransforms.zscore(new double[] {1, 2, 3, 5}, 3);
        assertThat(z[0]).isNaN();
        assertThat(z[1]).isNaN();
        assertThat(z[2]).isCloseTo(1.0, within(1e-15));
        assertThat(z[3]).isCloseTo((5.0 / 3) / Math.sqrt(7.0 / 3), within(1e-15));
        assertThat(InputTransforms.zscore(new double[] {4, 4, 4}, 2)).containsExactly(Double.NaN, 0.0, 0.0);
    }

    @Test
    void zscoreWaitsForAFullWindowAfterAnyNaN() {
        double[] z = InputTransforms.zscore(new double[] {Double.NaN, 1, 2, Double.NaN, 3, 4, 6}, 2);
        assertThat(Arrays.stream(z).map(v -> Double.isNaN(v) ? 1 : 0).toArray())
                .containsExactly(1, 1, 0, 1, 1, 0, 0);
        assertThat(InputTransforms.extraLookback(new InputTransform(InputTransform.Kind.ZSCORE, 20))).isEqualTo(19);
    }

    @Test
    void zscoreUsesPastValuesOnly() {
        qt().forAll(lists().of(doubles().between(-1e3, 1e3)).ofSizeBetween(3, 80), integers().between(2, 10))
                .checkAssert((xs, w) -> {
                    double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
                    double[] all = InputTransforms.zscore(x, w);
                    int cut = x.length / 2;
                    double[] prefix = InputTransforms.zscore(Arrays.copyOf(x, cut), w);
                    for (int i = 0; i < cut; i++) {
                        assertThat(Double.doubleToRawLongBits(prefix[i])).isEqualTo(Double.doubleToRawLongBits(all[i]));
                    }
                });
    }

    /**
     * Exact against BigDecimal on the same doubles, on series at a level of 50,000 with steps down to
     * 1e-6, flat stretches (z exactly 0) and spikes of 1e15 and 1e300 (whose squares would overflow
     * unscaled), at about 2,000 sampled rows of 100,000.
     */
    @Test
    void zscoreIsExactAtHighLevelsFlatWindowsAndSpikes() {
        qt().withExamples(3).withShrinkCycles(0).forAll(org.quicktheories.generators.SourceDSL.longs().all())
                .checkAssert(seed -> {
                    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
                    int n = 100_000;
                    int w = 2 + r.nextInt(99);
                    double[] x = new double[n];
                    double v = 50_000 * (0.5 + r.nextDouble());
                    double step = Math.pow(10, -1 - r.nextInt(6));
                    int flat = 0;
                    for (int i = 0; i < n; i++) {
                        if (flat > 0) {
                            flat--;
                        } else if (r.nextInt(700) == 0) {
                            flat = w + r.nextInt(200);
                        } else {
                            v += step * (r.nextInt(5) - 2);
                        }
                        x[i] = v;
                    }
                    for (int k = 0; k < 10; k++) {
                        x[200 + r.nextInt(n - 400)] = k % 2 == 0 ? 1e15 : 1e300;
                    }
                    double[] z = InputTransforms.zscore(x, w);
                    java.math.MathContext mc = new java.math.MathContext(40);
                    java.math.BigDecimal bw = java.math.BigDecimal.valueOf(w);
                    int checked = 0;
                    for (int i = w - 1; i < n; i++) {
                        boolean isFlat = true;
                        for (int j = i - w + 1; j <= i && isFlat; j++) {
                            isFlat = x[j] == x[i];
                        }
                        if (isFlat) {
                            assertThat(z[i]).as("flat window at %d", i).isEqualTo(0.0);
                            continue;
                        }
                        if (r.nextInt(50) != 0) {
                            continue;
                        }
                        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
                        for (int j = i - w + 1; j <= i; j++) {
                            sum = sum.add(new java.math.BigDecimal(x[j]));
                        }
                        java.math.BigDecimal ss = java.math.BigDecimal.ZERO;
                        for (int j = i - w + 1; j <= i; j++) {
                            java.math.BigDecimal e = new java.math.BigDecimal(x[j]).multiply(bw).subtract(sum);
                            ss = ss.add(e.multiply(e));
                        }
                        // z = (w*x - sum) / sqrt(ss * w... ): sd = sqrt(ss / (w^2 (w-1))), dev = (w*x - sum)/w
                        java.math.BigDecimal dev = new java.math.BigDecimal(x[i]).multiply(bw).subtract(sum);
                        java.math.BigDecimal sd = ss.divide(java.math.BigDecimal.valueOf(w - 1), mc).sqrt(mc);
                        double exact = dev.divide(sd, mc).doubleValue();
                        assertThat(Math.abs(z[i] - exact)).as("row %d: ours %s, exact %s", i, z[i], exact)
                                .isLessThanOrEqualTo(1e-9 * Math.max(1.0, Math.abs(exact)));
                        checked++;
                    }
                    assertThat(checked).isGreaterThan(1000);
                });
    }
}
