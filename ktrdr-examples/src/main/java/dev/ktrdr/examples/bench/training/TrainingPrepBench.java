package dev.ktrdr.examples.bench.training;

import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.sampling.internal.MultiSymbolSampler;
import dev.ktrdr.training.split.ChronologicalSplitter;
import dev.ktrdr.training.split.SplitPlan;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The training path before the network, at the scale: ten synthetic symbols × 40,000 hourly bars.
 *
 * <ul>
 * <li>{@code prepareOneSymbol}: {@link StrategyTrainer#prepare} for one symbol: 4h and 1d resampled from 1h,
 *     indicators, fuzzy memberships and alignment on {@code timeframes} (1h, or 1h/4h/1d), context
 *     features, ZigZag-forward labels and pairing;</li>
 * <li>{@code splitTenSymbols}: the chronological purged split of the ten prepared symbols;</li>
 * <li>{@code balancedEpochPlan}: one epoch of balanced batches of 128 over the ten symbols' training rows.</li>
 * </ul>
 *
 * <p>Run: {@code java -cp ktrdr-examples/target/ktrdr.jar org.openjdk.jmh.Main TrainingPrepBench -f 1 -wi 2 -i 3 -w 1 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
@Threads(1)
public class TrainingPrepBench {
    static final int SYMBOLS = 10;
    static final int BARS = 40_000;

    @Param({"1h", "1h,4h,1d"})
    public String timeframes;

    private StrategyTrainer trainer;
    private Strategy strategy;
    private TrainingRequest request;
    private SymbolInfo first;
    private List<Timeframe> tfs;
    private List<SymbolDataset> prepared;
    private int[] trainRows;
    private MultiSymbolSampler sampler;

    /** Generates the market and prepares every symbol once for the split and sampler benchmarks. */
    @Setup
    public void setup() {
        List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.universe(SYMBOLS);
        SyntheticUniverse universe = SyntheticUniverse.of(specs, BARS);
        Map<Symbol, SymbolInfo> infos = universe.infos();
        BarSource source = universe.source();
        tfs = new ArrayList<>();
        for (String t : timeframes.split(",")) {
            tfs.add(Timeframe.parse(t));
        }
        // The same strategy as the universal training benchmark: preparation ignores its model section.
        String yaml = UniversalTrainingBenchmark.strategy(specs, timeframes);
        strategy = StrategyLoader.parse(yaml, "bench.yaml");
        trainer = new StrategyTrainer();
        request = new TrainingRequest(yaml, "bench.yaml", source, infos::get, List.of(), tfs);
        first = infos.get(specs.get(0).symbol());
        prepared = new ArrayList<>();
        for (SyntheticMarket.SymbolSpec s : specs) {
            prepared.add(trainer.prepare(strategy, request, infos.get(s.symbol()), tfs, Timeframe.H1).dataset());
        }
        SplitPlan plan = new ChronologicalSplitter(0.7, 0.15, 0.15).split(prepared);
        trainRows = new int[SYMBOLS];
        for (int k = 0; k < SYMBOLS; k++) {
            trainRows[k] = plan.of(prepared.get(k).symbol()).train().length;
        }
        sampler = new MultiSymbolSampler(MultiSymbolSampler.Strategy.BALANCED, 42);
    }

    /** @return one symbol's paired features and labels */
    @Benchmark
    public SymbolDataset prepareOneSymbol() {
        return trainer.prepare(strategy, request, first, tfs, Timeframe.H1).dataset();
    }

    /** @return the split of the ten symbols */
    @Benchmark
    public SplitPlan splitTenSymbols() {
        return new ChronologicalSplitter(0.7, 0.15, 0.15).split(prepared);
    }

    /** @return one epoch's balanced batches */
    @Benchmark
    public int[][] balancedEpochPlan() {
        return sampler.batches(trainRows, 128, 3);
    }
}
