package dev.ktrdr.training.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.training.TestBars;
import dev.ktrdr.training.TestData;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContextFeaturesTest {
    static final ContextFeatures ALL = new ContextFeatures(List.of(1, 3), 2, 2, 2, true, true, 1);

    @Test
    void contextValuesByHand() {
        BarSeries s = TestBars.closes("X", 100, 110, 121, 133.1, 133.1);
        FeatureMatrix m = ALL.append(TestData.features(s, 0, 0), s);
        // warm-up: return over 3 bars needs bar 3; rows 3 and 4 remain
        assertThat(m.rows()).isEqualTo(2);
        assertThat(m.spec().names()).containsExactly("1h_close_level", "1h_index_value", "ctx_return_1", "ctx_return_3",
                "ctx_range_position_2", "ctx_volatility_2", "ctx_volume_ratio_2", "ctx_time_of_day_sin",
                "ctx_time_of_day_cos", "ctx_day_of_week_sin", "ctx_day_of_week_cos", "1h_close_level_lag1",
                "1h_index_value_lag1");
        assertThat(m.get(0, 2)).isCloseTo(0.1, within(1e-12));          // 133.1 / 121 - 1
        assertThat(m.get(0, 3)).isCloseTo(0.331, within(1e-12));        // 133.1 / 100 - 1
        assertThat(m.get(0, 4)).isEqualTo(1.0);                          // close at the top of [121, 133.1]
        assertThat(m.get(0, 5)).isCloseTo(0.0, within(1e-12));          // two equal log returns ln 1.1
        assertThat(m.get(0, 6)).isCloseTo(1003 / 1002.5, within(1e-12)); // volumes 1002, 1003
        assertThat(m.get(0, 7)).isCloseTo(Math.sqrt(0.5), within(1e-12)); // 03:00 UTC = 1/8 of the day
        assertThat(m.get(0, 9)).isCloseTo(0.0, within(1e-12));          // Monday
        assertThat(m.get(0, 10)).isCloseTo(1.0, within(1e-12));
        assertThat(m.get(0, 11)).isEqualTo(121.0);                       // lag 1 of the close column
        assertThat(m.get(1, 4)).isEqualTo(0.5);                          // empty range 133.1..133.1
        assertThat(m.get(1, 2)).isEqualTo(0.0);
    }

    @Test
    void contextFeaturesArePrefixInvariant() {
        qt().withExamples(50).forAll(longs().all(), integers().between(40, 200), integers().between(1, 100))
                .checkAssert((seed, n, cutPercent) -> {
                    BarSeries s = TestBars.randomWalk("RW", seed, n);
                    FeatureMatrix base = TestData.features(s, 2, 5);
                    FeatureMatrix full = new ContextFeatures(List.of(1, 5), 7, 6, 4, true, true, 2).append(base, s);
                    int k = Math.max(1, base.rows() * cutPercent / 100);
                    int bars = (int) base.get(k - 1, 1) + 1;
                    FeatureMatrix prefix = new ContextFeatures(List.of(1, 5), 7, 6, 4, true, true, 2)
                            .append(base.slice(0, k), s.slice(0, bars));
                    assertThat(prefix.rows()).isLessThanOrEqualTo(full.rows());
                    for (int r = 0; r < prefix.rows(); r++) {
                        assertThat(prefix.time(r)).isEqualTo(full.time(r));
                        for (int c = 0; c < full.columns(); c++) {
                            assertThat(prefix.get(r, c)).isEqualTo(full.get(r, c));
                        }
                    }
                });
    }

    /**
     * The column form a feature shard is written from gives, bit for bit, the float32 values of the appended
     * matrix without the rows before the start, for every kind of configuration (none, lags only, context
     * only, both) and any start.
     */
    @Test
    void columnsGiveTheBitsOfTheAppendedMatrix() {
        List<ContextFeatures> configs = List.of(ContextFeatures.NONE,
                new ContextFeatures(List.of(), 0, 0, 0, false, false, 3),
                new ContextFeatures(List.of(1, 5), 7, 6, 4, true, true, 0),
                new ContextFeatures(List.of(1, 5), 7, 6, 4, true, true, 2), ALL);
        qt().withExamples(60).forAll(longs().all(), integers().between(30, 160), integers().between(0, 4),
                integers().between(-1, 100)).checkAssert((seed, n, which, startPercent) -> {
                    BarSeries s = TestBars.randomWalk("RW", seed, n);
                    FeatureMatrix base = TestData.features(s, 2, 5);
                    ContextFeatures context = configs.get(which);
                    long from = startPercent < 0 ? Long.MIN_VALUE
                            : base.time(0) + (base.time(base.rows() - 1) - base.time(0)) * startPercent / 100;
                    FeatureMatrix full = context.append(base, s);
                    int first = 0;
                    while (first < full.rows() && full.time(first) < from) {
                        first++;
                    }
                    FeatureMatrix expected = full.slice(first, full.rows());
                    FeatureColumns columns = context.columns(dev.ktrdr.fuzzy.frame.AlignedColumns.of(base), s, from);
                    assertThat(columns.spec()).isEqualTo(expected.spec());
                    assertThat(columns.rows()).isEqualTo(expected.rows());
                    assertThat(columns.times()).isEqualTo(expected.times());
                    int size = expected.rows() * expected.columns();
                    int[] want = new int[size];
                    dev.ktrdr.training.shard.ShardFeatures.of(expected).floatBits(want);
                    int[] got = new int[size + 3];
                    java.util.Arrays.fill(got, 0x7fc0_0001); // a NaN no value converts to: every value must be written
                    columns.floatBits(got);
                    assertThat(java.util.Arrays.copyOf(got, size)).isEqualTo(want);
                    assertThat(java.util.Arrays.copyOfRange(got, size, size + 3)).containsOnly(0x7fc0_0001);
                });
    }

    @Test
    void aNonFiniteContextValueIsRefusedAsTheMatrixRefusesIt() {
        BarSeries s = TestBars.closes("X", 100, 0, 5, 6, 7);
        ContextFeatures returns = new ContextFeatures(List.of(1), 0, 0, 0, false, false, 0);
        FeatureMatrix base = TestData.features(s, 0, 0);
        String message = org.assertj.core.api.Assertions.catchThrowableOfType(() -> returns.append(base, s),
                IllegalArgumentException.class).getMessage();
        assertThat(message).contains("feature 'ctx_return_1' is Infinity at");
        FeatureColumns columns = returns.columns(dev.ktrdr.fuzzy.frame.AlignedColumns.of(base), s, Long.MIN_VALUE);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> columns.floatBits(new int[columns.rows() * 3]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void strategySwitchesSelectTheFeatures() {
        assertThat(ContextFeatures.fromStrategy(new dev.ktrdr.training.strategy.ModelConfig.Features(false, 0, true)).isEmpty()).isTrue();
        ContextFeatures c = ContextFeatures.fromStrategy(new dev.ktrdr.training.strategy.ModelConfig.Features(true, 2, true));
        assertThat(c.returnPeriods()).containsExactly(1, 5, 20);
        assertThat(c.lags()).isEqualTo(2);
    }

    /**
     * ctx_volatility against BigDecimal (sample deviation of the same computed log returns) at a level of
     * 50,000 with steps down to 1e-6, flat stretches (exactly 0) and 1e15 spikes (no trace once they have
     * left the window): within 1e-9 of the column's typical magnitude.
     */
    @Test
    void volatilityIsExactOnAdversarialCloses() {
        qt().withExamples(3).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
            int n = 20_000;
            int w = 2 + r.nextInt(60);
            double[] c = new double[n];
            double x = 50_000 * (0.5 + r.nextDouble());
            double step = Math.pow(10, -1 - r.nextInt(6));
            int flat = 0;
            for (int i = 0; i < n; i++) {
                if (flat > 0) {
                    flat--;
                } else if (r.nextInt(300) == 0) {
                    flat = w + 1 + r.nextInt(100);
                } else {
                    x += step * (r.nextInt(5) - 2);
                }
                c[i] = x;
            }
            for (int k = 0; k < 5; k++) {
                int at = 100 + r.nextInt(n - 200);
                if (c[at] != c[at - 1]) {
                    c[at] = 1e15;
                }
            }
            BarSeries s = TestBars.closes("X", c);
            FeatureMatrix m = new ContextFeatures(List.of(), 0, w, 0, false, false, 0).append(TestData.features(s, 0, 0), s);
            double[] ret = new double[n];
            for (int i = 1; i < n; i++) {
                ret[i] = Math.log(c[i] / c[i - 1]);
            }
            java.math.MathContext mc = new java.math.MathContext(40);
            java.math.BigDecimal bw = java.math.BigDecimal.valueOf(w);
            double[] ours = new double[m.rows()];
            double[] exact = new double[m.rows()];
            for (int row = 0; row < m.rows(); row++) {
                int b = (int) m.get(row, 1);
                ours[row] = m.get(row, 2);
                java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
                for (int i = b - w + 1; i <= b; i++) {
                    sum = sum.add(new java.math.BigDecimal(ret[i]));
                }
                java.math.BigDecimal ss = java.math.BigDecimal.ZERO;
                for (int i = b - w + 1; i <= b; i++) {
                    java.math.BigDecimal e = new java.math.BigDecimal(ret[i]).multiply(bw).subtract(sum);
                    ss = ss.add(e.multiply(e));
                }
                exact[row] = ss.divide(bw.multiply(bw).multiply(java.math.BigDecimal.valueOf(w - 1)), mc).sqrt(mc)
                        .doubleValue();
                boolean equalReturns = true;
                for (int i = b - w + 1; i <= b && equalReturns; i++) {
                    equalReturns = c[i] == c[b] && c[i - 1] == c[b];
                }
                if (equalReturns) {
                    assertThat(ours[row]).as("flat window at bar %d", b).isEqualTo(0.0);
                }
            }
            double[] sorted = exact.clone();
            java.util.Arrays.sort(sorted);
            double typical = Math.max(sorted[sorted.length / 2], sorted[sorted.length * 3 / 4]);
            for (int row = 0; row < ours.length; row++) {
                assertThat(Math.abs(ours[row] - exact[row])).as("row %d: ours %s, exact %s", row, ours[row], exact[row])
                        .isLessThanOrEqualTo(1e-9 * Math.max(typical, exact[row]));
            }
        });
    }
}
