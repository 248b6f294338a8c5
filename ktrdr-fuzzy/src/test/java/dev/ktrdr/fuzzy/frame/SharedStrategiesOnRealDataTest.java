package dev.ktrdr.fuzzy.frame;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.StalenessPolicy;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.testing.MarketData;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.MissingTimeframePolicy;
import dev.ktrdr.data.MultiTimeframeLoader;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.fuzzy.BatchFuzzyEngine;
import dev.ktrdr.fuzzy.Yaml;
import dev.ktrdr.data.LookaheadFreeAligner;
import dev.ktrdr.indicators.CatalogIndicatorEngine;
import dev.ktrdr.indicators.IndicatorSpecs;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The three shared strategy files produce the expected feature columns on real market data. */
class SharedStrategiesOnRealDataTest {
    private static Path data;

    @BeforeAll
    static void needsData() {
        data = MarketData.folder();
    }

    private static FeatureMatrix build(String strategyFile, String symbol) {
        Map<String, Object> doc = Yaml.read(Yaml.strategies().resolve(strategyFile));
        FeatureFrameConfig cfg = FeatureFrameConfig.fromStrategy(doc, IndicatorSpecs.fromSection(doc.get("indicators")),
                Optional.empty(), Optional.empty(), StalenessPolicy.DROP_ROW);
        MultiTimeframeFeatureBuilder b = new MultiTimeframeFeatureBuilder(cfg, new CatalogIndicatorEngine(),
                new BatchFuzzyEngine(), new LookaheadFreeAligner(), info -> Optional.of(Calendars.byId(info.calendarId())));
        var loaded = new MultiTimeframeLoader(new DataFolder(data)).load(Symbol.of(symbol), cfg.timeframes(), cfg.base(),
                MissingTimeframePolicy.FAIL);
        FeatureMatrix m = b.build(loaded.bars());
        assertThat(m.spec()).isEqualTo(cfg.featureSpec());
        assertThat(m.rows()).as("%s %s rows", strategyFile, symbol).isGreaterThan(1000);
        for (double v : m.values()) {
            assertThat(v).isBetween(0.0, 1.0);
        }
        return m;
    }

    @Test
    void mtfSingleOnEurusd() {
        List<String> per = List.of("rsi_14_oversold", "rsi_14_neutral", "rsi_14_overbought",
                "macd_hist_bearish", "macd_hist_neutral", "macd_hist_bullish");
        List<String> sma = List.of("sma_20_below", "sma_20_near", "sma_20_above");
        FeatureMatrix m = build("mtf_single.yaml", "EURUSD");
        assertThat(m.spec().names()).containsExactlyElementsOf(concat(
                prefix("1h", per), prefix("1h", sma), prefix("4h", per), prefix("4h", sma), prefix("1d", per)));
    }

    @Test
    void universalMultiOnAnEquityAndACryptoSymbol() {
        List<String> rsi = List.of("rsi_14_oversold", "rsi_14_neutral", "rsi_14_overbought");
        List<String> stoch = List.of("stoch_k_low", "stoch_k_high");
        List<String> bb = List.of("bb_position_below", "bb_position_above");
        List<String> trend = List.of("trend_strength_weak", "trend_strength_strong");
        List<String> dist = List.of("distance_far_below", "distance_near", "distance_far_above");
        List<String> expected = concat(prefix("1h", rsi), prefix("1h", stoch), prefix("1h", bb), prefix("1h", dist),
                prefix("4h", rsi), prefix("4h", stoch), prefix("4h", bb), prefix("4h", trend),
                prefix("1d", rsi), prefix("1d", stoch), prefix("1d", bb), prefix("1d", trend), prefix("1d", dist));
        assertThat(build("universal_multi.yaml", "AAPL").spec().names()).containsExactlyElementsOf(expected);
        assertThat(build("universal_multi.yaml", "BTCUSDT").spec().names()).containsExactlyElementsOf(expected);
    }

    @Test
    void legacyLayoutOnAapl() {
        assertThat(build("legacy_v2.yaml", "AAPL").spec().names()).containsExactly(
                "1h_rsi_oversold", "1h_rsi_neutral", "1h_rsi_overbought",
                "1h_macd_negative", "1h_macd_neutral", "1h_macd_positive",
                "1h_sma_below", "1h_sma_neutral", "1h_sma_above");
    }

    private static List<String> prefix(String tf, List<String> names) {
        return names.stream().map(n -> tf + "_" + n).toList();
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new java.util.ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return List.copyOf(all);
    }
}
