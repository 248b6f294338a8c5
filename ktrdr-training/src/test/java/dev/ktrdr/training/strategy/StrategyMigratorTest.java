package dev.ktrdr.training.strategy;

import static dev.ktrdr.training.strategy.StrategyLoaderTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrategyMigratorTest {

    @Test
    void migratedLegacyFileLoadsToTheSameStrategyAsTheLegacyFile() {
        String legacy = resource("legacy_v2.yaml");
        String migrated = StrategyMigrator.migrateYaml(legacy, "legacy_v2.yaml");
        assertThat(StrategyMigrator.detect(StrategyYaml.parse(migrated, "m"))).isEqualTo(StrategyLayout.CURRENT);
        assertThat(migrated).contains("training_data:").doesNotContain("\ndata:");
        assertThat(StrategyLoader.parse(migrated, "m")).isEqualTo(StrategyLoader.parse(legacy, "l"));
    }

    @Test
    void migrationIsIdempotentOnCurrentFiles() {
        for (String f : List.of("mtf_single.yaml", "universal_multi.yaml", "legacy_v2.yaml")) {
            String once = StrategyMigrator.migrateYaml(resource(f), f);
            String twice = StrategyMigrator.migrateYaml(once, f);
            assertThat(twice).as(f).isEqualTo(once);
            assertThat(StrategyLoader.parse(once, f)).as(f).isEqualTo(StrategyLoader.parse(resource(f), f));
        }
    }

    @Test
    void conflictingHyperParametersInBothPlacesAreAProblem() {
        String both = resource("legacy_v2.yaml").replace("  method: supervised\n", "  method: supervised\n  epochs: 5\n");
        assertThatThrownBy(() -> StrategyLoader.parse(both, "both.yaml"))
                .isInstanceOfSatisfying(StrategyValidationException.class, e -> assertThat(Problem.errors(e.problems()))
                        .extracting(Problem::path).containsExactly("model.training.epochs"));
    }

    @Test
    void duplicateLegacyIndicatorsNeedAFeatureId() {
        Map<String, Object> tree = StrategyYaml.parse(resource("legacy_v2.yaml")
                .replace("  - name: sma\n    period: 20\n", "  - name: sma\n    period: 20\n  - name: sma\n    period: 50\n"), "d");
        assertThatThrownBy(() -> StrategyMigrator.migrate(tree)).isInstanceOfSatisfying(StrategyValidationException.class,
                e -> assertThat(e.problems()).extracting(Problem::path).containsExactly("indicators[3].name"));
        Map<String, Object> ok = StrategyYaml.parse(resource("legacy_v2.yaml")
                .replace("  - name: sma\n    period: 20\n", "  - name: sma\n    period: 20\n  - name: sma\n    period: 50\n    feature_id: sma_50\n"), "d");
        assertThat(((Map<?, ?>) StrategyMigrator.migrate(ok).get("indicators")).keySet().toString()).isEqualTo("[rsi, macd, sma, sma_50]");
    }
}
