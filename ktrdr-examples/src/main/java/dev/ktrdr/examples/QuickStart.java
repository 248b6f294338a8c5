package dev.ktrdr.examples;

import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import java.nio.file.Path;
import java.util.List;

/**
 * One symbol from bars to a stored model: train the quick-start strategy on EURUSD (1h, 4h, 1d) and
 * compare its test accuracy with the majority-class baseline. The body of {@link #run} is the README's
 * Java quick start, word for word ({@code QuickStartTest} checks it).
 */
public final class QuickStart {
    private QuickStart() {
    }

    /**
     * @param args optional: a model store folder (default {@code ktrdr-models})
     */
    public static void main(String[] args) {
        StrategyTrainer.Run run = run(Path.of(args.length > 0 ? args[0] : "ktrdr-models"), 6_000);
        System.out.println(run.test().overall());
    }

    /**
     * @param storeDir the model store folder
     * @param bars hourly bars of synthetic data
     * @return the training run (test metrics, split, model)
     */
    public static StrategyTrainer.Run run(Path storeDir, int bars) {
        // quick start: begin
        BarSource market = SyntheticMarket.asBarSource(Examples.market(bars, 42)); // or new DataFolder(Path.of("data"))
        String strategy = Examples.resource("quickstart.yaml");                     // or Files.readString(Path.of("s.yaml"))
        StrategyTrainer.Run run = new StrategyTrainer().run(new TrainingRequest(strategy, "quickstart.yaml", market,
                Examples.infos()::get, List.of(Symbol.of("EURUSD")), List.of()), ProgressListener.NONE);
        Path version = new FileModelStore(storeDir).save(run.result().artifacts());
        System.out.printf("test accuracy %.3f vs majority baseline %.3f; stored in %s%n",
                run.test().overall().accuracy(), run.test().overall().baseline(), version);
        // quick start: end
        return run;
    }
}
