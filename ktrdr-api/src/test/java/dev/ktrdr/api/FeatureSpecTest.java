package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureSpecTest {
    private final FeatureSpec spec = new FeatureSpec(List.of("1h_rsi_14_low", "1h_rsi_14_high", "4h_rsi_14_low"));

    @Test
    void identicalSpecsHaveNoDifference() {
        assertThat(spec.firstDifference(new FeatureSpec(spec.names()))).isEmpty();
    }

    @Test
    void mismatchNamesTheFirstDifferingFeature() {
        FeatureSpec other = new FeatureSpec(List.of("1h_rsi_14_low", "4h_rsi_14_low", "1h_rsi_14_high"));
        assertThat(spec.firstDifference(other)).hasValue(
                "feature 1 is '1h_rsi_14_high' in the model but '4h_rsi_14_low' in the input");
        assertThatThrownBy(() -> spec.requireSameAs(other))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("'1h_rsi_14_high'");
    }

    @Test
    void missingAndExtraFeaturesAreNamed() {
        assertThat(spec.firstDifference(new FeatureSpec(List.of("1h_rsi_14_low", "1h_rsi_14_high"))))
                .hasValueSatisfying(d -> assertThat(d).contains("first missing: '4h_rsi_14_low'"));
        assertThat(new FeatureSpec(List.of("1h_rsi_14_low")).firstDifference(spec))
                .hasValueSatisfying(d -> assertThat(d).contains("first extra: '1h_rsi_14_high'"));
    }

    @Test
    void duplicateNamesAreRefused() {
        assertThatThrownBy(() -> new FeatureSpec(List.of("a", "b", "a"))).hasMessageContaining("'a' appears twice");
    }
}
