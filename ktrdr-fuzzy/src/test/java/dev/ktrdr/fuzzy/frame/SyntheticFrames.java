package dev.ktrdr.fuzzy.frame;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.IndicatorSpec;
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
import dev.ktrdr.fuzzy.Yaml;
import dev.ktrdr.indicators.CatalogIndicatorEngine;
import dev.ktrdr.indicators.IndicatorSpecs;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test fixtures: synthetic multi-timeframe bars and a builder over the real engines. */
final class SyntheticFrames {
    static final String STRATEGY = """
            indicators:
              rsi_14: {type: rsi, period: 14}
              macd_12_26_9: {type: macd, fast_period: 12, slow_period: 26, signal_period: 9}
              sma_20: {type: sma, period: 20}
            fuzzy_sets:
              rsi_14:
                indicator: rsi_14
                oversold: [0, 25, 40]
                neutral: {type: triangular, parameters: [30, 50, 70]}
                overbought: {type: right_shoulder, parameters: [60, 75]}
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
                above: [1.0, 1.03, 1.1]
              rsi_z:
                indicator: rsi_14
                input_transform: {type: zscore, window: 30}
                low: {type: sigmoid, parameters: [-1, -3]}
                high: {type: bell, parameters: [1, 2, 2]}
            nn_inputs:
              - fuzzy_set: rsi_14
                timeframes: all
              - fuzzy_set: macd_hist
                timeframes: all
              - fuzzy_set: sma_20
                timeframes: ["1h", "4h"]
              - fuzzy_set: rsi_z
                timeframes: ["1d"]
            """;

    private SyntheticFrames() {
    }

    static MultiTimeframeBars bars(int symbolIndex, int hourlyBars, long seed) {
        SyntheticMarket.SymbolSpec spec = SyntheticMarket.defaultUniverse().get(symbolIndex);
        SyntheticMarket.Config cfg = SyntheticMarket.Config.of(List.of(spec), Timeframe.H1,
                Instant.parse("2020-01-06T00:00:00Z"), hourlyBars, seed);
        BarSeries h1 = SyntheticMarket.generate(cfg).get(spec.symbol());
        SymbolInfo info = SyntheticMarket.infos(List.of(spec)).get(0);
        CalendarResampler resampler = new CalendarResampler(Calendars.byId(info.calendarId()));
        Map<Timeframe, BarSeries> series = new LinkedHashMap<>();
        series.put(Timeframe.H1, h1);
        series.put(Timeframe.H4, resampler.resample(h1, Timeframe.H4, false).series());
        series.put(Timeframe.D1, resampler.resample(h1, Timeframe.D1, false).series());
        return new MultiTimeframeBars(info, Timeframe.H1, series);
    }

    static MultiTimeframeFeatureBuilder builder() {
        Map<String, Object> doc = Yaml.parse(STRATEGY);
        List<IndicatorSpec> indicators = IndicatorSpecs.fromSection(doc.get("indicators"));
        FeatureFrameConfig cfg = FeatureFrameConfig.fromStrategy(doc, indicators,
                Optional.of(List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1)), Optional.of(Timeframe.H1),
                StalenessPolicy.DROP_ROW);
        return new MultiTimeframeFeatureBuilder(cfg, new CatalogIndicatorEngine(), new BatchFuzzyEngine(),
                new LookaheadFreeAligner(), info -> Optional.of(Calendars.byId(info.calendarId())));
    }

    static MultiTimeframeBars knownAt(MultiTimeframeBars bars, long instant) {
        Map<Timeframe, BarSeries> series = new LinkedHashMap<>();
        bars.series().forEach((tf, s) -> series.put(tf, s.knownAt(instant)));
        return new MultiTimeframeBars(bars.info(), bars.base(), series);
    }

    static Symbol symbol(int index) {
        return SyntheticMarket.defaultUniverse().get(index).symbol();
    }
}
