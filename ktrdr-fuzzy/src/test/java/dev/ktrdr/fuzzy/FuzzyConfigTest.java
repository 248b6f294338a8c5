package dev.ktrdr.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FuzzySetSpec;
import dev.ktrdr.api.InputTransform;
import dev.ktrdr.api.MembershipSpec;
import dev.ktrdr.api.Timeframe;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class FuzzyConfigTest {

    private static List<FuzzySetSpec> sets(String yaml) {
        return FuzzyConfig.parseFuzzySets(Yaml.parse(yaml).get("fuzzy_sets"));
    }

    @Test
    void currentLayoutReadsIndicatorTransformAndMembershipsInFileOrder() {
        List<FuzzySetSpec> s = sets("""
                fuzzy_sets:
                  macd_hist:
                    indicator: macd_12_26_9.histogram
                    input_transform: {type: percent_of_price}
                    bullish: {type: trapezoidal, parameters: [0, 0.2, 2, 5]}
                    bearish: {type: trapezoidal, parameters: [-5, -2, -0.2, 0]}
                    neutral: {type: gaussian, parameters: [0, 0.1]}
                  rsi_14:
                    indicator: rsi_14
                    zeta: [60, 75, 100]
                    alpha: [0, 25, 40]
                """);
        assertThat(s).extracting(FuzzySetSpec::id).containsExactly("macd_hist", "rsi_14");
        FuzzySetSpec macd = s.get(0);
        assertThat(macd.indicator()).isEqualTo("macd_12_26_9.histogram");
        assertThat(macd.transform()).isEqualTo(new InputTransform(InputTransform.Kind.PERCENT_OF_PRICE, 0));
        assertThat(macd.memberships()).extracting(MembershipSpec::name).containsExactly("bullish", "bearish", "neutral");
        assertThat(macd.memberships().get(2)).isEqualTo(new MembershipSpec("neutral", "gaussian", new double[] {0, 0.1}));
        assertThat(s.get(1).memberships()).containsExactly(
                new MembershipSpec("zeta", "triangular", new double[] {60, 75, 100}),
                new MembershipSpec("alpha", "triangular", new double[] {0, 25, 40}));
        assertThat(s.get(1).transform()).isEqualTo(InputTransform.NONE);
    }

    @Test
    void olderLayoutIsKeyedByIndicatorName() {
        List<FuzzySetSpec> s = sets("""
                fuzzy_sets:
                  rsi:
                    oversold: {type: triangular, parameters: [0, 20, 35]}
                  sma:
                    input_transform: {type: price_ratio}
                    below: {type: triangular, parameters: [0.85, 0.95, 1.0]}
                """);
        assertThat(s.get(0).indicator()).isEqualTo("rsi");
        assertThat(s.get(1).indicator()).isEqualTo("sma");
        assertThat(s.get(1).transform().kind()).isEqualTo(InputTransform.Kind.PRICE_RATIO);
    }

    @Test
    void zscoreNeedsAWindow() {
        List<FuzzySetSpec> s = sets("""
                fuzzy_sets:
                  vol:
                    indicator: atr_14
                    input_transform: {type: zscore, window: 50}
                    low: {type: left_shoulder, parameters: [-1, 0]}
                """);
        assertThat(s.get(0).transform()).isEqualTo(new InputTransform(InputTransform.Kind.ZSCORE, 50));
        assertThatThrownBy(() -> sets("""
                fuzzy_sets:
                  vol:
                    indicator: atr_14
                    input_transform: {type: zscore}
                    low: [0, 1, 2]
                """)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("fuzzy_sets.vol.input_transform.window").hasMessageContaining("[2, 100000]");
        assertThatThrownBy(() -> sets("""
                fuzzy_sets:
                  vol:
                    indicator: atr_14
                    input_transform: {type: zscore, window: 1}
                    low: [0, 1, 2]
                """)).hasMessageContaining("window 1 is not in [2, 100000]");
        assertThatThrownBy(() -> sets("""
                fuzzy_sets:
                  vol:
                    indicator: atr_14
                    input_transform: {type: log_ratio}
                    low: [0, 1, 2]
                """)).hasMessageContaining("fuzzy_sets.vol.input_transform.type").hasMessageContaining("log_ratio");
    }

    @Test
    void badMembershipsNameSetMembershipAndValues() {
        assertThatThrownBy(() -> sets("""
                fuzzy_sets:
                  rsi_14:
                    indicator: rsi_14
                    oversold: [40, 25, 0]
                """)).isInstanceOf(ConfigurationException.class)
                .extracting(e -> ((ConfigurationException) e).path()).isEqualTo("fuzzy_sets.rsi_14.oversold");
        assertThatThrownBy(() -> sets("""
                fuzzy_sets:
                  rsi_14:
                    indicator: rsi_14
                    oversold: {type: triangular, parameters: [0, "a", 3]}
                """)).hasMessageContaining("fuzzy_sets.rsi_14.oversold.parameters[1]").hasMessageContaining("'a'");
        assertThatThrownBy(() -> sets("""
                fuzzy_sets:
                  rsi_14:
                    indicator: rsi_14
                    oversold: {type: triangular, params: [0, 1, 3]}
                """)).hasMessageContaining("fuzzy_sets.rsi_14.oversold.params").hasMessageContaining("unknown key");
        assertThatThrownBy(() -> sets("""
                fuzzy_sets:
                  rsi_14:
                    indicator: rsi_14
                """)).hasMessageContaining("fuzzy_sets.rsi_14").hasMessageContaining("no memberships");
        assertThatThrownBy(() -> sets("""
                fuzzy_sets:
                  rsi_14:
                    indicator: rsi_14
                    oversold: 3
                """)).hasMessageContaining("fuzzy_sets.rsi_14.oversold");
        assertThatThrownBy(() -> FuzzyConfig.parseFuzzySets(List.of())).hasMessageContaining("fuzzy_sets");
    }

    @Test
    void twoSetsProducingTheSameColumnAreRefused() {
        assertThatThrownBy(() -> sets("""
                fuzzy_sets:
                  a:
                    indicator: x
                    b_c: [0, 1, 2]
                  a_b:
                    indicator: y
                    c: [0, 1, 2]
                """)).hasMessageContaining("column 'a_b_c'");
    }

    @Test
    void nnInputsSelectSetsPerTimeframe() {
        Map<String, Object> doc = Yaml.parse("""
                fuzzy_sets:
                  rsi_14: {indicator: rsi_14, low: [0, 20, 40]}
                  sma_20: {indicator: sma_20, below: [0.9, 0.97, 1.0]}
                  adx: {indicator: adx_14, weak: [0, 10, 20]}
                nn_inputs:
                  - fuzzy_set: adx
                    timeframes: ["4h"]
                  - fuzzy_set: rsi_14
                    timeframes: all
                """);
        List<FuzzySetSpec> sets = FuzzyConfig.parseFuzzySets(doc.get("fuzzy_sets"));
        NnInputs nn = NnInputs.parse(doc.get("nn_inputs"));
        nn.validate(sets, List.of(Timeframe.H1, Timeframe.H4));
        assertThat(nn.setsOn(Timeframe.H1, sets)).extracting(FuzzySetSpec::id).containsExactly("rsi_14");
        assertThat(nn.setsOn(Timeframe.H4, sets)).extracting(FuzzySetSpec::id).containsExactly("adx", "rsi_14");
        assertThat(NnInputs.parse(null).setsOn(Timeframe.H4, sets)).extracting(FuzzySetSpec::id)
                .containsExactly("rsi_14", "sma_20", "adx");
        assertThatThrownBy(() -> nn.validate(sets, List.of(Timeframe.H1)))
                .hasMessageContaining("nn_inputs[0].timeframes").hasMessageContaining("4h");
        assertThatThrownBy(() -> NnInputs.parse(Yaml.parse("x: [{fuzzy_set: nope}]").get("x")).validate(sets, List.of()))
                .hasMessageContaining("nn_inputs[0].fuzzy_set").hasMessageContaining("nope");
        assertThatThrownBy(() -> NnInputs.parse(Yaml.parse("x: [{fuzzy_set: a}, {fuzzy_set: a}]").get("x")))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> NnInputs.parse(Yaml.parse("x: [{fuzzy_set: a, timeframes: [2h, 7x]}]").get("x")))
                .hasMessageContaining("nn_inputs[0].timeframes[1]").hasMessageContaining("7x");
    }

    @Test
    void theSharedStrategyFilesParse() {
        Assumptions.assumeTrue(Files.isDirectory(Yaml.strategies()), "shared strategies folder not found");
        Map<String, Object> mtf = Yaml.read(Yaml.strategies().resolve("mtf_single.yaml"));
        List<FuzzySetSpec> s = FuzzyConfig.parseFuzzySets(mtf.get("fuzzy_sets"));
        assertThat(s).extracting(FuzzySetSpec::indicator).containsExactly("rsi_14", "macd_12_26_9.histogram", "sma_20");
        assertThat(NnInputs.parse(mtf.get("nn_inputs")).entries()).hasSize(3);

        Map<String, Object> uni = Yaml.read(Yaml.strategies().resolve("universal_multi.yaml"));
        assertThat(FuzzyConfig.parseFuzzySets(uni.get("fuzzy_sets"))).extracting(FuzzySetSpec::indicator)
                .containsExactly("rsi_14", "stoch.k", "bb.middle", "adx_14.adx", "dist_50");

        Map<String, Object> legacy = Yaml.read(Yaml.strategies().resolve("legacy_v2.yaml"));
        List<FuzzySetSpec> l = FuzzyConfig.parseFuzzySets(legacy.get("fuzzy_sets"));
        assertThat(l).extracting(FuzzySetSpec::indicator).containsExactly("rsi", "macd", "sma");
        assertThat(l.get(2).transform().kind()).isEqualTo(InputTransform.Kind.PRICE_RATIO);
        assertThat(NnInputs.parse(legacy.get("nn_inputs"))).isEqualTo(NnInputs.ALL);
    }
}
