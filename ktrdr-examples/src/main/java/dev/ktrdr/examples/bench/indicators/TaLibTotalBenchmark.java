package dev.ktrdr.examples.bench.indicators;

import com.tictactec.ta.lib.Core;
import dev.ktrdr.examples.bench.data.CpuTime;
import dev.ktrdr.indicators.Indicator;
import dev.ktrdr.indicators.Ohlcv;
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

/** Total time of the 19 TA-Lib-covered indicators over the same 1 million bars: ours vs TA-Lib 0.4, one thread. */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class TaLibTotalBenchmark {
    static final String[] NAMES = {"sma", "ema", "wma", "macd", "adx", "sar", "aroon", "rsi", "stoch", "willr", "cci",
        "mom", "roc", "atr", "natr", "bbands", "obv", "mfi", "ad"};

    private Ohlcv bars;
    private Indicator[] ours;
    private final Core core = new Core();

    /** Builds bars and indicators. */
    @Setup
    public void setup() {
        bars = BenchBars.make(TaLibComparisonBenchmark.N);
        ours = new Indicator[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            ours[i] = TaLibComparisonBenchmark.ours(NAMES[i]);
        }
    }

    /**
     * @param bh sink
     * @param cpu CPU-time counters (cpuMillis / calls = CPU ms per call)
     */
    @Benchmark
    public void oursAll(Blackhole bh, CpuTime cpu) {
        cpu.calls++;
        for (Indicator ind : ours) {
            bh.consume(ind.compute(bars));
        }
    }

    /**
     * @param bh sink
     * @param cpu CPU-time counters (cpuMillis / calls = CPU ms per call)
     */
    @Benchmark
    public void talibAll(Blackhole bh, CpuTime cpu) {
        cpu.calls++;
        for (String name : NAMES) {
            TaLibComparisonBenchmark.talib(core, name, bars, bh);
        }
    }
}
