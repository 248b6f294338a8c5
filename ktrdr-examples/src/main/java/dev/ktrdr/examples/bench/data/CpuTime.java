package dev.ktrdr.examples.bench.data;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Secondary JMH counters: CPU time of the benchmark thread per iteration and calls in it, so that a
 * run on a shared, overloaded machine still shows the cost per call in CPU time
 * ({@code cpuMillis / calls}) next to the wall-clock score.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();
    private long start;

    /** CPU milliseconds used by the benchmark thread in the iteration. */
    public double cpuMillis;

    /** Benchmark calls in the iteration. */
    public long calls;

    /** Starts the iteration's clock. */
    @Setup(Level.Iteration)
    public void begin() {
        cpuMillis = 0;
        calls = 0;
        start = MX.getCurrentThreadCpuTime();
    }

    /** Stops the iteration's clock. */
    @TearDown(Level.Iteration)
    public void end() {
        cpuMillis = (MX.getCurrentThreadCpuTime() - start) / 1e6;
    }
}
