package dev.ktrdr.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelArtifacts;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.storage.testcodec.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileModelStoreTest {
    @TempDir
    Path tmp;

    @Test
    void savedModelLoadsWithIdenticalPredictionsAndMetadata() {
        FileModelStore store = new FileModelStore(tmp);
        ModelArtifacts a = Fixtures.universal("mean_rev", 7);
        Path dir = store.save(a);
        assertThat(dir.getFileName().toString()).isEqualTo("universal_1h-4h-1d_v1");
        StoredModel m = store.load(dir);
        assertThat(m.version()).isEqualTo(1);
        assertThat(m.metadata()).isEqualTo(a.metadata());
        SplittableRandom r = new SplittableRandom(1);
        double[] x = new double[a.model().featureSpec().size()];
        double[] p1 = new double[Label.COUNT];
        double[] p2 = new double[Label.COUNT];
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < x.length; j++) {
                x[j] = r.nextDouble(-3, 3);
            }
            a.model().predict(x, Symbol.of("EURUSD"), p1);
            m.model().predict(x, Symbol.of("EURUSD"), p2);
            assertThat(p2).containsExactly(p1);
        }
    }

    @Test
    void versionDirectoryHoldsEveryFileOfTheLayoutAndLatestNamesIt() throws IOException {
        FileModelStore store = new FileModelStore(tmp);
        store.save(Fixtures.universal("s", 1));
        Path v2 = store.save(Fixtures.universal("s", 2));
        try (var s = Files.list(v2)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("model.bin", "features.json",
                    "scaler.json", "strategy.yaml", "metrics.json", "history.csv", "metadata.json", "manifest.json");
        }
        assertThat(Files.readString(tmp.resolve("s/latest-universal_1h-4h-1d")).trim()).isEqualTo("universal_1h-4h-1d_v2");
        assertThat(store.latest("s", ModelScope.UNIVERSAL, List.of(Timeframe.D1, Timeframe.H4, Timeframe.H1))).contains(v2);
        assertThat(store.versions("s")).extracting(v -> v.name().version()).containsExactly(1, 2);
        assertThat(store.versions("s")).extracting(VersionInfo::latest).containsExactly(false, true);
        assertThat(store.verify(v2)).isEmpty();
    }

    @Test
    void aSplitPlanIsStoredCoveredByTheManifestAndVersionsWithoutOneStillLoad() throws IOException {
        FileModelStore store = new FileModelStore(tmp);
        ModelArtifacts a = Fixtures.universal("s", 1);
        Path old = store.save(a);
        assertThat(old.resolve(FileModelStore.SPLIT_PLAN_FILE)).doesNotExist();
        assertThat(store.verify(old)).isEmpty();
        assertThatThrownBy(() -> store.readText(old, FileModelStore.SPLIT_PLAN_FILE)).isInstanceOf(ModelException.class)
                .hasMessageContaining("has no split_plan.json");
        String plan = "{\"symbols\": {\"EURUSD\": {\"train\": 10}}}";
        Path v = store.save(new ModelArtifacts(a.metadata(), a.model(), a.strategyYaml(), a.scalerJson(), a.metricsJson(),
                a.historyCsv(), plan));
        assertThat(store.readText(v, FileModelStore.SPLIT_PLAN_FILE)).isEqualTo(plan);
        assertThat(Files.readString(v.resolve(FileModelStore.MANIFEST_FILE))).contains("split_plan.json");
        assertThat(store.verify(v)).isEmpty();
        store.load(v);
        StoreTestSupport.flipByte(v.resolve(FileModelStore.SPLIT_PLAN_FILE), 5);
        assertThatThrownBy(() -> store.load(v)).isInstanceOf(ModelException.class).hasMessageContaining("split_plan.json");
        assertThat(store.verify(v)).anySatisfy(p -> assertThat(p).contains("split_plan.json"));
        assertThatThrownBy(() -> store.save(new ModelArtifacts(a.metadata(), a.model(), a.strategyYaml(), a.scalerJson(),
                a.metricsJson(), a.historyCsv(), "{not json"))).hasMessageContaining("split_plan.json");
    }

    @Test
    void timeframeSetIsNamedFinestFirstWhateverTheConfiguredOrder() {
        assertThat(VersionName.timeframeKey(List.of(Timeframe.D1, Timeframe.H1, Timeframe.H4))).isEqualTo("1h-4h-1d");
        VersionName v = VersionName.parse("group-forex_15m-1h_v12").orElseThrow();
        assertThat(v.scope()).isEqualTo(ModelScope.group("forex"));
        assertThat(v.version()).isEqualTo(12);
        assertThat(VersionName.parse("universal_4h-1h_v1")).isEmpty();
        assertThat(VersionName.parse(".staging-12-abc")).isEmpty();
        assertThat(VersionName.parse("universal_1h_v0")).isEmpty();
        assertThat(VersionName.parse("universal_1h_v01")).isEmpty();
        assertThat(VersionName.parse("latest-universal_1h")).isEmpty();
        assertThat(VersionName.parse("BRK_B_1h_v3").orElseThrow().scope()).isEqualTo(ModelScope.symbol(Symbol.of("BRK_B")));
    }

    @Test
    void aFlippedByteInAnyFileOfAVersionFailsLoadingNamingThatFile() throws IOException {
        FileModelStore store = new FileModelStore(tmp.resolve("store"));
        Path original = store.save(Fixtures.universal("s", 3));
        List<String> files = new ArrayList<>(FileModelStore.FILES);
        files.add(FileModelStore.MANIFEST_FILE);
        AtomicInteger copies = new AtomicInteger();
        qt().withExamples(120).forAll(integers().between(0, files.size() - 1), integers().between(0, 1_000_000))
                .checkAssert((fileIndex, position) -> {
                    try {
                        Path copy = tmp.resolve("c" + copies.incrementAndGet()).resolve("s").resolve(original.getFileName().toString());
                        StoreTestSupport.copyTree(original, copy);
                        String file = files.get(fileIndex);
                        StoreTestSupport.flipByte(copy.resolve(file), position);
                        FileModelStore other = new FileModelStore(copy.getParent().getParent());
                        assertThatThrownBy(() -> other.load(copy)).isInstanceOf(ModelException.class)
                                .hasMessageContaining(file);
                        assertThat(other.verify(copy)).anySatisfy(p -> assertThat(p).contains(file));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
    }

    @Test
    void aMissingFileIsNamed() throws IOException {
        FileModelStore store = new FileModelStore(tmp);
        Path v = store.save(Fixtures.universal("s", 3));
        Files.delete(v.resolve("history.csv"));
        assertThatThrownBy(() -> store.load(v)).hasMessageContaining("history.csv").hasMessageContaining("missing");
    }

    @Test
    void aNewerLayoutVersionSaysWhichLibraryWroteIt() throws IOException {
        FileModelStore store = new FileModelStore(tmp);
        Path v = store.save(Fixtures.universal("s", 3));
        String md = Files.readString(v.resolve("metadata.json"), StandardCharsets.UTF_8)
                .replace("\"layout_version\" : 1", "\"layout_version\" : 2")
                .replace("\"library_version\" : \"0.1.0-test\"", "\"library_version\" : \"9.9.9\"")
                .replace("\"strategy\" :", "\"some_new_field\" : {\"x\": [1]},\n  \"strategy\" :");
        StoreTestSupport.rewriteWithValidManifest(v, "metadata.json", md.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.load(v)).isInstanceOf(ModelException.class)
                .hasMessageContaining("written by a newer library version 9.9.9").hasMessageContaining("metadata.json");
    }

    @Test
    void aNewerCodecFormatVersionSaysWhichLibraryWroteIt() throws IOException {
        FileModelStore store = new FileModelStore(tmp);
        Path v = store.save(Fixtures.universal("s", 3));
        String md = Files.readString(v.resolve("metadata.json"), StandardCharsets.UTF_8)
                .replace("\"format_version\" : 1", "\"format_version\" : 7")
                .replace("\"library_version\" : \"0.1.0-test\"", "\"library_version\" : \"2.0.0\"");
        StoreTestSupport.rewriteWithValidManifest(v, "metadata.json", md.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.load(v)).isInstanceOf(ModelException.class)
                .hasMessageContaining("written by a newer library version 2.0.0").hasMessageContaining("model.bin");
    }

    @Test
    void aFeatureSpecMismatchNamesTheFirstDifferingFeature() {
        FileModelStore store = new FileModelStore(tmp);
        ModelArtifacts a = Fixtures.universal("s", 3);
        Path v = store.save(a);
        List<String> names = new ArrayList<>(a.model().featureSpec().names());
        names.set(3, "4h_macd_bullish");
        assertThatThrownBy(() -> store.load(v, new FeatureSpec(names))).isInstanceOf(ModelException.class)
                .hasMessageContaining("feature 3").hasMessageContaining("4h_rsi_14_overbought")
                .hasMessageContaining("4h_macd_bullish");
        assertThat(store.load(v, a.model().featureSpec()).version()).isEqualTo(1);
    }

    @Test
    void unsafeStrategyAndSymbolNamesAreRefusedBeforeTouchingAPath() {
        FileModelStore store = new FileModelStore(tmp.resolve("root"));
        for (String bad : List.of("..", "../etc", "a/b", "a\\b", "CON", "nul.txt", "a\u0000b", "x\ny", ".hidden", "", "-rf")) {
            assertThatThrownBy(() -> store.versions(bad)).isInstanceOf(ConfigurationException.class);
            assertThatThrownBy(() -> store.version("s", bad)).isInstanceOf(ConfigurationException.class);
            assertThatThrownBy(() -> Symbol.of(bad)).isInstanceOf(ConfigurationException.class);
        }
        assertThatThrownBy(() -> store.version("s", "../../x_1h_v1")).isInstanceOf(ConfigurationException.class);
        assertThat(tmp.resolve("etc")).doesNotExist();
    }

    @Test
    void promoteMovesLatestAndSavingMovesItForwardAgain() throws IOException {
        FileModelStore store = new FileModelStore(tmp);
        for (int i = 0; i < 3; i++) {
            store.save(Fixtures.universal("s", i));
        }
        store.promote("s", "universal_1h-4h-1d_v1");
        assertThat(Files.readString(tmp.resolve("s/latest-universal_1h-4h-1d")).trim()).isEqualTo("universal_1h-4h-1d_v1");
        store.save(Fixtures.universal("s", 9));
        assertThat(Files.readString(tmp.resolve("s/latest-universal_1h-4h-1d")).trim()).isEqualTo("universal_1h-4h-1d_v4");
    }

    @Test
    void aDamagedVersionIsNeverPromoted() throws IOException {
        FileModelStore store = new FileModelStore(tmp);
        Path v1 = store.save(Fixtures.universal("s", 1));
        store.save(Fixtures.universal("s", 2));
        StoreTestSupport.flipByte(v1.resolve("model.bin"), 10);
        assertThatThrownBy(() -> store.promote("s", "universal_1h-4h-1d_v1")).hasMessageContaining("model.bin");
        assertThat(Files.readString(tmp.resolve("s/latest-universal_1h-4h-1d")).trim()).isEqualTo("universal_1h-4h-1d_v2");
    }

    @Test
    void pruneKeepsTheNewestAndNeverTheLatestPointer() {
        FileModelStore store = new FileModelStore(tmp);
        for (int i = 0; i < 5; i++) {
            store.save(Fixtures.universal("s", i));
        }
        store.promote("s", "universal_1h-4h-1d_v1");
        List<Path> dry = store.prune("s", 2, true);
        assertThat(dry).extracting(p -> p.getFileName().toString()).containsExactly("universal_1h-4h-1d_v2",
                "universal_1h-4h-1d_v3");
        assertThat(store.versions("s")).hasSize(5);
        store.prune("s", 2, false);
        assertThat(store.versions("s")).extracting(v -> v.name().version()).containsExactly(1, 4, 5);
        assertThatThrownBy(() -> store.prune("s", 0, false)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("keep");
    }

    @Test
    void deleteRefusesTheLatestAndRemovesOthersCompletely() {
        FileModelStore store = new FileModelStore(tmp);
        Path v1 = store.save(Fixtures.universal("s", 1));
        store.save(Fixtures.universal("s", 2));
        assertThatThrownBy(() -> store.delete("s", "universal_1h-4h-1d_v2")).hasMessageContaining("latest");
        store.delete("s", "universal_1h-4h-1d_v1");
        assertThat(v1).doesNotExist();
        assertThat(store.versions("s")).hasSize(1);
    }

    @Test
    void leftoversOfADeadWriterAreIgnoredByReadersAndRemovedByTheNextSave() throws IOException {
        FileModelStore store = new FileModelStore(tmp);
        store.save(Fixtures.universal("s", 1));
        long deadPid = deadPid();
        Path staging = tmp.resolve("s/.staging-" + deadPid + "-x");
        Files.createDirectories(staging);
        Files.writeString(staging.resolve("model.bin"), "partial");
        Path ptr = tmp.resolve("s/.latest-tmp-" + deadPid + "-y");
        Files.writeString(ptr, "universal_1h-4h-1d_v9");
        Path mine = tmp.resolve("s/.staging-" + ProcessHandle.current().pid() + "-z");
        Files.createDirectories(mine);
        assertThat(store.versions("s")).hasSize(1);
        store.save(Fixtures.universal("s", 2));
        assertThat(staging).doesNotExist();
        assertThat(ptr).doesNotExist();
        assertThat(mine).exists();
    }

    @Test
    void aLegacyDirectoryWithoutManifestIsNotListedAndRefusedWithAPointerToMigrate() throws IOException {
        FileModelStore store = new FileModelStore(tmp);
        Path legacy = tmp.resolve("s/EURUSD_1h_v1");
        Files.createDirectories(legacy);
        Files.writeString(legacy.resolve("metadata.json"), "{}");
        assertThat(store.versions("s")).isEmpty();
        assertThatThrownBy(() -> store.load(legacy)).hasMessageContaining("migrate");
        ModelArtifacts a = Fixtures.artifacts("s", ModelScope.symbol(Symbol.of("EURUSD")), List.of(Timeframe.H1),
                Fixtures.trainingOnly(List.of(Timeframe.H1)), List.of(Symbol.of("EURUSD")), 1);
        assertThat(store.save(a).getFileName().toString()).isEqualTo("EURUSD_1h_v2");
    }

    @Test
    void deeplyNestedOrOversizedJsonIsRefusedNamingTheFile() throws IOException {
        FileModelStore store = new FileModelStore(tmp);
        Path v = store.save(Fixtures.universal("s", 3));
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String md = Files.readString(v.resolve("metadata.json")).replace("\"provenance\" : {", "\"deep\" : " + deep
                + ",\n  \"provenance\" : {");
        StoreTestSupport.rewriteWithValidManifest(v, "metadata.json", md.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.load(v)).isInstanceOf(ModelException.class).hasMessageContaining("metadata.json")
                .hasMessageContaining("depth");
        assertThatThrownBy(() -> store.save(withScaler(Fixtures.universal("s", 4), deep)))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("scaler.json");
    }

    @Test
    void metadataRoundTripsThroughJsonExactly() {
        ModelMetadata md = Fixtures.universal("s", 5).metadata();
        assertThat(MetadataJson.read(MetadataJson.write(md), "metadata.json")).isEqualTo(md);
    }

    static ModelArtifacts withScaler(ModelArtifacts a, String scaler) {
        return new ModelArtifacts(a.metadata(), a.model(), a.strategyYaml(), scaler, a.metricsJson(), a.historyCsv());
    }

    static long deadPid() {
        long pid = 4_000_000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        return pid;
    }
}
