package dev.ktrdr.examples.bench.training;

import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scale test as one program (a whole training run is too long for JMH iterations): a universal
 * model on ten synthetic symbols × 40,000 hourly bars, on {@code 1h} alone or on {@code 1h,4h,1d} (4h and 1d
 * resampled from 1h), printing one table row:
 * <ul>
 * <li>{@code prep cold / warm s}: features and labels of all ten symbols ({@link StrategyTrainer#prepare} on
 *     two threads, as the trainer does): first call in the JVM, then the best of three more;</li>
 * <li>{@code retained MB}: heap held by the ten prepared datasets after a full GC;</li>
 * <li>{@code train run s}, {@code s/epoch}, {@code epochs}, {@code best}: the whole {@link StrategyTrainer#run}
 *     (preparation, MLP with early stopping, evaluation, artefacts), the mean epoch time, epochs run and the
 *     best epoch;</li>
 * <li>{@code peak heap MB}: the sum of the heap pools' peak usage over the whole program (an upper
 *     bound: pools peak at different times), and the largest heap use seen by a 5 ms sampler.</li>
 * </ul>
 * Run each timeframe set in its own JVM so that peaks do not mix:
 * {@code java -Xmx2g -cp ktrdr-examples/target/ktrdr.jar dev.ktrdr.examples.bench.training.UniversalTrainingBenchmark 1h,4h,1d}
 */
public final class UniversalTrainingBenchmark {
    static final int SYMBOLS = 10;
    static final int BARS = 40_000;

    private UniversalTrainingBenchmark() {
    }

    /**
     * @param args the timeframe set, e.g. {@code 1h} or {@code 1h,4h,1d} (default)
     * @throws Exception when a step fails
     */
    public static void main(String[] args) throws Exception {
        String timeframes = args.length > 0 ? args[0] : "1h,4h,1d";
        AtomicLong sampledPeak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            var mem = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                sampledPeak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);
        sampler.start();

        List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.universe(SYMBOLS);
        SyntheticUniverse universe = SyntheticUniverse.of(specs, BARS);
        Map<Symbol, SymbolInfo> infos = universe.infos();
        BarSource source = universe.source();
        List<Timeframe> tfs = new ArrayList<>();
        for (String t : timeframes.split(",")) {
            tfs.add(Timeframe.parse(t));
        }
        String yaml = strategy(specs, timeframes);
        Strategy strategy = StrategyLoader.parse(yaml, "bench.yaml");
        StrategyTrainer trainer = new StrategyTrainer();
        TrainingRequest request = new TrainingRequest(yaml, "bench.yaml", source, infos::get, List.of(), tfs);

        long before = usedAfterGc();
        long t0 = System.nanoTime();
        List<StrategyTrainer.Prepared> kept = prepareAll(trainer, strategy, request, specs, infos, tfs);
        double cold = (System.nanoTime() - t0) / 1e9;
        long retained = usedAfterGc() - before;
        int rows = kept.stream().mapToInt(p -> p.dataset().rows()).sum();
        int columns = kept.get(0).dataset().features().columns();
        kept = null;
        double warm = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            prepareAll(trainer, strategy, request, specs, infos, tfs);
            warm = Math.min(warm, (System.nanoTime() - t) / 1e9);
        }

        long[] prepEnd = {0};
        long t1 = System.nanoTime();
        ProgressListener progress = e -> {
            if (e.stage().equals("prepare") && e.done() == e.total()) {
                prepEnd[0] = System.nanoTime();
            }
        };
        StrategyTrainer.Run run = trainer.run(request, progress);
        double total = (System.nanoTime() - t1) / 1e9;
        double inRunPrep = (prepEnd[0] - t1) / 1e9;
        sampler.interrupt();

        long poolPeak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                poolPeak += p.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "| timeframes | rows x cols | prep cold s | prep warm s | prep in run s | retained MB "
                + "| train run s | s/epoch | epochs | best | stopped early | test acc | per-symbol baseline | peak heap MB (pools / sampled) "
                + "| max heap MB |%n");
        System.out.printf(Locale.ROOT, "| %s | %d x %d | %.2f | %.2f | %.2f | %.0f | %.1f | %.2f | %d | %d | %s | %.3f | %.3f "
                        + "| %.0f / %.0f | %.0f |%n",
                timeframes, rows, columns, cold, warm, inRunPrep, retained / 1e6, total,
                run.training().history().stream().mapToDouble(e -> e.seconds()).average().orElse(Double.NaN),
                run.training().history().size(), run.training().bestEpoch() + 1, run.training().stoppedEarly(),
                run.test().overall().accuracy(), run.test().perSymbolBaseline(), poolPeak / 1e6, sampledPeak.get() / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
    }

    private static List<StrategyTrainer.Prepared> prepareAll(StrategyTrainer trainer, Strategy strategy,
                                                           TrainingRequest request, List<SyntheticMarket.SymbolSpec> specs,
                                                           Map<Symbol, SymbolInfo> infos, List<Timeframe> tfs)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<StrategyTrainer.Prepared>> futures = new ArrayList<>();
            for (SyntheticMarket.SymbolSpec s : specs) {
                futures.add(pool.submit(() -> trainer.prepare(strategy, request, infos.get(s.symbol()), tfs, Timeframe.H1)));
            }
            List<StrategyTrainer.Prepared> out = new ArrayList<>();
            for (Future<StrategyTrainer.Prepared> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long usedAfterGc() {
        // two collections settle objects that the first one only made unreachable
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static String strategy(List<SyntheticMarket.SymbolSpec> specs, String timeframes) {
        return "name: bench\nversion: \"3.0\"\nscope: universal\n"
                + "training_data:\n  symbols: {mode: multi_symbol, list: [" + String.join(", ",
                specs.stream().map(s -> s.symbol().value()).toList()) + "]}\n"
                + "  timeframes: {mode: multi_timeframe, list: [" + timeframes + "], base_timeframe: 1h}\n"
                + "indicators:\n  rsi_14: {type: rsi, period: 14}\n  sma_20: {type: sma, period: 20}\n"
                + "  macd: {type: macd, fast_period: 12, slow_period: 26, signal_period: 9}\n"
                + "fuzzy_sets:\n  rsi_14: {indicator: rsi_14, low: [0, 30, 50], mid: [30, 50, 70], high: [50, 70, 100]}\n"
                + "  sma_20: {indicator: sma_20, input_transform: {type: price_ratio}, below: [0.95, 0.99, 1.0], "
                + "above: [1.0, 1.01, 1.05]}\n"
                + "  macd_hist: {indicator: macd.histogram, input_transform: {type: percent_of_price}, "
                + "neg: [-2, -0.5, 0], pos: [0, 0.5, 2]}\n"
                + "model:\n  architecture: {hidden_layers: [64, 32], activation: relu, dropout: 0.2}\n"
                + "  symbol_encoding: {type: embedding, dim: 4, unknown_symbol_dropout: 0.05}\n"
                + "  multi_symbol: {balance_strategy: balanced}\n"
                + "  features: {include_price_context: true, lookback_periods: 1}\n"
                + "training:\n  labels: {source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 24, "
                + "min_swing_length: 1}\n"
                + "  data_split: {train: 0.7, validation: 0.15, test: 0.15}\n"
                + "  epochs: 60\n  batch_size: 256\n  learning_rate: 0.001\n"
                + "  early_stopping: {enabled: true, patience: 5, min_delta: 0.0001}\n  seed: 1\n";
    }
}
