package dev.ktrdr.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.ModelArtifacts;
import dev.ktrdr.storage.testcodec.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeYamlTest {
    @TempDir
    Path tmp;

    /** The classic "billion laughs": 9 levels of 9 aliases, 9^9 strings when expanded. */
    static String billionLaughs() {
        StringBuilder sb = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i <= 9; i++) {
            sb.append('a').append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                sb.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    @Test
    void anAliasBombIsRefusedQuickly() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> SafeYaml.readMapping(billionLaughs(), "strategy.yaml"))
                        .isInstanceOf(ConfigurationException.class).hasMessageContaining("strategy.yaml")
                        .hasMessageContaining("aliases"));
    }

    @Test
    void savingAModelWithAnAliasBombStrategyWritesNothing() {
        FileModelStore store = new FileModelStore(tmp);
        ModelArtifacts a = Fixtures.universal("s", 1);
        ModelArtifacts bomb = new ModelArtifacts(a.metadata(), a.model(), billionLaughs(), a.scalerJson(), a.metricsJson(),
                a.historyCsv());
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> store.save(bomb)).isInstanceOf(ConfigurationException.class)
                        .hasMessageContaining("strategy.yaml"));
        assertThat(Files.exists(tmp.resolve("s"))).isFalse();
    }

    @Test
    void deepNestingDuplicateKeysAndNonMappingsAreRefused() {
        assertThatThrownBy(() -> SafeYaml.readMapping("a: " + "[".repeat(200) + "]".repeat(200), "x.yaml"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("x.yaml");
        assertThatThrownBy(() -> SafeYaml.readMapping("a: 1\na: 2\n", "x.yaml")).hasMessageContaining("x.yaml");
        assertThatThrownBy(() -> SafeYaml.readMapping("- 1\n- 2\n", "x.yaml")).hasMessageContaining("not a YAML mapping");
        assertThat(SafeYaml.readMapping("name: s\nlist: [1, 2]\n", "x.yaml")).containsKey("list");
    }
}
