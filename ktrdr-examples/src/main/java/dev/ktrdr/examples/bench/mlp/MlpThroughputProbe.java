package dev.ktrdr.examples.bench.mlp;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * A companion to {@link MlpTrainingBenchmark} for a shared, overloaded machine: it runs the same training
 * invocation several times and prints samples per second both by wall clock and by the calling thread's CPU
 * time. On a machine whose load exceeds its cores the wall-clock figure (what JMH reports) measures the
 * contention, the CPU-time figure the code. With 2 threads per batch only the calling thread's CPU time is
 * counted, so only the wall figure is meaningful there.
 *
 * <p>Run: {@code java -cp ktrdr-examples/target/ktrdr.jar dev.ktrdr.examples.bench.mlp.MlpThroughputProbe [threads]}
 */
public final class MlpThroughputProbe {
    private MlpThroughputProbe() {
    }

    /**
     * @param args optional: threads per batch (1 or 2)
     */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int batch : new int[]{32, 256}) {
            MlpTrainingBenchmark b = new MlpTrainingBenchmark();
            b.batch = batch;
            b.threads = threads;
            b.setup();
            double samples = (double) MlpTrainingBenchmark.ROWS * MlpTrainingBenchmark.EPOCHS;
            for (int it = 0; it < 8; it++) {
                long c0 = mx.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                b.trainEpochs();
                long c1 = mx.getCurrentThreadCpuTime();
                long t1 = System.nanoTime();
                if (it >= 3) {
                    System.out.printf(Locale.ROOT, "batch %3d threads %d: %,9.0f samples/s wall, %,9.0f samples/s CPU%n",
                            batch, threads, samples / ((t1 - t0) / 1e9), samples / ((c1 - c0) / 1e9));
                }
            }
        }
    }
}
