package dev.ktrdr.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.storage.testcodec.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** metadata.json's later fields: strategy version, total samples, asset classes, leave-one-symbol-out figures. */
class MetadataFieldsTest {
    static ModelMetadata.Generalization loso() {
        Map<Symbol, Double> acc = new LinkedHashMap<>();
        Map<Symbol, Double> base = new LinkedHashMap<>();
        acc.put(Symbol.of("EURUSD"), 0.41);
        base.put(Symbol.of("EURUSD"), 0.38);
        acc.put(Symbol.of("BTCUSDT"), 0.52);
        base.put(Symbol.of("BTCUSDT"), 0.55);
        return new ModelMetadata.Generalization(0.47, 0.47, -0.01, Double.NaN, 0.02, acc, base);
    }

    @Test
    void theNewFieldsRoundTripExactlyIncludingANonFiniteFigure() {
        ModelMetadata md = Fixtures.universal("s", 5).metadata().toBuilder().strategyVersion("3.0").totalSamples(12_345)
                .assetClasses(Set.of(AssetClass.FOREX, AssetClass.CRYPTO)).generalization(loso()).build();
        String json = new String(MetadataJson.write(md), StandardCharsets.UTF_8);
        assertThat(json).contains("\"strategy_version\" : \"3.0\"", "\"total_samples\" : 12345",
                "\"baseline_accuracy\" : 0.38", "\"edge_ci_low\" : \"NaN\"");
        ModelMetadata back = MetadataJson.read(MetadataJson.write(md), "metadata.json");
        assertThat(back).isEqualTo(md);
        assertThat(back.generalization().orElseThrow().perSymbolBaseline()).containsEntry(Symbol.of("BTCUSDT"), 0.55);
    }

    @Test
    void metadataWrittenBeforeTheFieldsExistedStillLoads() throws IOException {
        byte[] old;
        try (InputStream in = MetadataFieldsTest.class.getResourceAsStream(
                "/golden/layout-v1/golden_strategy/universal_1h-4h-1d_v1/metadata.json")) {
            old = in.readAllBytes();
        }
        assertThat(new String(old, StandardCharsets.UTF_8)).doesNotContain("total_samples", "strategy_version",
                "generalization");
        ModelMetadata md = MetadataJson.read(old, "metadata.json");
        assertThat(md.strategyVersion()).isEmpty();
        assertThat(md.totalSamples()).isEqualTo(md.samplesPerSymbol().values().stream().mapToLong(Long::longValue).sum())
                .isPositive();
        assertThat(md.assetClasses()).isEmpty();
        assertThat(md.generalization()).isEmpty();
    }

    @Test
    void malformedNewFieldsAreOneClearError() {
        ModelMetadata md = Fixtures.universal("s", 5).metadata().toBuilder().generalization(loso()).build();
        String json = new String(MetadataJson.write(md), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> MetadataJson.read(json.replace("\"total_samples\" : ", "\"total_samples\" : -")
                .getBytes(StandardCharsets.UTF_8), "m/metadata.json"))
                .isInstanceOf(ModelException.class).hasMessageContaining("m/metadata.json").hasMessageContaining("negative");
        assertThatThrownBy(() -> MetadataJson.read(json.replace("\"asset_classes\" : [ ]", "\"asset_classes\" : [ \"moon\" ]")
                .getBytes(StandardCharsets.UTF_8), "m/metadata.json"))
                .isInstanceOf(ModelException.class).hasMessageContaining("m/metadata.json");
        assertThatThrownBy(() -> new ModelMetadata.Generalization(0.5, 0.5, 0, 0, 0, Map.of(Symbol.of("A"), 0.5), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("per-symbol baseline");
    }
}
