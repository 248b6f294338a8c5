package dev.ktrdr.examples.bench.training;

import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How to share the cores between the independent trainings of leave-one-symbol-out and walk-forward: each
 * training on all cores one after the other ({@code T = cores, P = 1}, the behaviour before trainings ran
 * concurrently), or one MLP thread per training with as many trainings at once as there are cores
 * ({@code T = 1, P = cores}, the default), beside one thread one at a time ({@code T = 1, P = 1}). A universal
 * model on synthetic equities (1h, 4h and 1d resampled from 1h, the {@link UniversalTrainingBenchmark}
 * strategy with fewer epochs), features in memory. Prints one line per setting and phase: the seconds from
 * the end of symbol preparation to the last held-out training (leave-one-symbol-out), and from the start of
 * the run's test evaluation to the last fold (walk-forward, three expanding folds). The settings take turns,
 * {@code rounds} times, so a change of load on a shared machine touches all of them; beside each time, the
 * process's processor seconds over the same span (on a loaded machine, wall time near processor time means the
 * process got about one core whatever it asked for).
 *
 * <p>{@code java -cp ktrdr-examples/target/ktrdr.jar dev.ktrdr.examples.bench.training.ConcurrentTrainingsBenchmark
 * [symbols=6] [bars=6000] [epochs=3] [rounds=2]}
 */
public final class ConcurrentTrainingsBenchmark {
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private ConcurrentTrainingsBenchmark() {
    }

    /**
     * @param args symbols, 1h bars per symbol, epochs, rounds
     */
    public static void main(String[] args) {
        int symbols = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int bars = args.length > 1 ? Integer.parseInt(args[1]) : 6000;
        int epochs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int cores = Math.max(1, Math.min(64, Runtime.getRuntime().availableProcessors()));

        List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.universe(symbols);
        SyntheticUniverse universe = SyntheticUniverse.of(specs, bars);
        Map<Symbol, SymbolInfo> infos = universe.infos();
        BarSource source = universe.source();
        String yaml = UniversalTrainingBenchmark.strategy(specs, "1h,4h,1d")
                .replace("epochs: 60", "epochs: " + epochs);
        String walkForward = yaml + "  walk_forward: {enabled: true, folds: 3, mode: expanding}\n";
        List<Timeframe> tfs = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);
        TrainingRequest loso = new TrainingRequest(yaml, "bench.yaml", source, infos::get, List.of(), tfs);
        TrainingRequest wf = new TrainingRequest(walkForward, "bench.yaml", source, infos::get, List.of(), tfs);

        int[][] settings = {{cores, 1}, {1, cores}, {1, 1}};
        System.out.printf(Locale.ROOT, "%d symbols x %d 1h bars, %d epochs, %d cores%n", symbols, bars, epochs, cores);
        System.out.println("| round | T threads per training | P trainings at once | leave-one-symbol-out s (CPU s) "
                + "| walk-forward s (CPU s) |");
        for (int round = 1; round <= rounds; round++) {
            for (int[] s : settings) {
                StrategyTrainer trainer = new StrategyTrainer().withTrainingThreads(s[0]).withConcurrentTrainings(s[1]);
                Timer t = new Timer("prepare", "generalization");
                trainer.generalization(loso, t);
                Timer w = new Timer("evaluate", "walk_forward");
                trainer.run(wf, w);
                System.out.printf(Locale.ROOT, "| %d | %d | %d | %.1f (%.1f) | %.1f (%.1f) |%n", round, s[0], s[1],
                        t.seconds(), t.cpuSeconds(), w.seconds(), w.cpuSeconds());
            }
        }
    }

    /** Seconds from the first event of {@code from} (for prepare: its last) to the last event of {@code to}. */
    private static final class Timer implements ProgressListener {
        private final String from;
        private final String to;
        private long start;
        private long end;
        private long cpuStart;
        private long cpuEnd;

        Timer(String from, String to) {
            this.from = from;
            this.to = to;
        }

        @Override
        public synchronized void onProgress(Event e) {
            long now = System.nanoTime();
            long cpu = CPU.getProcessCpuTime();
            if (e.stage().equals(from) && (start == 0 || from.equals("prepare"))) {
                start = now;
                cpuStart = cpu;
            }
            if (e.stage().equals(to)) {
                end = now;
                cpuEnd = cpu;
            }
        }

        synchronized double seconds() {
            return (end - start) / 1e9;
        }

        /** Processor time of the whole process (every thread, JIT and GC included) over the same span. */
        synchronized double cpuSeconds() {
            return (cpuEnd - cpuStart) / 1e9;
        }
    }
}
