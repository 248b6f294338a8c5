package dev.ktrdr.examples.bench.indicators;

import dev.ktrdr.api.IndicatorSpec;
import dev.ktrdr.examples.bench.data.CpuTime;
import dev.ktrdr.indicators.Indicator;
import dev.ktrdr.indicators.IndicatorCatalog;
import dev.ktrdr.indicators.IndicatorDefinition;
import dev.ktrdr.indicators.Ohlcv;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole built-in catalogue at default parameters over 100k bars on one thread (the Python original
 * takes 62.5 s for its 31 types).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
public class CatalogueBenchmark {
    private Ohlcv bars;
    private List<Indicator> all;

    /** Builds bars and every built-in at defaults. */
    @Setup
    public void setup() {
        bars = BenchBars.make(100_000);
        all = new ArrayList<>();
        for (IndicatorDefinition d : IndicatorCatalog.builtins().definitions()) {
            all.add(IndicatorCatalog.builtins().configure(IndicatorSpec.of(d.type(), d.type())));
        }
    }

    /**
     * @param bh sink
     * @param cpu CPU-time counters (cpuMillis / calls = CPU ms per call)
     */
    @Benchmark
    public void wholeCatalogue100k(Blackhole bh, CpuTime cpu) {
        cpu.calls++;
        for (Indicator ind : all) {
            bh.consume(ind.compute(bars));
        }
    }
}
