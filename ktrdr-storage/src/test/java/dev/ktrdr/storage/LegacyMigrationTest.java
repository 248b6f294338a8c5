package dev.ktrdr.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader.Resolution;
import dev.ktrdr.api.UniversalModelLoader.Rung;
import dev.ktrdr.storage.LegacyMigration.Outcome;
import dev.ktrdr.storage.LegacyMigration.Status;
import dev.ktrdr.storage.testcodec.Fixtures;
import dev.ktrdr.storage.testcodec.LinearSoftmaxCodec;
import dev.ktrdr.storage.testcodec.LinearSoftmaxModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LegacyMigrationTest {
    @TempDir
    Path tmp;

    LinearSoftmaxModel legacyModel(Path dir, String extraMetadata) throws IOException {
        Files.createDirectories(dir);
        LinearSoftmaxModel m = LinearSoftmaxModel.random(Fixtures.spec(List.of(Timeframe.H1)), 11);
        Files.write(dir.resolve("model.bin"), new LinearSoftmaxCodec().encode(m));
        Files.writeString(dir.resolve("metadata.json"), "{\"symbol\": \"EURUSD\", \"timeframe\": \"1h\", "
                + "\"format_id\": \"test-linear\", \"format_version\": 1, \"created_at\": \"2019-05-01T00:00:00Z\", "
                + "\"training_samples\": 5000, \"performance\": {\"test_accuracy\": 0.41}" + extraMetadata + "}");
        return m;
    }

    @Test
    void aDryRunWritesNothingAndAMigrationRewritesWithChecksumsKeepingPredictions() throws IOException {
        FileModelStore store = new FileModelStore(tmp);
        Path legacy = tmp.resolve("old_strategy/EURUSD_1h_v1");
        LinearSoftmaxModel m = legacyModel(legacy, "");
        Files.writeString(legacy.resolve("strategy.yaml"), "name: old_strategy\nindicators:\n  - name: rsi\n");
        Path broken = tmp.resolve("old_strategy/GBPUSD_1h_v3");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("model.pt"), "pickle");

        List<Outcome> dry = new LegacyMigration(store).migrate(Optional.empty(), true);
        assertThat(dry).extracting(Outcome::status).containsExactly(Status.WOULD_MIGRATE, Status.REFUSED);
        assertThat(dry.get(0).target()).contains("EURUSD_1h_v2");
        assertThat(dry.get(1).reason()).contains("model.pt").contains("pickle");
        try (var s = Files.list(tmp.resolve("old_strategy"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("EURUSD_1h_v1", "GBPUSD_1h_v3");
        }

        List<Outcome> done = new LegacyMigration(store).migrate(Optional.of("old_strategy"), false);
        assertThat(done.get(0).status()).isEqualTo(Status.MIGRATED);
        assertThat(done.get(0).target()).contains("EURUSD_1h_v2");
        assertThat(legacy).doesNotExist();
        assertThat(tmp.resolve("old_strategy/.legacy/EURUSD_1h_v1/model.bin")).exists();
        Path migrated = tmp.resolve("old_strategy/EURUSD_1h_v2");
        assertThat(store.verify(migrated)).isEmpty();
        Resolution r = new StoreModelLoader(store).resolve("old_strategy",
                new SymbolInfo(Symbol.of("EURUSD"), AssetClass.FOREX, "forex", Optional.empty()), List.of(Timeframe.H1));
        assertThat(r.rung()).isEqualTo(Rung.SYMBOL);
        assertThat(r.model().metadata().samplesPerSymbol()).containsEntry(Symbol.of("EURUSD"), 5000L);
        assertThat(r.model().metadata().performance()).containsEntry("test_accuracy", 0.41);
        assertThat(store.readText(migrated, "strategy.yaml")).contains("old_strategy");
        double[] x = {0.3, -1.2};
        double[] p1 = new double[Label.COUNT];
        double[] p2 = new double[Label.COUNT];
        m.predict(x, Symbol.of("EURUSD"), p1);
        r.model().model().predict(x, Symbol.of("EURUSD"), p2);
        assertThat(p2).containsExactly(p1);
    }

    @Test
    void aLegacyDirectoryWhoseMetadataContradictsItsNameIsRefused() throws IOException {
        FileModelStore store = new FileModelStore(tmp);
        Path legacy = tmp.resolve("s/GBPUSD_1h_v1");
        legacyModel(legacy, "");
        List<Outcome> out = new LegacyMigration(store).migrate(Optional.of("s"), false);
        assertThat(out).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(Status.REFUSED);
            assertThat(o.reason()).contains("symbol 'EURUSD' differs");
        });
        assertThat(legacy).exists();
    }

    @Test
    void aLegacyStrategyFileThatIsAnAliasBombIsRefused() throws IOException {
        FileModelStore store = new FileModelStore(tmp);
        Path legacy = tmp.resolve("s/EURUSD_1h_v1");
        legacyModel(legacy, "");
        Files.writeString(legacy.resolve("strategy.yaml"), SafeYamlTest.billionLaughs());
        List<Outcome> out = new LegacyMigration(store).migrate(Optional.of("s"), true);
        assertThat(out).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(Status.REFUSED);
            assertThat(o.reason()).contains("strategy.yaml");
        });
    }
}
