package dev.ktrdr.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader.Refusal;
import dev.ktrdr.api.UniversalModelLoader.Resolution;
import dev.ktrdr.api.UniversalModelLoader.Rung;
import dev.ktrdr.storage.testcodec.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever keeps a newer version from serving is listed as a refusal; links inside the store are never
 * followed; special files are refused from their attributes, without being opened.
 */
class StoreRefusalsTest {
    static final List<Timeframe> TFS = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);
    static final Symbol EURUSD = Symbol.of("EURUSD");
    static final SymbolInfo EUR = new SymbolInfo(EURUSD, AssetClass.FOREX, "forex", Optional.empty());
    static final String V1 = "universal_1h-4h-1d_v1";
    static final String V2 = "universal_1h-4h-1d_v2";

    @TempDir
    Path tmp;

    FileModelStore store;
    Path v1;
    Path v2;

    /** Two universal versions, v2 the latest; optionally a symbol model to fall back to. */
    void twoVersions(boolean symbolModel) {
        store = new FileModelStore(tmp.resolve("store"));
        v1 = store.save(Fixtures.universal("s", 1));
        v2 = store.save(Fixtures.universal("s", 2));
        if (symbolModel) {
            store.save(Fixtures.artifacts("s", ModelScope.symbol(EURUSD), TFS, Fixtures.trainingOnly(TFS),
                    List.of(EURUSD), 3));
        }
    }

    Resolution resolve() {
        return new StoreModelLoader(store).resolve("s", EUR, TFS);
    }

    @Test
    void aNewestVersionWithoutManifestIsListedWhenTheOlderOneServes() throws IOException {
        twoVersions(false);
        Files.delete(v2.resolve("manifest.json"));
        Resolution r = resolve();
        assertThat(r.model().directory().getFileName()).hasToString(V1);
        assertThat(r.refusals()).singleElement().satisfies(ref -> {
            assertThat(ref.candidate()).isEqualTo(V2);
            assertThat(ref.reason()).isEqualTo("has no manifest.json: a damaged version, or a legacy or unverified "
                    + "directory ('ktrdr models migrate' rewrites a legacy one with checksums)");
        });
        // Promoting the older one does not hide the broken newer one either.
        store.promote("s", V1);
        assertThat(resolve().refusals()).extracting(Refusal::candidate).containsExactly(V2);
    }

    @Test
    void aNewestVersionThatIsABrokenOrForeignSymlinkIsListedAndNeverFollowed() throws IOException {
        twoVersions(false);
        Path outside = tmp.resolve("outside");
        StoreTestSupport.copyTree(v2, outside);
        StoreTestSupport.deleteTree(v2);
        Files.createSymbolicLink(v2, tmp.resolve("nowhere"));
        Resolution r = resolve();
        assertThat(r.model().directory().getFileName()).hasToString(V1);
        assertThat(r.refusals()).singleElement().satisfies(ref -> {
            assertThat(ref.candidate()).isEqualTo(V2);
            assertThat(ref.reason()).isEqualTo("is a symbolic link, not a version directory (the store reads regular "
                    + "files and directories only and never follows links)");
        });
        // A link to a complete version outside the root is refused the same way.
        Files.delete(v2);
        Files.createSymbolicLink(v2, outside);
        assertThat(resolve().refusals()).extracting(Refusal::reason)
                .singleElement().asString().startsWith("is a symbolic link");
        assertThat(store.versions("s")).extracting(v -> v.name().dirName()).containsExactly(V1);
        assertThatThrownBy(() -> store.load(v2)).isInstanceOf(ModelException.class).hasMessageContaining("symbolic link");
        assertThat(store.verify(v2)).singleElement().asString().contains("is a symbolic link");
    }

    @Test
    void aLinkedFileInsideAVersionIsRefusedNamingTheFile() throws IOException {
        twoVersions(true);
        Path outside = tmp.resolve("metadata-copy.json");
        Files.copy(v2.resolve("metadata.json"), outside);
        Files.delete(v2.resolve("metadata.json"));
        Files.createSymbolicLink(v2.resolve("metadata.json"), outside);
        Resolution r = resolve();
        assertThat(r.rung()).isEqualTo(Rung.SYMBOL);
        assertThat(r.refusals()).singleElement().satisfies(ref -> {
            assertThat(ref.candidate()).isEqualTo(V2);
            assertThat(ref.reason()).isEqualTo("unreadable: " + v2 + "/metadata.json is a symbolic link, not a "
                    + "regular file (the store reads regular files and directories only and never follows links)");
        });
    }

    @Test
    void aModelFileLinkedToDevZeroOrAFifoIsRefusedAtOnceAndTheChainGoesOn() throws Exception {
        twoVersions(true);
        Files.delete(v2.resolve("model.bin"));
        Files.createSymbolicLink(v2.resolve("model.bin"), Path.of("/dev/zero"));
        Resolution r = assertTimeoutPreemptively(Duration.ofSeconds(20), this::resolve);
        assertThat(r.rung()).isEqualTo(Rung.SYMBOL);
        assertThat(r.refusals()).singleElement().extracting(Refusal::reason).asString()
                .endsWith("/model.bin is a symbolic link, not a regular file (the store reads regular files and "
                        + "directories only and never follows links)");

        Files.delete(v2.resolve("model.bin"));
        mkfifo(v2.resolve("model.bin"));
        r = assertTimeoutPreemptively(Duration.ofSeconds(20), this::resolve);
        assertThat(r.rung()).isEqualTo(Rung.SYMBOL);
        assertThat(r.refusals()).singleElement().extracting(Refusal::reason).asString()
                .endsWith("/model.bin is a FIFO (named pipe), not a regular file (the store reads regular files and "
                        + "directories only and never follows links)");
        assertThat(assertTimeoutPreemptively(Duration.ofSeconds(20), () -> store.verify(v2)))
                .anySatisfy(p -> assertThat(p).contains("model.bin is a FIFO"));

        // The manifest itself as a FIFO: the version is not even complete, and is listed.
        Files.delete(v2.resolve("manifest.json"));
        mkfifo(v2.resolve("manifest.json"));
        r = assertTimeoutPreemptively(Duration.ofSeconds(20), this::resolve);
        assertThat(r.model().directory().getFileName()).hasToString(V1);
        assertThat(r.refusals()).singleElement().extracting(Refusal::reason)
                .isEqualTo("manifest.json is a FIFO (named pipe), not a regular file (the store reads regular files "
                        + "and directories only and never follows links)");
    }

    @Test
    void aPointerToAMissingVersionOrALinkedPointerIsListed() throws IOException {
        twoVersions(false);
        Path pointer = store.root().resolve("s/latest-universal_1h-4h-1d");
        Files.writeString(pointer, "universal_1h-4h-1d_v7\n");
        Resolution r = resolve();
        assertThat(r.model().directory().getFileName()).hasToString(V2);
        assertThat(r.refusals()).singleElement().satisfies(ref -> {
            assertThat(ref.candidate()).isEqualTo("universal_1h-4h-1d_v7");
            assertThat(ref.reason()).isEqualTo("the pointer latest-universal_1h-4h-1d names it but it does not exist");
        });
        Path target = tmp.resolve("pointer-target");
        Files.writeString(target, V1 + "\n");
        Files.delete(pointer);
        Files.createSymbolicLink(pointer, target);
        r = resolve();
        assertThat(r.model().directory().getFileName()).hasToString(V2);
        assertThat(r.refusals()).singleElement().satisfies(ref -> {
            assertThat(ref.candidate()).isEqualTo("latest-universal_1h-4h-1d");
            assertThat(ref.reason()).startsWith("latest-universal_1h-4h-1d is a symbolic link, not a regular file");
        });
    }

    @Test
    void aLinkedStrategyDirectoryIsRefusedForReadingAndSaving() throws IOException {
        store = new FileModelStore(tmp.resolve("store"));
        Path real = new FileModelStore(tmp.resolve("elsewhere")).save(Fixtures.universal("s", 1)).getParent();
        Files.createSymbolicLink(store.root().resolve("s"), real);
        assertThatThrownBy(this::resolve).isInstanceOf(ModelException.class)
                .hasMessageContaining("strategy directory " + store.root().resolve("s") + " is a symbolic link");
        assertThatThrownBy(() -> store.save(Fixtures.universal("s", 2))).isInstanceOf(ModelException.class)
                .hasMessageContaining("is a symbolic link");
        assertThat(Files.list(real).filter(p -> p.getFileName().toString().startsWith("universal"))).hasSize(1);
    }

    @Test
    void verifyReportsEveryFileTheManifestDoesNotList() throws IOException {
        twoVersions(false);
        assertThat(store.verify(v2)).isEmpty();
        Files.writeString(v2.resolve("notes.txt"), "hello");
        Files.createDirectory(v2.resolve("extra"));
        Files.createSymbolicLink(v2.resolve("evil\u0007"), tmp.resolve("victim"));
        assertThat(store.verify(v2)).containsExactly(
                "unexpected symbolic link in " + v2 + ": 'evil\\u0007' is not listed in manifest.json",
                "unexpected directory in " + v2 + ": 'extra' is not listed in manifest.json",
                "unexpected regular file in " + v2 + ": 'notes.txt' is not listed in manifest.json");
    }

    @Test
    void pruneAndDeleteLeaveNothingVisibleHalfWayAndSkipWhatIsAlreadyGone() {
        twoVersions(false);
        store.save(Fixtures.universal("s", 4));
        List<Path> removing = new java.util.ArrayList<>();
        assertThat(store.prune("s", 1, false, removing::add)).containsExactly(v1, v2);
        assertThat(removing).containsExactly(v1, v2);
        assertThat(v1).doesNotExist();
        assertThatThrownBy(() -> store.delete("s", V1)).hasMessage("no complete version " + V1 + " in strategy s at "
                + store.root().resolve("s") + ": it does not exist");
    }

    static void mkfifo(Path p) throws IOException, InterruptedException {
        Process proc = new ProcessBuilder("mkfifo", p.toString()).redirectErrorStream(true).start();
        assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).as("mkfifo " + p).isZero();
    }
}
