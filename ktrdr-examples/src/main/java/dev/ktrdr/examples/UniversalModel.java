package dev.ktrdr.examples;

import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.storage.StoreModelLoader;
import dev.ktrdr.training.eval.ClassificationMetrics;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.nio.file.Path;
import java.util.List;

/**
 * One model for many symbols: train the universal demo strategy (symbol embedding with an unknown-symbol
 * slot, balanced sampling) on four symbols of three asset classes, store it, let the loader resolve a
 * model for a fifth symbol it never saw, and measure that model on the fifth symbol's bars.
 */
public final class UniversalModel {
    private static final List<Timeframe> TIMEFRAMES = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);

    private UniversalModel() {
    }

    /**
     * @param training the training run
     * @param resolution what the loader served for the unseen symbol
     * @param unseen the unseen symbol's metrics (accuracy beside its own majority-class baseline)
     */
    public record Result(StrategyTrainer.Run training, UniversalModelLoader.Resolution resolution,
                         ClassificationMetrics unseen) {
    }

    /** @param args optional: a model store folder (default {@code ktrdr-models}) */
    public static void main(String[] args) {
        Result r = run(Path.of(args.length > 0 ? args[0] : "ktrdr-models"), 4_000);
        System.out.println("training symbols: " + r.training().test().overall());
        System.out.println("served by " + r.resolution().rung() + " (unseen: " + r.resolution().unseenSymbol() + "): " + r.unseen());
    }

    /**
     * @param storeDir the model store folder
     * @param bars hourly bars per synthetic symbol
     * @return the run, the resolution and the unseen symbol's metrics
     */
    public static Result run(Path storeDir, int bars) {
        // equal bar counts span different times (equities trade 7 h a day): cut all to the span they share
        BarSource market = Examples.commonWindow(Examples.market(bars, 11));
        String yaml = Examples.resource("demo/universal_demo.yaml");
        StrategyTrainer trainer = new StrategyTrainer();
        StrategyTrainer.Run run = trainer.run(new TrainingRequest(yaml, "universal_demo.yaml", market, Examples.infos()::get,
                List.of(Symbol.of("EURUSD"), Symbol.of("BTCUSDT"), Symbol.of("AAPL"), Symbol.of("SPY")), TIMEFRAMES),
                ProgressListener.NONE);
        FileModelStore store = new FileModelStore(storeDir);
        store.save(run.result().artifacts());

        SymbolInfo unseen = Examples.infos().get(Symbol.of("GBPUSD"));
        UniversalModelLoader.Resolution served = new StoreModelLoader(store).resolve(run.strategy().name(), unseen, TIMEFRAMES);

        // the unseen symbol's features and labels through the same pipeline, then every labelled row
        Strategy strategy = StrategyLoader.parse(yaml, "universal_demo.yaml");
        SymbolDataset data = trainer.prepare(strategy, new TrainingRequest(yaml, "universal_demo.yaml", market,
                Examples.infos()::get, List.of(unseen.symbol()), TIMEFRAMES), unseen, TIMEFRAMES, Timeframe.H1).dataset();
        double[] p = served.model().model().predict(data.features());
        int labelled = data.labelledRows();
        byte[] actual = new byte[labelled];
        byte[] predicted = new byte[labelled];
        int k = 0;
        for (int r = 0; r < data.rows(); r++) {
            byte c = data.classAt(r);
            if (c == Label.NONE) {
                continue;
            }
            actual[k] = c;
            int best = 0;
            for (int j = 1; j < Label.COUNT; j++) {
                if (p[r * Label.COUNT + j] > p[r * Label.COUNT + best]) {
                    best = j;
                }
            }
            predicted[k++] = (byte) best;
        }
        return new Result(run, served, ClassificationMetrics.of(actual, predicted));
    }
}
