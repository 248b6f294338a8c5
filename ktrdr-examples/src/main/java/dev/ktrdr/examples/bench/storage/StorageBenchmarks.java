package dev.ktrdr.examples.bench.storage;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.Deployment;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.ModelArtifacts;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.storage.StoreModelLoader;
import dev.ktrdr.storage.VersionInfo;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Model storage speed. Goals (issue 6): resolve and load a model in at most 50 ms; list a store of 10,000
 * versions in at most 1 s.
 * <ul>
 *   <li>{@code resolveUniversal}: the universal model serves (one metadata read, full verify and decode).</li>
 *   <li>{@code resolveAfterRefusals}: the universal model refuses the symbol (excluded), no symbol model,
 *   the group model serves (two metadata reads, one load).</li>
 *   <li>{@code list10000}: {@link FileModelStore#versions} over a strategy with 10,000 versions (names and
 *   manifest presence only).</li>
 * </ul>
 * The model is a stand-in of MLP size ({@link BenchDenseModel}: 60 features, 64 hidden units, about 32 KB).
 * Run: {@code java -cp ktrdr-examples/target/ktrdr.jar org.openjdk.jmh.Main StorageBenchmarks -f 1 -wi 2 -i 3 -w 1 -r 1}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class StorageBenchmarks {
    static final List<Timeframe> TFS = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);
    static final SymbolInfo EURUSD = new SymbolInfo(Symbol.of("EURUSD"), AssetClass.FOREX, "forex", Optional.empty());
    static final SymbolInfo GBPUSD = new SymbolInfo(Symbol.of("GBPUSD"), AssetClass.FOREX, "forex", Optional.empty());

    Path root;
    FileModelStore store;
    UniversalModelLoader loader;

    /** Builds the stores. @throws IOException when the temp directory cannot be written */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("ktrdr-bench-storage");
        store = new FileModelStore(root);
        loader = new StoreModelLoader(store);
        store.save(artifacts("bench", ModelScope.UNIVERSAL, new Deployment(Deployment.Mode.UNIVERSAL, Set.of(),
                Set.of(GBPUSD.symbol()), TFS), 1));
        store.save(artifacts("bench", ModelScope.group("forex"), new Deployment(Deployment.Mode.GROUP_RESTRICTED,
                Set.of(AssetClass.FOREX), Set.of(), TFS), 2));
        // 10,000 versions: one real version, hard-linked (or copied) into 10,000 directory names.
        Path first = store.save(artifacts("big", ModelScope.UNIVERSAL, new Deployment(Deployment.Mode.UNIVERSAL,
                Set.of(), Set.of(), TFS), 3));
        Path dir = first.getParent();
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(first)) {
            ds.forEach(files::add);
        }
        for (int v = 2; v <= 10_000; v++) {
            Path d = Files.createDirectory(dir.resolve("universal_1h-4h-1d_v" + v));
            for (Path f : files) {
                try {
                    Files.createLink(d.resolve(f.getFileName()), f);
                } catch (UnsupportedOperationException | IOException e) {
                    Files.copy(f, d.resolve(f.getFileName()));
                }
            }
        }
    }

    /** Removes the stores. @throws IOException when deleting fails */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        dev.ktrdr.examples.bench.BenchFiles.deleteTree(root);
    }

    /** @return the resolution */
    @Benchmark
    public UniversalModelLoader.Resolution resolveUniversal() {
        return loader.resolve("bench", EURUSD, TFS);
    }

    /** @return the resolution */
    @Benchmark
    public UniversalModelLoader.Resolution resolveAfterRefusals() {
        return loader.resolve("bench", GBPUSD, TFS);
    }

    /** @return the versions */
    @Benchmark
    public List<VersionInfo> list10000() {
        List<VersionInfo> v = store.versions("big");
        if (v.size() != 10_000) {
            throw new IllegalStateException("expected 10000 versions, got " + v.size());
        }
        return v;
    }

    static ModelArtifacts artifacts(String strategy, ModelScope scope, Deployment d, long seed) {
        List<String> names = new ArrayList<>();
        Map<Timeframe, Integer> per = new LinkedHashMap<>();
        for (Timeframe tf : TFS) {
            for (int i = 0; i < 20; i++) {
                names.add(tf.label() + "_ind_" + i + "_set");
            }
            per.put(tf, 20);
        }
        FeatureSpec spec = new FeatureSpec(names);
        List<Symbol> symbols = List.of(Symbol.of("EURUSD"), Symbol.of("BTCUSDT"), Symbol.of("AAPL"));
        Map<Symbol, Long> samples = new LinkedHashMap<>();
        symbols.forEach(s -> samples.put(s, 20_000L));
        ModelMetadata md = new ModelMetadata(strategy, scope, symbols, samples, TFS, Timeframe.H1,
                Instant.parse("2015-01-01T00:00:00Z"), Instant.parse("2020-12-31T23:00:00Z"), d,
                new ModelMetadata.FeatureArchitecture(spec.size(), per, "embedding", 8, names),
                Map.of("test_accuracy", 0.55), "bench-dense", 1, "bench", Instant.parse("2021-01-01T00:00:00Z"), Map.of());
        return new ModelArtifacts(md, BenchDenseModel.random(spec, 64, seed), "name: " + strategy + "\n", "{}", "{}",
                "epoch,loss\n");
    }
}
