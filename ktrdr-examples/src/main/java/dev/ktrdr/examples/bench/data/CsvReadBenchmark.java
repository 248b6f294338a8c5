package dev.ktrdr.examples.bench.data;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.data.ValidationPolicy;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * CSV.gz to BarSeries on one thread, in bars per second (target ≥ 2 million). The file holds
 * {@link #BARS} synthetic hourly crypto bars written by {@link CsvBars#write}; reading includes gzip
 * inflation, parsing, STRICT validation and building the series.
 *
 * <p>Run: {@code java -cp ktrdr-examples/target/ktrdr.jar org.openjdk.jmh.Main CsvReadBenchmark -f 1 -wi 2 -i 3 -w 1 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class CsvReadBenchmark {
    /** Bars in the benchmark file. */
    public static final int BARS = 1_000_000;
    private Path dir;
    private Path file;

    /**
     * Writes the benchmark file.
     *
     * @throws IOException when the temporary folder cannot be made
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("ktrdr-bench");
        BarSeries s = SyntheticMarket.generate(SyntheticMarket.Config.of(List.of(SyntheticMarket.defaultUniverse().get(2)),
                Timeframe.H1, Instant.parse("1950-01-01T00:00:00Z"), BARS, 1)).values().iterator().next();
        file = dir.resolve("BTCUSDT_1h.csv.gz");
        CsvBars.write(file, s);
    }

    /**
     * Deletes the benchmark file.
     *
     * @throws IOException when it cannot be deleted
     */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    /**
     * @param cpu CPU-time counters (bars per CPU second = calls × BARS / (cpuMillis / 1000))
     * @return the series read (so the work is not optimised away)
     */
    @Benchmark
    @OperationsPerInvocation(BARS)
    public BarSeries readCsvGz(CpuTime cpu) {
        cpu.calls++;
        return CsvBars.read(file, Symbol.of("BTCUSDT"), Timeframe.H1, Calendars.crypto(), ValidationPolicy.STRICT).series();
    }
}
