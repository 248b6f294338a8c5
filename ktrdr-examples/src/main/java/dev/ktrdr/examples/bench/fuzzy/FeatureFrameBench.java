package dev.ktrdr.examples.bench.fuzzy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.StalenessPolicy;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CalendarResampler;
import dev.ktrdr.data.LookaheadFreeAligner;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.fuzzy.BatchFuzzyEngine;
import dev.ktrdr.fuzzy.frame.FeatureFrameConfig;
import dev.ktrdr.fuzzy.frame.MultiTimeframeFeatureBuilder;
import dev.ktrdr.indicators.CatalogIndicatorEngine;
import dev.ktrdr.indicators.IndicatorSpecs;
import dev.ktrdr.training.strategy.StrategyYaml;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Multi-timeframe fuzzy feature frames with the {@code mtf_single.yaml} strategy (RSI, MACD, SMA, ATR;
 * 3 fuzzy sets, 24 features on 1h/4h/1d): bars to features for one symbol with 40,000 1h bars
 * ({@code oneSymbol}: from the 1h/4h/1d series; {@code oneSymbolFromHourly}: including resampling 1h
 * to 4h and 1d), and ten such symbols built in parallel on the common fork-join pool
 * ({@code tenSymbols}). Synthetic data (seeded): the six-symbol demo universe plus generated ones,
 * forex, crypto and US-equity calendars.
 *
 * <p>Run: {@code java -cp ktrdr-examples/target/ktrdr.jar org.openjdk.jmh.Main FeatureFrameBench -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Threads(1)
public class FeatureFrameBench {
    static final int BARS = 40_000;
    static final String STRATEGY = """
            indicators:
              rsi_14: {type: rsi, period: 14, source: close}
              macd_12_26_9: {type: macd, fast_period: 12, slow_period: 26, signal_period: 9}
              sma_20: {type: sma, period: 20}
              atr_14: {type: atr, period: 14}
            fuzzy_sets:
              rsi_14:
                indicator: rsi_14
                oversold: [0, 25, 40]
                neutral: {type: triangular, parameters: [30, 50, 70]}
                overbought: {type: triangular, parameters: [60, 75, 100]}
              macd_hist:
                indicator: macd_12_26_9.histogram
                input_transform: {type: percent_of_price}
                bearish: {type: trapezoidal, parameters: [-5, -2, -0.2, 0]}
                neutral: {type: gaussian, parameters: [0, 0.1]}
                bullish: {type: trapezoidal, parameters: [0, 0.2, 2, 5]}
              sma_20:
                indicator: sma_20
                input_transform: {type: price_ratio}
                below: [0.9, 0.97, 1.0]
                near: [0.98, 1.0, 1.02]
                above: [1.0, 1.03, 1.1]
            nn_inputs:
              - fuzzy_set: rsi_14
                timeframes: all
              - fuzzy_set: macd_hist
                timeframes: all
              - fuzzy_set: sma_20
                timeframes: ["1h", "4h"]
            training_data:
              timeframes: {list: ["1h", "4h", "1d"], base_timeframe: "1h"}
            """;

    private MultiTimeframeFeatureBuilder builder;
    private List<MultiTimeframeBars> symbols;
    private BarSeries hourly;
    private SymbolInfo hourlyInfo;

    /** Generates the symbols and configures the builder. */
    @Setup
    public void setup() throws Exception {
        Map<String, Object> doc = StrategyYaml.parse(STRATEGY, "FeatureFrameBench");
        FeatureFrameConfig cfg = FeatureFrameConfig.fromStrategy(doc, IndicatorSpecs.fromSection(doc.get("indicators")),
                Optional.empty(), Optional.empty(), StalenessPolicy.DROP_ROW);
        builder = new MultiTimeframeFeatureBuilder(cfg, new CatalogIndicatorEngine(), new BatchFuzzyEngine(),
                new LookaheadFreeAligner(), info -> Optional.of(Calendars.byId(info.calendarId())));
        List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.universe(10);
        SyntheticMarket.Config config = SyntheticMarket.Config.of(specs, Timeframe.H1,
                Instant.parse("2015-01-05T00:00:00Z"), BARS, 42);
        Map<Symbol, BarSeries> generated = SyntheticMarket.generate(config);
        List<SymbolInfo> infos = SyntheticMarket.infos(specs);
        symbols = new ArrayList<>();
        for (SymbolInfo info : infos) {
            symbols.add(resampled(info, generated.get(info.symbol())));
        }
        // the first crypto symbol (24/7) is the single-symbol case
        int crypto = 2;
        hourly = generated.get(infos.get(crypto).symbol());
        hourlyInfo = infos.get(crypto);
        FeatureMatrix m = builder.build(symbols.get(crypto));
        if (m.rows() < BARS * 9 / 10) {
            throw new IllegalStateException("unexpectedly few rows: " + m);
        }
    }

    private static MultiTimeframeBars resampled(SymbolInfo info, BarSeries h1) {
        CalendarResampler r = new CalendarResampler(Calendars.byId(info.calendarId()));
        Map<Timeframe, BarSeries> series = new LinkedHashMap<>();
        series.put(Timeframe.H1, h1);
        series.put(Timeframe.H4, r.resample(h1, Timeframe.H4, false).series());
        series.put(Timeframe.D1, r.resample(h1, Timeframe.D1, false).series());
        return new MultiTimeframeBars(info, Timeframe.H1, series);
    }

    /** @return the features of one symbol, 40k 1h bars, from its 1h/4h/1d series */
    @Benchmark
    public FeatureMatrix oneSymbol() {
        return builder.build(symbols.get(2));
    }

    /** @return the features of one symbol, 40k 1h bars, including resampling to 4h and 1d */
    @Benchmark
    public FeatureMatrix oneSymbolFromHourly() {
        return builder.build(resampled(hourlyInfo, hourly));
    }

    /** @return the features of ten symbols of 40k 1h bars each, built in parallel */
    @Benchmark
    public List<FeatureMatrix> tenSymbols() {
        return symbols.parallelStream().map(builder::build).toList();
    }
}
