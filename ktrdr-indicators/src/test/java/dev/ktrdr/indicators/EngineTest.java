package dev.ktrdr.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ColumnFrame;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.IndicatorSpec;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.indicators.kernels.Ema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The engine over strategy files as users have them, and the errors a new user meets. */
class EngineTest {
    private static final Path STRATEGIES = Path.of("..", "..", "shared", "strategies");
    private final CatalogIndicatorEngine engine = new CatalogIndicatorEngine();

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(String text) {
        try {
            return new ObjectMapper(new YAMLFactory()).readValue(text, Map.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, Object> strategy(String file) throws IOException {
        Path p = STRATEGIES.resolve(file);
        if (!Files.exists(p)) {
            p = Path.of("/work/shared/strategies").resolve(file);
        }
        Assumptions.assumeTrue(Files.exists(p), "strategy files not found");
        return yaml(Files.readString(p));
    }

    static BarSeries series(Ohlcv b) {
        long[] t = new long[b.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = 1_600_000_000_000L + i * 3_600_000L;
        }
        return BarSeries.ofOpenTimes(Symbol.of("TEST"), Timeframe.H1, t, b.open(), b.high(), b.low(), b.close(),
                b.volume());
    }

    @ParameterizedTest
    @CsvSource({"mtf_single.yaml,EURUSD_1h", "universal_multi.yaml,BTCUSDT_1h", "legacy_v2.yaml,AAPL_1h"})
    @SuppressWarnings("unchecked")
    void strategyFilesComputeTheirIndicatorsUnchanged(String file, String market) throws IOException {
        Map<String, Object> doc = strategy(file);
        List<IndicatorSpec> specs = IndicatorSpecs.fromSection(doc.get("indicators"));
        assertThat(specs).isNotEmpty();
        Ohlcv bars = TestBars.market(market);
        ColumnFrame frame = engine.compute(series(bars), specs);
        assertThat(frame.rows()).isEqualTo(bars.size());
        // every indicator the fuzzy sets refer to is a column (current layout: 'indicator:', older: the key)
        Map<String, Object> fuzzy = (Map<String, Object>) doc.get("fuzzy_sets");
        for (Map.Entry<String, Object> e : fuzzy.entrySet()) {
            Object ref = ((Map<String, Object>) e.getValue()).get("indicator");
            String column = ref == null ? e.getKey() : (String) ref;
            assertThat(frame.has(column)).as("column %s for fuzzy set %s in %s", column, e.getKey(), file).isTrue();
            int lb = frame.lookback(column);
            double[] col = frame.column(column);
            assertThat(Double.isNaN(col[lb - 1 < 0 ? 0 : lb - 1]) || lb == 0).isTrue();
            for (int i = lb; i < col.length; i++) {
                assertThat(Double.isFinite(col[i])).as("%s at %d", column, i).isTrue();
            }
        }
        // each column equals the indicator computed on its own (parallel and sequential paths agree)
        for (IndicatorSpec s : specs) {
            Indicator ind = IndicatorCatalog.standard().configure(s);
            double[][] own = ind.compute(bars);
            assertThat(java.util.Arrays.equals(frame.column(s.id()), own[0])).as(s.id()).isTrue();
            if (own.length > 1) {
                for (int j = 0; j < own.length; j++) {
                    String name = s.id() + "." + ind.outputNames().get(j);
                    assertThat(java.util.Arrays.equals(frame.column(name), own[j])).as(name).isTrue();
                }
            }
        }
    }

    @Test
    void bothLayoutsGiveTheSameSpecs() {
        List<IndicatorSpec> map = IndicatorSpecs.fromSection(yaml("indicators:\n  rsi: {type: rsi, period: 14}\n")
                .get("indicators"));
        List<IndicatorSpec> list = IndicatorSpecs.fromSection(yaml("indicators:\n  - name: rsi\n    period: 14\n")
                .get("indicators"));
        assertThat(map).isEqualTo(list);
        assertThat(list.get(0)).isEqualTo(new IndicatorSpec("rsi", "rsi", Map.of("period", 14)));
    }

    private ConfigurationException error(String indicatorsYaml) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> engine.compute(series(TestBars.random(1, 50)),
                IndicatorSpecs.fromSection(yaml(indicatorsYaml).get("indicators"))));
        assertThat(t).isInstanceOf(ConfigurationException.class);
        return (ConfigurationException) t;
    }

    @Test
    void parameterOutOfRangeNamesIdParameterValueAndRange() {
        ConfigurationException e = error("indicators:\n  rsi_14: {type: rsi, period: 1000}\n");
        assertThat(e.path()).isEqualTo("indicators.rsi_14.period");
        assertThat(e.getMessage()).contains("rsi_14", "period", "1000", "[2, 100]");
        ConfigurationException m = error("indicators:\n  bb: {type: bbands, multiplier: 0}\n");
        assertThat(m.path()).isEqualTo("indicators.bb.multiplier");
        assertThat(m.getMessage()).contains("bb", "multiplier", "0", "(0, 10]");
        ConfigurationException legacy = error("indicators:\n  - name: sma\n    period: 1\n");
        assertThat(legacy.path()).isEqualTo("indicators.sma.period");
        assertThat(legacy.getMessage()).contains("[2, 500]");
    }

    @Test
    void unknownTypeListsTheValidTypes() {
        ConfigurationException e = error("indicators:\n  x: {type: quantum, period: 14}\n");
        assertThat(e.path()).isEqualTo("indicators.x.type");
        assertThat(e.getMessage()).contains("unknown indicator type 'quantum'", "rsi", "macd", "bollingerbands", "zigzag");
    }

    @Test
    void aTypoOfATypeSuggestsTheNearestOne() {
        ConfigurationException e = error("indicators:\n  x: {type: rsii, period: 14}\n");
        assertThat(e.path()).isEqualTo("indicators.x.type");
        assertThat(e.getMessage()).endsWith("unknown indicator type 'rsii' for indicator 'x'; did you mean 'rsi'? "
                + "('ktrdr indicators list' shows every type)");
        assertThat(IndicatorCatalog.standard().suggest("Bolinger_Bands")).isEqualTo("bollingerbands");
        assertThat(IndicatorCatalog.standard().suggest("quantum")).isNull();
    }

    @Test
    void badParameterNamesAndKindsAreReported() {
        assertThat(error("indicators:\n  r: {type: rsi, peroid: 14}\n").getMessage()).contains("peroid", "period");
        assertThat(error("indicators:\n  r: {type: rsi, period: 14.5}\n").getMessage()).contains("14.5", "whole number");
        assertThat(error("indicators:\n  r: {type: rsi, period: fourteen}\n").getMessage()).contains("fourteen", "not a number");
        assertThat(error("indicators:\n  r: {type: rsi, source: typical}\n").getMessage()).contains("typical", "close|open");
        assertThat(error("indicators:\n  m: {type: macd, fast_period: 30, slow_period: 26}\n").getMessage())
                .contains("m", "fast_period 30 must be less than slow_period 26");
        assertThat(error("indicators:\n  r: {period: 14}\n").path()).isEqualTo("indicators.r.type");
    }

    @Test
    void zigzagIsRefusedAsAModelInputWithTheReason() {
        ConfigurationException e = error("indicators:\n  zz: {type: zigzag, threshold: 0.05}\n");
        assertThat(e.path()).isEqualTo("indicators.zz.type");
        assertThat(e.getMessage()).contains("cannot be a model input", "last leg is revised", "look-ahead");
    }

    @Test
    void aBadSpecChangesNothingAndComputesNothing() {
        List<IndicatorSpec> specs = new ArrayList<>();
        specs.add(IndicatorSpec.of("ok", "sma"));
        specs.add(new IndicatorSpec("bad", "rsi", Map.of("period", 0)));
        assertThatThrownBy(() -> engine.configure(specs)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("indicators.bad.period");
    }

    @Test
    void multiOutputColumnsAreNamedIdDotOutputAndBareIdIsTheFirst() {
        ColumnFrame f = engine.compute(series(TestBars.random(3, 200)),
                IndicatorSpecs.fromSection(yaml("indicators:\n  macd_12_26_9: {type: macd}\n  r: {type: rsi}\n").get("indicators")));
        assertThat(f.names()).containsExactly("macd_12_26_9", "macd_12_26_9.line", "macd_12_26_9.signal",
                "macd_12_26_9.histogram", "r");
        assertThat(f.column("macd_12_26_9")).containsExactly(f.column("macd_12_26_9.line"));
        assertThat(f.lookback("macd_12_26_9.histogram")).isEqualTo(33);
        assertThat(f.lookback("r")).isEqualTo(14);
    }

    @Test
    void aUserIndicatorRegisteredAtRunTimeWorksInStrategyFilesAndTheEngine() {
        IndicatorDefinition def = IndicatorDefinition.of("emaslope", List.of("ema_slope"), Category.TREND,
                "change of the TA-Lib EMA over one bar", List.of(ParamSpec.integer("period", 10, 2, 100, "EMA span")),
                p -> new Indicator(List.of(OutputSpec.of("emaslope")), p.integer("period")) {
                    @Override
                    public IndicatorStream newStream() {
                        int n = p.integer("period");
                        return new IndicatorStream() {
                            private final Ema ema = Ema.standard(n);
                            private double prev = Double.NaN;
                            private double out = Double.NaN;

                            @Override
                            public void update(double o, double h, double l, double c, double v) {
                                double e = ema.add(c);
                                out = e - prev;
                                prev = e;
                            }

                            @Override
                            public double value(int output) {
                                return out;
                            }
                        };
                    }
                });
        if (IndicatorCatalog.standard().find("emaslope") == null) {
            IndicatorCatalog.standard().register(def);
        }
        ColumnFrame f = engine.compute(series(TestBars.random(5, 100)),
                IndicatorSpecs.fromSection(yaml("indicators:\n  s: {type: ema_slope, period: 5}\n").get("indicators")));
        assertThat(f.lookback("s")).isEqualTo(5);
        assertThat(Double.isFinite(f.value("s", 5))).isTrue();
        assertThat(error("indicators:\n  s: {type: emaslope, period: 1}\n").getMessage()).contains("[2, 100]");
        // the service-loaded user indicator from META-INF/services works the same way
        ColumnFrame m = engine.compute(series(TestBars.random(5, 100)),
                IndicatorSpecs.fromSection(yaml("indicators:\n  - name: midrange\n    period: 3\n").get("indicators")));
        assertThat(m.lookback("midrange")).isEqualTo(2);
        assertThatThrownBy(() -> IndicatorCatalog.standard().register(IndicatorDefinition.of("rsi", List.of(),
                Category.MOMENTUM, "", List.of(), p -> null))).hasMessageContaining("already taken");
    }

    @Test
    void sectionShapeErrorsNameThePath() {
        assertThatThrownBy(() -> IndicatorSpecs.fromSection("rsi")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("indicators");
        assertThatThrownBy(() -> IndicatorSpecs.fromSection(List.of(Map.of("period", 3))))
                .hasMessageContaining("indicators[0].name");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("r", "rsi");
        assertThatThrownBy(() -> IndicatorSpecs.fromSection(m)).hasMessageContaining("indicators.r");
        assertThatThrownBy(() -> IndicatorSpecs.fromSection(List.of(Map.of("name", "rsi"), Map.of("name", "rsi"))))
                .hasMessageContaining("appears twice");
    }
}
