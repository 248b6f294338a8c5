package dev.ktrdr.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.training.gbdt.GbdtCodec;
import dev.ktrdr.training.gbdt.GbdtModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code model.type: gbdt} strategy end to end through the SDK on a synthetic data folder: train, store (the
 * manifest checksums the tree model file), load back with identical predictions, resolve an unseen symbol, backtest
 * and live, all through the paths the MLP uses.
 */
class GbdtSdkTest {
    @TempDir
    static Path dir;
    static Path data;
    static String yaml;

    static String gbdt(String mlpYaml) {
        return mlpYaml.replace("""
                  type: mlp
                  architecture: {hidden_layers: [24, 12], activation: relu, dropout: 0.1}
                """, """
                  type: gbdt
                  gbdt: {num_trees: 60, learning_rate: 0.1, num_leaves: 15, max_depth: 6, early_stopping_rounds: 5}
                """).replace("symbol_encoding: {type: embedding, dim: 3, unknown_symbol_dropout: 0.1}",
                "symbol_encoding: {type: index, unknown_symbol_dropout: 0.1}");
    }

    @BeforeAll
    static void market() throws IOException {
        data = dir.resolve("data");
        SyntheticMarket.Config config = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2020-01-01T00:00:00Z"), 4_000, 42);
        Map<Symbol, BarSeries> series = SyntheticMarket.generate(config);
        SyntheticMarket.writeFolder(data, config, series);
        try (InputStream in = GbdtSdkTest.class.getResourceAsStream("/strategies/sdk_universal.yaml")) {
            yaml = gbdt(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertThat(yaml).contains("type: gbdt", "type: index");
    }

    @Test
    void aStoredTreeModelLoadsBackIdenticallyResolvesAnUnseenSymbolAndBacktests() throws IOException {
        Ktrdr k = Ktrdr.open(data, dir.resolve("models"));
        TrainingReport trained = k.train(StrategyInput.text(yaml, "gbdt.yaml"), TrainOptions.DEFAULTS);
        assertThat(trained.overall().rows()).isPositive();
        assertThat(trained.toJson()).contains("\"edge_ci_low\"");
        Path version = k.store(trained);

        // the manifest checksums model.bin, which holds the native model text
        String manifest = Files.readString(version.resolve(FileModelStore.MANIFEST_FILE));
        assertThat(manifest).contains(FileModelStore.MODEL_FILE);
        assertThat(Files.readString(version.resolve("metadata.json"))).contains(GbdtCodec.FORMAT_ID);
        assertThat(Files.readString(version.resolve("metrics.json"))).contains("\"gain_importance\"",
                "\"permutation_importance_test\"");

        GbdtModel trainedModel = (GbdtModel) trained.artifacts().model();
        GbdtModel loaded = (GbdtModel) new FileModelStore(dir.resolve("models")).load(version).model();
        assertThat(loaded.modelBytes()).isEqualTo(trainedModel.modelBytes());
        double[] row = new double[loaded.featureSpec().size()];
        double[] a = new double[Label.COUNT];
        double[] b = new double[Label.COUNT];
        for (int i = 0; i < 50; i++) {
            for (int c = 0; c < row.length; c++) {
                row[c] = ((i * 31 + c * 7) % 17) / 16.0;
            }
            for (String s : new String[] {"EURUSD", "BTCUSDT", "NEVER-SEEN"}) {
                trainedModel.predict(row, Symbol.of(s), a);
                loaded.predict(row, Symbol.of(s), b);
                assertThat(b).containsExactly(a);
                assertThat(a[0] + a[1] + a[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
            }
        }

        // one flipped byte of the tree text in model.bin: refused by the manifest check before any decoding
        byte[] bin = Files.readAllBytes(version.resolve(FileModelStore.MODEL_FILE));
        bin[bin.length - 100] ^= 1;
        Path broken = dir.resolve("broken").resolve("sdk_universal").resolve(version.getFileName());
        copy(version, broken);
        Files.write(broken.resolve(FileModelStore.MODEL_FILE), bin);
        assertThatThrownBy(() -> new FileModelStore(dir.resolve("broken")).load(broken))
                .isInstanceOf(ModelException.class).hasMessageContaining("model.bin").hasMessageContaining("checksum");

        Resolution unseen = k.resolve("sdk_universal", "ETHUSDT");
        assertThat(unseen.rung()).isEqualTo(UniversalModelLoader.Rung.UNIVERSAL);
        assertThat(unseen.unseenSymbol()).isTrue();
        BacktestReport bt = k.backtest(unseen, BacktestOptions.DEFAULTS);
        assertThat(bt.equity()).hasSize(bt.bars());
        assertThat(bt.figures().tradeCount()).isEqualTo(bt.trades().size());
        assertThat(bt.toJson()).contains("\"total_return\"");

        Resolution seen = k.resolve("sdk_universal", "EURUSD");
        assertThat(k.backtest(seen, BacktestOptions.DEFAULTS.from(trained.testCut())).inSampleOverlap()).isFalse();
        assertThat(k.live(seen).featureSpec()).isEqualTo(trainedModel.featureSpec());
        assertThat(k.writeReport(trained, dir.resolve("training-report"))).exists();
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
