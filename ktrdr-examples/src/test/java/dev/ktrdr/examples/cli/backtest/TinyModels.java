package dev.ktrdr.examples.cli.backtest;

import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Synthetic data folders and tiny models saved straight into a store through the library, for CLI tests. */
final class TinyModels {
    /** A universal two-timeframe strategy that trains in about a second. */
    static final String STRATEGY = "name: tiny_universal\n"
            + "version: \"3.0\"\n"
            + "scope: universal\n"
            + "training_data:\n"
            + "  symbols: {mode: multi_symbol, list: [BTCUSDT, ETHUSDT]}\n"
            + "  timeframes: {mode: multi_timeframe, list: [1h, 4h], base_timeframe: 1h}\n"
            + "deployment:\n"
            + "  target_symbols: {mode: universal}\n"
            + "indicators:\n"
            + "  rsi_14: {type: rsi, period: 14}\n"
            + "  sma_20: {type: sma, period: 20}\n"
            + "fuzzy_sets:\n"
            + "  rsi_14: {indicator: rsi_14, low: [0, 30, 50], mid: [30, 50, 70], high: [50, 70, 100]}\n"
            + "  sma_20: {indicator: sma_20, input_transform: {type: price_ratio},"
            + " below: [0.97, 0.99, 1.0], near: [0.99, 1.0, 1.01], above: [1.0, 1.01, 1.03]}\n"
            + "model:\n"
            + "  architecture: {hidden_layers: [8]}\n"
            + "decisions: {confidence_threshold: 0.4, position_awareness: true, allow_short: true,"
            + " filters: {min_signal_separation: 2}}\n"
            + "training:\n"
            + "  labels: {source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}\n"
            + "  epochs: 3\n"
            + "  batch_size: 64\n";

    private TinyModels() {
    }

    /** Writes every symbol of the default synthetic universe, 1h bars, into dir. */
    static void writeData(Path dir, int bars) {
        SyntheticMarket.Config c = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2024-01-01T00:00:00Z"), bars, 3);
        SyntheticMarket.writeFolder(dir, c, SyntheticMarket.generate(c));
    }

    /** Trains the strategy on the data folder and saves the model into the store; returns the version directory. */
    static Path trainAndSave(String yaml, Path data, Path store, List<Symbol> symbols) {
        DataFolder folder = new DataFolder(data);
        var result = new StrategyTrainer().train(new TrainingRequest(yaml, "tiny.yaml", folder,
                s -> folder.registry().info(s), symbols, List.of()), ProgressListener.NONE);
        return new FileModelStore(store).save(result.artifacts());
    }

    static Path writeStrategy(Path dir, String yaml) throws IOException {
        Files.createDirectories(dir);
        Path p = dir.resolve("tiny.yaml");
        Files.writeString(p, yaml);
        return p;
    }
}
