package dev.ktrdr.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.IndicatorSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The one contract every catalogue entry passes, found automatically in {@link IndicatorCatalog#standard()}
 * (built-ins plus service-loaded user definitions such as {@link MidRangeIndicator}): for random valid
 * parameters and random series, output count and lengths, exactly lookback leading NaNs, finite values
 * afterwards, declared bounds, streaming equal to batch (relative 1e-12) and prefix invariance (the value
 * at t from bars 0..t equals the value at t from the whole series: no look-ahead).
 */
class IndicatorContractTest {
    private static final double STREAM_TOLERANCE = 1e-12;

    @TestFactory
    Stream<DynamicTest> everyCatalogueEntryHonoursTheContract() {
        return IndicatorCatalog.standard().definitions().stream()
                .map(d -> DynamicTest.dynamicTest(d.type(), () -> checkContract(d)));
    }

    @TestFactory
    Stream<DynamicTest> everyBuiltinStreamAllocatesNothingPerBar() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory
                .getThreadMXBean();
        Ohlcv bars = TestBars.random(11, 20_000);
        return IndicatorCatalog.builtins().definitions().stream()
                .filter(d -> d.labellingOnlyReason() == null)
                .map(d -> DynamicTest.dynamicTest(d.type(), () -> {
                    Indicator ind = defaults(d);
                    IndicatorStream s = ind.newStream();
                    int k = ind.outputs().size();
                    double sink = 0;
                    long before = mx.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < bars.size(); i++) {
                        s.update(bars.open()[i], bars.high()[i], bars.low()[i], bars.close()[i], bars.volume()[i]);
                        for (int j = 0; j < k; j++) {
                            sink += s.value(j);
                        }
                    }
                    long allocated = mx.getCurrentThreadAllocatedBytes() - before;
                    // 20,000 bars: anything per bar would be hundreds of kilobytes
                    assertThat(allocated).as("%s bytes allocated while streaming 20,000 bars (sink %s)", d.type(), sink)
                            .isLessThan(4096);
                }));
    }

    @Test
    void theContractCoversTheWholeCatalogueIncludingUserDefinitions() {
        List<String> types = IndicatorCatalog.standard().types();
        assertThat(types).contains("midrange", "sma", "zigzag", "pivotpoints", "fibonacci");
        assertThat(IndicatorCatalog.builtins().definitions()).hasSizeGreaterThanOrEqualTo(33);
        assertThat(IndicatorCatalog.builtins().definitions().stream().map(IndicatorDefinition::category).distinct())
                .contains(Category.TREND, Category.MOMENTUM, Category.VOLATILITY, Category.VOLUME,
                        Category.SUPPORT_RESISTANCE, Category.PRICE_CONTEXT);
    }

    private static void checkContract(IndicatorDefinition d) {
        checkAt(d, defaults(d), TestBars.random(42, 300));
        qt().withExamples(25).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Map<String, Object> params = randomParams(d, r);
            Indicator ind;
            try {
                ind = IndicatorCatalog.standard().configure(new IndicatorSpec("x", d.type(), params));
            } catch (ConfigurationException e) {
                // parameters that are valid one by one but inconsistent together (fast >= slow) are refused
                assertThat(e.path()).startsWith("indicators.x");
                return;
            }
            int n = 1 + r.nextInt(400);
            checkAt(d, ind, TestBars.random(seed, n), r);
        });
    }

    private static Indicator defaults(IndicatorDefinition d) {
        return IndicatorCatalog.standard().configure(IndicatorSpec.of("x", d.type()));
    }

    private static void checkAt(IndicatorDefinition d, Indicator ind, Ohlcv bars) {
        checkAt(d, ind, bars, new SplittableRandom(7));
    }

    private static void checkAt(IndicatorDefinition d, Indicator ind, Ohlcv bars, SplittableRandom r) {
        int n = bars.size();
        double[][] out = ind.compute(bars);
        assertThat(out.length).as("%s outputs", d.type()).isEqualTo(ind.outputs().size());
        for (int j = 0; j < out.length; j++) {
            String what = d.type() + "." + ind.outputs().get(j).name() + " " + ind;
            assertThat(out[j]).as("%s length", what).hasSize(n);
            int lb = d.labellingOnlyReason() != null ? 0 : ind.lookback(j);
            OutputSpec spec = ind.outputs().get(j);
            for (int i = 0; i < n; i++) {
                double v = out[j][i];
                if (i < lb) {
                    assertThat(Double.isNaN(v)).as("%s: NaN expected at %d < lookback %d, got %s", what, i, lb, v).isTrue();
                } else {
                    assertThat(Double.isFinite(v)).as("%s: finite expected at %d >= lookback %d, got %s", what, i, lb, v)
                            .isTrue();
                    assertThat(v).as("%s bound at %d: %s", what, i, v).isBetween(spec.lower(), spec.upper());
                }
            }
        }
        if (d.labellingOnlyReason() != null) {
            assertThatThrownBy(ind::newStream).hasMessageContaining("look-ahead");
            assertThatThrownBy(() -> new CatalogIndicatorEngine().configure(List.of(IndicatorSpec.of("z", d.type()))))
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("cannot be a model input");
            return;
        }
        // streaming equals batch
        IndicatorStream s = ind.newStream();
        for (int i = 0; i < n; i++) {
            s.update(bars.open()[i], bars.high()[i], bars.low()[i], bars.close()[i], bars.volume()[i]);
            for (int j = 0; j < out.length; j++) {
                double a = s.value(j);
                double b = out[j][i];
                assertClose(a, b, STREAM_TOLERANCE, d.type() + " stream vs batch, output " + j + " bar " + i);
            }
        }
        // prefix invariance on random prefixes
        for (int k = 0; k < 3 && n > 0; k++) {
            int t = 1 + r.nextInt(n);
            double[][] pre = ind.compute(bars.slice(0, t));
            for (int j = 0; j < out.length; j++) {
                for (int i = 0; i < t; i++) {
                    assertClose(pre[j][i], out[j][i], 0.0, d.type() + " prefix " + t + " output " + j + " bar " + i);
                }
            }
        }
    }

    static void assertClose(double actual, double expected, double rel, String what) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            assertThat(Double.isNaN(actual) && Double.isNaN(expected)).as("%s: %s vs %s", what, actual, expected).isTrue();
            return;
        }
        double tol = rel * Math.max(Math.abs(actual), Math.abs(expected));
        assertThat(Math.abs(actual - expected)).as("%s: %s vs %s", what, actual, expected).isLessThanOrEqualTo(tol);
    }

    /** Random valid values for every parameter; integers kept small enough for short series. */
    static Map<String, Object> randomParams(IndicatorDefinition d, SplittableRandom r) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (ParamSpec s : d.parameters()) {
            switch (s.kind()) {
                case INT: {
                    int lo = (int) s.min();
                    int hi = (int) Math.min(s.max(), Math.max(lo, 60));
                    p.put(s.name(), lo + r.nextInt(hi - lo + 1));
                    break;
                }
                case REAL: {
                    double v;
                    do {
                        v = s.min() + r.nextDouble() * (s.max() - s.min());
                    } while (!s.inRange(v));
                    p.put(s.name(), v);
                    break;
                }
                case BOOL:
                    p.put(s.name(), r.nextBoolean());
                    break;
                default: {
                    List<String> c = new ArrayList<>(s.choices());
                    p.put(s.name(), c.get(r.nextInt(c.size())));
                }
            }
        }
        return p;
    }
}
