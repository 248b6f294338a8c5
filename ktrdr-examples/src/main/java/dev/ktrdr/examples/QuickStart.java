package dev.ktrdr.examples;

import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.training.eval.ClassificationMetrics;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One symbol from bars to a stored model: train a strategy on EURUSD (1h, 4h, 1d) and compare its test
 * accuracy with the majority-class baseline. The body of {@link #run} between the {@code quick start}
 * comments is the README's Java quick start, line for line ({@code QuickStartReadmeTest} checks it).
 */
public final class QuickStart {
    private QuickStart() {
    }

    /**
     * @param args optional: a model store folder (default {@code ktrdr-models})
     */
    public static void main(String[] args) {
        run(Examples.resource("quickstart.yaml"), Path.of(args.length > 0 ? args[0] : "ktrdr-models"), 6_000);
    }

    /**
     * @param strategyYaml the text of a strategy file (the examples use {@code dev/ktrdr/examples/quickstart.yaml})
     * @param storeDir the model store folder
     * @param bars hourly bars of synthetic data
     * @return the training run (test metrics, split, model)
     */
    public static StrategyTrainer.Run run(String strategyYaml, Path storeDir, int bars) {
        // quick start: begin
        SyntheticMarket.Config config = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2020-01-01T00:00:00Z"), bars, 42);      // six symbols over three asset classes
        BarSource market = SyntheticMarket.asBarSource(config);          // or new DataFolder(Path.of("data"))
        Map<Symbol, SymbolInfo> symbols = new HashMap<>();               // asset class and calendar of each symbol
        SyntheticMarket.infos(config.symbols()).forEach(i -> symbols.put(i.symbol(), i));

        StrategyTrainer.Run run = new StrategyTrainer().run(new TrainingRequest(strategyYaml, "quickstart.yaml", market,
                symbols::get, List.of(Symbol.of("EURUSD")), List.of()), ProgressListener.NONE);
        ClassificationMetrics test = run.test().overall();               // rows after the test cut only
        Path version = new FileModelStore(storeDir).save(run.result().artifacts());
        System.out.printf("test accuracy %.3f vs majority baseline %.3f; model stored in %s%n",
                test.accuracy(), test.baseline(), version);
        // quick start: end
        return run;
    }
}
