package dev.ktrdr.training.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code decisions:} sections of the shared strategy files (copied verbatim) read into configs. */
class StrategyDecisionsTest {

    @SuppressWarnings("unchecked")
    private static DecisionConfig read(String yaml) throws Exception {
        Map<String, Object> doc = new ObjectMapper(new YAMLFactory()).readValue(yaml, Map.class);
        return DecisionConfig.fromMap((Map<String, Object>) doc.get("decisions"));
    }

    @Test
    void mtfSingleDecisions() throws Exception {
        // strategies/mtf_single.yaml
        DecisionConfig c = read("decisions:\n  output_format: classification\n  confidence_threshold: 0.6\n"
                + "  position_awareness: true\n  filters: {min_signal_separation: 4}\n");
        assertThat(c.confidenceThreshold()).isEqualTo(0.6);
        assertThat(c.positionAwareness()).isTrue();
        assertThat(c.minSignalSeparation()).isEqualTo(Duration.ofHours(4));
        assertThat(c.allowShort()).isFalse();
    }

    @Test
    void universalMultiDecisions() throws Exception {
        // strategies/universal_multi.yaml
        DecisionConfig c = read("decisions:\n  output_format: classification\n  confidence_threshold: 0.55\n"
                + "  position_awareness: true\n  filters: {min_signal_separation: 4}\n");
        assertThat(c.confidenceThreshold()).isEqualTo(0.55);
        assertThat(c.minSignalSeparation()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void legacyDecisionsWithoutFiltersKeepThePythonDefaultSeparation() throws Exception {
        // strategies/legacy_v2.yaml: no filters, so the original's default of 4 hours applies
        DecisionConfig c = read("decisions:\n  output_format: classification\n  confidence_threshold: 0.6\n"
                + "  position_awareness: true\n");
        assertThat(c.minSignalSeparation()).isEqualTo(Duration.ofHours(4));
        assertThat(c.volumeFilter()).isFalse();
    }
}
