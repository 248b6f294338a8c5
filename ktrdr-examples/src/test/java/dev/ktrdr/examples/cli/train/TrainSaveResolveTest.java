package dev.ktrdr.examples.cli.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.api.UniversalModelLoader;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.storage.StoreModelLoader;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Train on synthetic data, save through {@link FileModelStore}, resolve through {@link StoreModelLoader} for
 * a training symbol and an unseen one, and check that the stored model predicts exactly as the trained one.
 */
class TrainSaveResolveTest {
    static final String STRATEGY = "name: save_resolve\n"
            + "version: \"3.0\"\n"
            + "scope: universal\n"
            + "training_data:\n"
            + "  symbols: {mode: multi_symbol, list: [EURUSD, BTCUSDT, ETHUSDT]}\n"
            + "  timeframes: {mode: multi_timeframe, list: [1h, 4h], base_timeframe: 1h}\n"
            + "deployment:\n"
            + "  target_symbols: {mode: universal}\n"
            + "indicators:\n"
            + "  rsi_14: {type: rsi, period: 14}\n"
            + "fuzzy_sets:\n"
            + "  rsi_14: {indicator: rsi_14, low: [0, 30, 50], mid: [30, 50, 70], high: [50, 70, 100]}\n"
            + "model:\n"
            + "  architecture: {hidden_layers: [8]}\n"
            + "  symbol_encoding: {type: embedding, dim: 2, unknown_symbol_dropout: 0.2}\n"
            + "training:\n"
            + "  labels: {source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}\n"
            + "  epochs: 3\n"
            + "  batch_size: 64\n";

    @TempDir
    Path dir;

    @Test
    void aSavedModelResolvesForTrainingAndUnseenSymbolsAndPredictsAsTrained() {
        // EURUSD, GBPUSD, BTCUSDT, ETHUSDT: GBPUSD is never trained on
        SyntheticMarket.Config config = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse().subList(0, 4),
                Timeframe.H1, Instant.parse("2024-01-01T00:00:00Z"), 1500, 11);
        BarSource data = SyntheticMarket.asBarSource(config);
        Map<Symbol, SymbolInfo> infos = SyntheticMarket.infos(config.symbols()).stream()
                .collect(Collectors.toMap(SymbolInfo::symbol, Function.identity()));
        TrainingRequest request = new TrainingRequest(STRATEGY, "save_resolve.yaml", data, infos::get, List.of(), List.of());
        StrategyTrainer trainer = new StrategyTrainer();
        StrategyTrainer.Run run = trainer.run(request, ProgressListener.NONE);
        TradingModel trained = run.result().artifacts().model();

        FileModelStore store = new FileModelStore(dir);
        Path version = store.save(run.result().artifacts());
        assertThat(version.getFileName().toString()).isEqualTo("universal_1h-4h_v1");
        StoreModelLoader loader = new StoreModelLoader(store);
        List<Timeframe> tfs = List.of(Timeframe.H1, Timeframe.H4);

        SymbolInfo btc = infos.get(Symbol.of("BTCUSDT"));
        UniversalModelLoader.Resolution seen = loader.resolve("save_resolve", btc, tfs);
        assertThat(seen.rung()).isEqualTo(UniversalModelLoader.Rung.UNIVERSAL);
        assertThat(seen.unseenSymbol()).isFalse();
        FeatureMatrix btcRows = run.prepared().get(1).dataset().features();
        assertThat(btcRows.symbol()).isEqualTo(btc.symbol());
        double[][] fromStore = predict(seen.model().model(), btcRows, btc.symbol());
        assertThat(fromStore).isDeepEqualTo(predict(trained, btcRows, btc.symbol()));
        assertDistributions(fromStore);

        SymbolInfo gbp = infos.get(Symbol.of("GBPUSD"));
        UniversalModelLoader.Resolution unseen = loader.resolve("save_resolve", gbp, tfs);
        assertThat(unseen.rung()).isEqualTo(UniversalModelLoader.Rung.UNIVERSAL);
        assertThat(unseen.unseenSymbol()).isTrue();
        FeatureMatrix gbpRows = trainer.prepare(StrategyLoader.parse(STRATEGY, "s"), request, gbp, tfs, Timeframe.H1)
                .dataset().features();
        double[][] unseenPredictions = predict(unseen.model().model(), gbpRows, gbp.symbol());
        assertDistributions(unseenPredictions);
        // served through the unknown slot: any other unseen name gives the same probabilities
        assertThat(predict(unseen.model().model(), gbpRows, Symbol.of("NEVERSEEN"))).isDeepEqualTo(unseenPredictions);
        assertThat(predict(unseen.model().model(), gbpRows, btc.symbol())).isNotEqualTo(unseenPredictions);

        // a fresh load of the same version predicts identically
        StoredModel reloaded = store.load(version);
        assertThat(reloaded.metadata().formatId()).isEqualTo("ktrdr-mlp");
        assertThat(predict(reloaded.model(), btcRows, btc.symbol())).isDeepEqualTo(fromStore);
        assertThat(predict(reloaded.model(), gbpRows, gbp.symbol())).isDeepEqualTo(unseenPredictions);
    }

    static double[][] predict(TradingModel model, FeatureMatrix rows, Symbol symbol) {
        double[][] out = new double[rows.rows()][Label.COUNT];
        double[] row = new double[rows.columns()];
        for (int r = 0; r < rows.rows(); r++) {
            rows.copyRow(r, row, 0);
            model.predict(row, symbol, out[r]);
        }
        return out;
    }

    static void assertDistributions(double[][] p) {
        assertThat(p.length).isGreaterThan(1000);
        for (double[] row : p) {
            double sum = 0;
            for (double v : row) {
                assertThat(v).isFinite().isBetween(0.0, 1.0);
                sum += v;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-9));
        }
    }
}
