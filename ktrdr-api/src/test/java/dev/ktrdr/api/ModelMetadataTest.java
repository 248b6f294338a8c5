package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelMetadataTest {
    private static final List<Symbol> SYMBOLS = List.of(Symbol.of("EURUSD"), Symbol.of("AAPL"));
    private static final List<Timeframe> TFS = List.of(Timeframe.H1, Timeframe.D1);
    private static final Deployment DEPLOYMENT = new Deployment(Deployment.Mode.UNIVERSAL, Set.of(), Set.of(), TFS);
    private static final ModelMetadata.FeatureArchitecture ARCH = new ModelMetadata.FeatureArchitecture(2,
            Map.of(Timeframe.H1, 1, Timeframe.D1, 1), "none", 0, List.of("1h_rsi_low", "1d_rsi_low"));
    private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("2020-12-31T23:00:00Z");
    private static final Instant CREATED = Instant.parse("2021-01-02T03:04:05Z");

    private static ModelMetadata.Builder complete() {
        return ModelMetadata.builder().strategy("trend").scope(ModelScope.UNIVERSAL).symbols(SYMBOLS)
                .samplesPerSymbol(Map.of(Symbol.of("EURUSD"), 10L, Symbol.of("AAPL"), 20L)).timeframes(TFS)
                .baseTimeframe(Timeframe.H1).dataRange(START, END).deployment(DEPLOYMENT).architecture(ARCH)
                .performance(Map.of("test_accuracy", 0.5)).format("ktrdr-mlp", 2).libraryVersion("1.2.3")
                .createdAt(CREATED).provenance(Map.of("seed", "7"));
    }

    @Test
    void builderGivesTheSameRecordAsTheCanonicalConstructor() {
        ModelMetadata positional = new ModelMetadata("trend", ModelScope.UNIVERSAL, SYMBOLS,
                Map.of(Symbol.of("EURUSD"), 10L, Symbol.of("AAPL"), 20L), TFS, Timeframe.H1, START, END, DEPLOYMENT,
                ARCH, Map.of("test_accuracy", 0.5), "ktrdr-mlp", 2, "1.2.3", CREATED, Map.of("seed", "7"));
        assertThat(complete().build()).isEqualTo(positional);
    }

    @Test
    void performanceAndProvenanceDefaultToEmpty() {
        ModelMetadata m = complete().performance(Map.of()).provenance(Map.of()).build();
        ModelMetadata.Builder fresh = ModelMetadata.builder().strategy("trend").scope(ModelScope.UNIVERSAL)
                .symbols(SYMBOLS).samplesPerSymbol(m.samplesPerSymbol()).timeframes(TFS).baseTimeframe(Timeframe.H1)
                .dataRange(START, END).deployment(DEPLOYMENT).architecture(ARCH).format("ktrdr-mlp", 2)
                .libraryVersion("1.2.3").createdAt(CREATED);
        assertThat(fresh.build()).isEqualTo(m);
        assertThat(m.performance()).isEmpty();
        assertThat(m.provenance()).isEmpty();
    }

    @Test
    void toBuilderCopiesEveryFieldAndChangesOnlyWhatIsSet() {
        ModelMetadata m = complete().build();
        assertThat(m.toBuilder().build()).isEqualTo(m);
        ModelMetadata changed = m.toBuilder().format("other", 5).build();
        assertThat(changed.formatId()).isEqualTo("other");
        assertThat(changed.formatVersion()).isEqualTo(5);
        assertThat(changed.toBuilder().format("ktrdr-mlp", 2).build()).isEqualTo(m);
    }

    @Test
    void builderValidatesThroughTheConstructor() {
        assertThatThrownBy(() -> complete().strategy("../evil").build()).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("strategy name");
        assertThatThrownBy(() -> complete().baseTimeframe(Timeframe.H4).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("base timeframe");
        assertThatThrownBy(() -> complete().symbols(null).build()).isInstanceOf(NullPointerException.class)
                .hasMessage("symbols");
        assertThatThrownBy(() -> complete().createdAt(null).build()).isInstanceOf(NullPointerException.class)
                .hasMessage("createdAt");
    }

    @Test
    void theBuiltRecordDoesNotShareTheCallersCollections() {
        List<Symbol> mine = new ArrayList<>(SYMBOLS);
        ModelMetadata m = complete().symbols(mine).build();
        mine.clear();
        assertThat(m.symbols()).isEqualTo(SYMBOLS);
    }
}
