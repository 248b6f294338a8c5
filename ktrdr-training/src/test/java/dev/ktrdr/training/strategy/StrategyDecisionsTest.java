package dev.ktrdr.training.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.training.backtest.DecisionConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one reader of {@code decisions:}: every form the README documents is accepted into the strategy's
 * {@link DecisionConfig}, everything else is a problem with its path.
 */
class StrategyDecisionsTest {
    private static final String BASE = "name: d\n"
            + "training_data:\n  symbols: {mode: single, symbol: EURUSD}\n  timeframes: {mode: single, timeframe: 1h}\n"
            + "indicators:\n  rsi_14: {type: rsi, period: 14}\n"
            + "fuzzy_sets:\n  rsi_14:\n    indicator: rsi_14\n    low: [0, 30, 50]\n    high: [50, 70, 100]\n"
            + "training:\n  labels: {source: zigzag, zigzag_threshold: 0.05}\n";

    private static DecisionConfig read(String decisions) {
        return StrategyLoader.parse(BASE + decisions, "d.yaml").decisions();
    }

    private static List<String> problems(String decisions) {
        return StrategyLoader.validate(BASE + decisions, "d.yaml").stream().map(Problem::toString).toList();
    }

    @Test
    void theSharedStrategiesDecisionsReadAsThePythonOriginalMeantThem() {
        // strategies/mtf_single.yaml: a bare number is hours
        DecisionConfig c = read("decisions:\n  output_format: classification\n  confidence_threshold: 0.6\n"
                + "  position_awareness: true\n  filters: {min_signal_separation: 4}\n");
        assertThat(c).isEqualTo(DecisionConfig.DEFAULTS.withConfidenceThreshold(0.6));
        // strategies/legacy_v2.yaml: no filters, so the original's default of 4 hours applies
        DecisionConfig legacy = StrategyLoader.parse(StrategyLoaderTest.resource("legacy_v2.yaml"), "l").decisions();
        assertThat(legacy.minSignalSeparation()).isEqualTo(Duration.ofHours(4));
        assertThat(legacy.volumeFilter()).isFalse();
        assertThat(read("")).isEqualTo(DecisionConfig.DEFAULTS);
    }

    @Test
    void everyDocumentedFormIsAccepted() {
        assertThat(read("decisions:\n  filters: {min_signal_separation: 1.5}\n").minSignalSeparation())
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(read("decisions:\n  filters: {min_signal_separation: 90m}\n").minSignalSeparation())
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(read("decisions:\n  filters: {min_signal_separation: 4h}\n").minSignalSeparation())
                .isEqualTo(Duration.ofHours(4));
        assertThat(read("decisions:\n  filters: {min_signal_separation: 2d}\n").minSignalSeparation())
                .isEqualTo(Duration.ofDays(2));
        assertThat(read("decisions:\n  filters: {min_signal_separation: PT2H}\n").minSignalSeparation())
                .isEqualTo(Duration.ofHours(2));
        assertThat(read("decisions:\n  filters: {min_signal_separation_bars: 3}\n").minSignalSeparationBars()).isEqualTo(3);
        DecisionConfig on = read("decisions:\n  filters: {volume_filter: true}\n");
        assertThat(on.volumeFilter()).isTrue();
        assertThat(on.volumeMinRatio()).isEqualTo(1.0);
        assertThat(on.volumeWindow()).isEqualTo(20);
        assertThat(read("decisions:\n  filters: {volume_filter: false}\n").volumeFilter()).isFalse();
        DecisionConfig map = read("decisions:\n  allow_short: true\n  filters: {volume_filter: {min_ratio: 0.5, window: 10}}\n");
        assertThat(map).isEqualTo(DecisionConfig.DEFAULTS.withAllowShort(true).withVolumeFilter(true, 0.5, 10));
        assertThat(read("decisions:\n  filters: {volume_filter: {enabled: false, min_ratio: 0.5}}\n").volumeFilter()).isFalse();
    }

    @Test
    void everythingElseIsRefusedWithItsPath() {
        assertThat(problems("decisions:\n  confidence_threshold: 1.5\n"))
                .containsExactly("decisions.confidence_threshold: 1.5 is not in [0, 1]");
        assertThat(problems("decisions:\n  filters: {min_signal_separation: 4 hours}\n")).containsExactly(
                "decisions.filters.min_signal_separation: '4 hours' is not a duration in [0, 1000000] hours; "
                        + "use hours (4), '90m', '4h', '2d' or 'PT4H'");
        assertThat(problems("decisions:\n  filters: {min_signal_separation: -PT1H}\n")).hasSize(1);
        assertThat(problems("decisions:\n  filters: {volume_filter: 2}\n")).containsExactly(
                "decisions.filters.volume_filter: '2' is not true, false or a mapping {enabled, min_ratio, window}");
        assertThat(problems("decisions:\n  filters: {volume_filter: {min_ratio: 1001}}\n"))
                .containsExactly("decisions.filters.volume_filter.min_ratio: 1001 is not in [0, 1000]");
        assertThat(problems("decisions:\n  filters: [4]\n")).containsExactly("decisions.filters: must be a mapping, not a list");
        assertThat(problems("decisions:\n  filters: {min_signal_separation_bars: 1.5}\n"))
                .containsExactly("decisions.filters.min_signal_separation_bars: '1.5' is not a whole number");
    }
}
