package dev.ktrdr.training.strategy;

import static dev.ktrdr.training.strategy.StrategyLoaderTest.info;
import static dev.ktrdr.training.strategy.StrategyLoaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.AssetClass;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyOverridesTest {
    static final String OVERRIDES = "overrides:\n"
            + "  asset_classes:\n"
            + "    crypto:\n"
            + "      training: {labels: {zigzag_threshold: 0.05}}\n"
            + "      fuzzy_sets: {rsi_14: {oversold: [0, 15, 30]}}\n"
            + "  symbols:\n"
            + "    BTCUSDT:\n"
            + "      training: {labels: {zigzag_threshold: 0.08}}\n";

    @Test
    void defaultsThenAssetClassThenSymbolAndTheRecordSaysWhichApplied() {
        Strategy s = StrategyLoader.parse(resource("universal_multi.yaml") + OVERRIDES, "o");
        StrategyOverrides.Resolved btc = StrategyOverrides.resolve(s, info("BTCUSDT", AssetClass.CRYPTO));
        assertThat(btc.strategy().training().labels().zigzagThreshold()).isEqualTo(0.08);
        assertThat(((Map<?, ?>) btc.strategy().fuzzySets().get("rsi_14")).get("oversold")).isEqualTo(List.of(0, 15, 30));
        assertThat(btc.applied()).containsExactly(
                "asset_classes.crypto: training.labels.zigzag_threshold = 0.05",
                "asset_classes.crypto: fuzzy_sets.rsi_14.oversold = [0, 15, 30]",
                "symbols.BTCUSDT: training.labels.zigzag_threshold = 0.08");
        StrategyOverrides.Resolved eth = StrategyOverrides.resolve(s, info("ETHUSDT", AssetClass.CRYPTO));
        assertThat(eth.strategy().training().labels().zigzagThreshold()).isEqualTo(0.05);
        StrategyOverrides.Resolved eur = StrategyOverrides.resolve(s, info("EURUSD", AssetClass.FOREX));
        assertThat(eur.applied()).isEmpty();
        assertThat(eur.strategy().training().labels().zigzagThreshold()).isEqualTo(0.02);
    }

    @Test
    void overridesThatWouldChangeTheFeatureSpecOrHyperParametersAreRefusedAtLoad() {
        String bad = resource("universal_multi.yaml") + "overrides:\n"
                + "  asset_classes:\n"
                + "    crypto: {fuzzy_sets: {rsi_14: {extreme: [90, 95, 100]}}, training: {epochs: 3}}\n"
                + "  symbols:\n"
                + "    BTCUSDT: {training: {labels: {zigzag_threshold: 2.0}}}\n";
        assertThat(Problem.errors(StrategyLoader.validate(bad, "b"))).extracting(Problem::path).containsExactlyInAnyOrder(
                "overrides.asset_classes.crypto.training.epochs",
                "overrides.symbols.BTCUSDT.training.labels.zigzag_threshold");
        String badName = resource("universal_multi.yaml") + "overrides:\n  symbols:\n    ../etc: {decisions: {confidence_threshold: 0.7}}\n";
        assertThat(Problem.errors(StrategyLoader.validate(badName, "b"))).extracting(Problem::path).containsExactly("overrides.symbols.../etc");
        String members = resource("universal_multi.yaml") + "overrides:\n  asset_classes:\n"
                + "    crypto: {fuzzy_sets: {rsi_14: {extreme: [90, 95, 100]}}}\n";
        assertThat(Problem.errors(StrategyLoader.validate(members, "b"))).extracting(Problem::path)
                .containsExactly("overrides.asset_classes.crypto.fuzzy_sets.rsi_14");
    }
}
