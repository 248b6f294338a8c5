package dev.ktrdr.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader.Resolution;
import dev.ktrdr.api.UniversalModelLoader.Rung;
import dev.ktrdr.storage.testcodec.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileModelStore#deploy}: compatibility checked, the record written atomically, tried first by the loader. */
class DeploymentRecordTest {
    static final List<Timeframe> TFS = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);
    static final Symbol EURUSD = Symbol.of("EURUSD");
    static final Symbol GBPUSD = Symbol.of("GBPUSD");
    static final SymbolInfo EUR = new SymbolInfo(EURUSD, AssetClass.FOREX, "forex", Optional.empty());

    @TempDir
    Path tmp;

    FileModelStore withUniversalAndSymbolModels() {
        FileModelStore s = new FileModelStore(tmp);
        s.save(Fixtures.artifacts("strat", ModelScope.UNIVERSAL, TFS, Fixtures.universal(TFS), List.of(EURUSD), 1));
        s.save(Fixtures.artifacts("strat", ModelScope.symbol(EURUSD), TFS, Fixtures.trainingOnly(TFS), List.of(EURUSD), 2));
        s.save(Fixtures.artifacts("strat", ModelScope.symbol(GBPUSD), TFS, Fixtures.trainingOnly(TFS), List.of(GBPUSD), 3));
        return s;
    }

    /** Every file of the store with its bytes, to show that a refused deploy changes nothing. */
    Map<String, String> snapshot() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(tmp)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                out.put(tmp.relativize(p).toString(), Files.isRegularFile(p) ? Arrays.toString(Files.readAllBytes(p)) : "dir");
            }
        }
        return out;
    }

    @Test
    void aDeployedVersionServesBeforeTheFallbackChainAndTheResolutionSaysSo() throws IOException {
        FileModelStore s = withUniversalAndSymbolModels();
        StoreModelLoader loader = new StoreModelLoader(s);
        Resolution before = loader.resolve("strat", EUR, TFS);
        assertThat(before.rung()).isEqualTo(Rung.UNIVERSAL);
        assertThat(before.deployed()).isFalse();

        Path record = s.deploy("strat", "EURUSD_1h-4h-1d_v1", EUR, List.of(Timeframe.D1, Timeframe.H1, Timeframe.H4));
        assertThat(record.getFileName().toString()).isEqualTo("deployed-EURUSD_1h-4h-1d");
        assertThat(Files.readString(record).trim()).isEqualTo("EURUSD_1h-4h-1d_v1");
        assertThat(s.deployed("strat", EURUSD, TFS)).contains(tmp.resolve("strat/EURUSD_1h-4h-1d_v1"));

        Resolution after = loader.resolve("strat", EUR, TFS);
        assertThat(after.deployed()).isTrue();
        assertThat(after.deployment()).isEqualTo("deployed-EURUSD_1h-4h-1d");
        assertThat(after.rung()).isEqualTo(Rung.SYMBOL);
        assertThat(after.model().directory().getFileName().toString()).isEqualTo("EURUSD_1h-4h-1d_v1");
        // the record is not a version: listings and versions are as before
        assertThat(s.versions("strat")).hasSize(3);

        // deploying another version replaces the record
        s.deploy("strat", "universal_1h-4h-1d_v1", EUR, TFS);
        assertThat(loader.resolve("strat", EUR, TFS).model().directory().getFileName().toString())
                .isEqualTo("universal_1h-4h-1d_v1");
        try (Stream<Path> files = Files.list(tmp.resolve("strat"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.contains("tmp"))).isEmpty();
        }
    }

    @Test
    void anIncompatibleDeployIsRefusedInOneLineAndChangesNothing() throws IOException {
        FileModelStore s = withUniversalAndSymbolModels();
        Map<String, String> before = snapshot();
        assertThatThrownBy(() -> s.deploy("strat", "GBPUSD_1h-4h-1d_v1", EUR, TFS))
                .isInstanceOf(ModelException.class)
                .hasMessage("refusing to deploy strat/GBPUSD_1h-4h-1d_v1 for EURUSD on [1h, 4h, 1d]: deployment is "
                        + "training_only and EURUSD was not trained on");
        assertThatThrownBy(() -> s.deploy("strat", "universal_1h-4h-1d_v1", EUR, List.of(Timeframe.H1)))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("timeframes [1h] differ from the supported [1h, 4h, 1d]")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> s.deploy("strat", "universal_1h-4h-1d_v9", EUR, TFS))
                .isInstanceOf(ModelException.class)
                .hasMessageNotContaining("\n");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(s.deployed("strat", EURUSD, TFS)).isEmpty();
    }

    @Test
    void aDeploymentWhoseVersionNoLongerServesIsARefusalAndTheChainDecides() throws IOException {
        FileModelStore s = withUniversalAndSymbolModels();
        s.save(Fixtures.artifacts("strat", ModelScope.symbol(EURUSD), TFS, Fixtures.trainingOnly(TFS), List.of(EURUSD), 4));
        s.deploy("strat", "EURUSD_1h-4h-1d_v1", EUR, TFS);
        s.delete("strat", "EURUSD_1h-4h-1d_v1");
        Resolution r = new StoreModelLoader(s).resolve("strat", EUR, TFS);
        assertThat(r.deployed()).isFalse();
        assertThat(r.rung()).isEqualTo(Rung.UNIVERSAL);
        assertThat(r.refusals()).anySatisfy(f -> {
            assertThat(f.candidate()).isEqualTo("deployed-EURUSD_1h-4h-1d");
            assertThat(f.reason()).contains("EURUSD_1h-4h-1d_v1");
        });
    }
}
