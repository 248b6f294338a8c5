package dev.ktrdr.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.Deployment;
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
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreModelLoaderTest {
    static final List<Timeframe> TFS = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);
    static final Symbol EURUSD = Symbol.of("EURUSD");
    static final Symbol GBPUSD = Symbol.of("GBPUSD");
    static final SymbolInfo EUR = new SymbolInfo(EURUSD, AssetClass.FOREX, "forex", Optional.empty());
    static final SymbolInfo GBP = new SymbolInfo(GBPUSD, AssetClass.FOREX, "forex", Optional.empty());

    @TempDir
    Path tmp;

    FileModelStore store() {
        return new FileModelStore(tmp);
    }

    void saveUniversal(FileModelStore s, Deployment d) {
        s.save(Fixtures.artifacts("strat", ModelScope.UNIVERSAL, TFS, d, List.of(EURUSD, Symbol.of("BTCUSDT")), 1));
    }

    void saveSymbol(FileModelStore s, Symbol sym) {
        s.save(Fixtures.artifacts("strat", ModelScope.symbol(sym), TFS, Fixtures.trainingOnly(TFS), List.of(sym), 2));
    }

    void saveGroup(FileModelStore s, String group) {
        s.save(Fixtures.artifacts("strat", ModelScope.group(group), TFS,
                Fixtures.groupRestricted(TFS, AssetClass.FOREX), List.of(EURUSD), 3));
    }

    @Test
    void universalModelServesATrainedSymbolFirst() {
        FileModelStore s = store();
        saveUniversal(s, Fixtures.universal(TFS));
        saveSymbol(s, EURUSD);
        Resolution r = new StoreModelLoader(s).resolve("strat", EUR, List.of(Timeframe.D1, Timeframe.H1, Timeframe.H4));
        assertThat(r.rung()).isEqualTo(Rung.UNIVERSAL);
        assertThat(r.refusals()).isEmpty();
        assertThat(r.unseenSymbol()).isFalse();
        assertThat(r.model().directory().getFileName().toString()).isEqualTo("universal_1h-4h-1d_v1");
    }

    @Test
    void anUnseenSymbolIsServedByTheUniversalModelAndFlagged() {
        FileModelStore s = store();
        saveUniversal(s, Fixtures.universal(TFS));
        Resolution r = new StoreModelLoader(s).resolve("strat", GBP, TFS);
        assertThat(r.rung()).isEqualTo(Rung.UNIVERSAL);
        assertThat(r.unseenSymbol()).isTrue();
    }

    @Test
    void anExcludedSymbolFallsBackToItsOwnModel() {
        FileModelStore s = store();
        saveUniversal(s, new Deployment(Deployment.Mode.UNIVERSAL, Set.of(), Set.of(GBPUSD), TFS));
        saveSymbol(s, GBPUSD);
        Resolution r = new StoreModelLoader(s).resolve("strat", GBP, TFS);
        assertThat(r.rung()).isEqualTo(Rung.SYMBOL);
        assertThat(r.unseenSymbol()).isFalse();
        assertThat(r.refusals()).containsExactly(new Refusal("universal_1h-4h-1d_v1",
                "symbol GBPUSD is excluded by the deployment"));
    }

    @Test
    void aTrainingOnlyOrAssetClassRestrictedUniversalModelFallsBackToTheGroupModel() {
        FileModelStore s = store();
        saveUniversal(s, Fixtures.trainingOnly(TFS));
        s.save(Fixtures.artifacts("strat", ModelScope.UNIVERSAL, List.of(Timeframe.H1), Fixtures.groupRestricted(
                List.of(Timeframe.H1), AssetClass.CRYPTO), List.of(Symbol.of("BTCUSDT")), 4));
        saveGroup(s, "forex");
        Resolution r = new StoreModelLoader(s).resolve("strat", GBP, TFS);
        assertThat(r.rung()).isEqualTo(Rung.GROUP);
        assertThat(r.model().metadata().scope()).isEqualTo(ModelScope.group("forex"));
        assertThat(r.refusals()).extracting(Refusal::candidate).containsExactly("universal_1h-4h-1d_v1", "universal_1h_v1",
                "symbol rung GBPUSD_*");
        assertThat(r.refusals().get(0).reason()).contains("training_only").contains("GBPUSD was not trained on");
        assertThat(r.refusals().get(1).reason()).contains("asset class forex");
        assertThat(r.refusals().get(2).reason()).contains("no symbol-specific GBPUSD model");
        assertThat(r.unseenSymbol()).isTrue();

        Resolution asked1h = new StoreModelLoader(s).resolve("strat", new SymbolInfo(Symbol.of("SOLUSDT"),
                AssetClass.CRYPTO, "crypto", Optional.empty()), List.of(Timeframe.H1));
        assertThat(asked1h.rung()).isEqualTo(Rung.UNIVERSAL);
        assertThat(asked1h.model().directory().getFileName().toString()).isEqualTo("universal_1h_v1");
    }

    @Test
    void theSymbolsConfiguredGroupIsTriedBeforeItsAssetClass() {
        FileModelStore s = store();
        saveGroup(s, "forex");
        saveGroup(s, "majors");
        SymbolInfo major = new SymbolInfo(GBPUSD, AssetClass.FOREX, "forex", Optional.of("majors"));
        Resolution r = new StoreModelLoader(s).resolve("strat", major, TFS);
        assertThat(r.rung()).isEqualTo(Rung.GROUP);
        assertThat(r.model().metadata().scope()).isEqualTo(ModelScope.group("majors"));
        assertThat(new StoreModelLoader(s).resolve("strat", GBP, TFS).model().metadata().scope())
                .isEqualTo(ModelScope.group("forex"));
    }

    @Test
    void anUnsupportedTimeframeSetFailsListingEveryCandidateAndWhy() {
        FileModelStore s = store();
        saveUniversal(s, Fixtures.universal(TFS));
        saveSymbol(s, EURUSD);
        saveGroup(s, "forex");
        List<Timeframe> asked = List.of(Timeframe.H1, Timeframe.H4);
        assertThatThrownBy(() -> new StoreModelLoader(s).resolve("strat", EUR, asked))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("universal_1h-4h-1d_v1").hasMessageContaining("EURUSD_1h-4h-1d_v1")
                .hasMessageContaining("group-forex_1h-4h-1d_v1").hasMessageContaining("differ from the supported")
                .satisfies(e -> assertThat(((StoreModelLoader.NoModelException) e).refusals()).hasSize(3)
                        .allSatisfy(ref -> assertThat(ref.reason()).contains("timeframes [1h, 4h] differ")));
    }

    @Test
    void aDamagedCandidateIsRefusedNamingTheFileAndTheChainGoesOn() throws IOException {
        FileModelStore s = store();
        saveUniversal(s, Fixtures.universal(TFS));
        saveSymbol(s, EURUSD);
        StoreTestSupport.flipByte(tmp.resolve("strat/universal_1h-4h-1d_v1/model.bin"), 5);
        Resolution r = new StoreModelLoader(s).resolve("strat", EUR, TFS);
        assertThat(r.rung()).isEqualTo(Rung.SYMBOL);
        assertThat(r.refusals()).singleElement().satisfies(ref -> assertThat(ref.reason())
                .contains("cannot be loaded").contains("model.bin"));
        StoreTestSupport.flipByte(tmp.resolve("strat/EURUSD_1h-4h-1d_v1/metadata.json"), 5);
        assertThatThrownBy(() -> new StoreModelLoader(s).resolve("strat", EUR, TFS))
                .hasMessageContaining("metadata.json").hasMessageContaining("no group (group-forex) model");
    }

    @Test
    void onlyTheLatestVersionOfASeriesServes() {
        FileModelStore s = store();
        saveUniversal(s, Fixtures.universal(TFS));
        saveUniversal(s, new Deployment(Deployment.Mode.UNIVERSAL, Set.of(), Set.of(EURUSD), TFS));
        assertThatThrownBy(() -> new StoreModelLoader(s).resolve("strat", EUR, TFS))
                .hasMessageContaining("universal_1h-4h-1d_v2").hasMessageContaining("excluded");
        s.promote("strat", "universal_1h-4h-1d_v1");
        assertThat(new StoreModelLoader(s).resolve("strat", EUR, TFS).model().version()).isEqualTo(1);
    }

    @Test
    void anUnknownStrategyFailsNamingEveryRung() {
        assertThatThrownBy(() -> new StoreModelLoader(store()).resolve("nothing", EUR, TFS))
                .hasMessageContaining("no universal model").hasMessageContaining("no symbol-specific EURUSD model")
                .hasMessageContaining("no group (group-forex) model");
    }

    @Test
    void compatibleListsOnlyVersionsWhoseDeploymentAllows() {
        FileModelStore s = store();
        saveUniversal(s, Fixtures.universal(TFS));
        saveSymbol(s, EURUSD);
        saveSymbol(s, GBPUSD);
        assertThat(new StoreModelLoader(s).compatible("strat", GBP, TFS)).extracting(v -> v.name().dirName())
                .containsExactly("GBPUSD_1h-4h-1d_v1", "universal_1h-4h-1d_v1");
    }
}
