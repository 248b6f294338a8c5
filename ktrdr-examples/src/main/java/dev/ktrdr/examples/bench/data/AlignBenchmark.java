package dev.ktrdr.examples.bench.data;

import dev.ktrdr.api.Alignment;
import dev.ktrdr.api.AlignmentRequest;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.StalenessPolicy;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TimeframeTrack;
import dev.ktrdr.data.CalendarResampler;
import dev.ktrdr.data.LookaheadFreeAligner;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Aligning a 1h base with 4h and 1d over one million base bars (target ≤ 50 ms), without a calendar
 * and with the symbol's calendar (closures excluded from staleness), for a crypto and a forex series.
 *
 * <p>Run: {@code java -cp ktrdr-examples/target/ktrdr.jar org.openjdk.jmh.Main AlignBenchmark -f 1 -wi 2 -i 3 -w 1 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AlignBenchmark {
    /** Base bars. */
    public static final int BARS = 1_000_000;

    /** Asset class of the synthetic series: {@code crypto} or {@code forex}. */
    @Param({"crypto", "forex"})
    public String market;

    private AlignmentRequest plain;
    private AlignmentRequest withCalendar;

    /** Generates the base series and resamples it to 4h and 1d. */
    @Setup(Level.Trial)
    public void setUp() {
        SyntheticMarket.SymbolSpec spec = SyntheticMarket.defaultUniverse().get(market.equals("crypto") ? 2 : 0);
        MarketCalendar cal = Calendars.forAssetClass(spec.assetClass());
        BarSeries h1 = SyntheticMarket.generate(SyntheticMarket.Config.of(List.of(spec), Timeframe.H1,
                Instant.parse("1900-01-01T00:00:00Z"), BARS, 1)).values().iterator().next();
        CalendarResampler r = new CalendarResampler(cal);
        List<TimeframeTrack> others = List.of(TimeframeTrack.of(r.resample(h1, Timeframe.H4), 0),
                TimeframeTrack.of(r.resample(h1, Timeframe.D1), 0));
        plain = new AlignmentRequest(TimeframeTrack.of(h1, 0), others, StalenessPolicy.DROP_ROW, Optional.empty());
        withCalendar = new AlignmentRequest(TimeframeTrack.of(h1, 0), others, StalenessPolicy.DROP_ROW, Optional.of(cal));
    }

    /**
     * @param cpu CPU-time counters (CPU ms per call = cpuMillis / calls)
     * @return the alignment without a calendar (wall-clock staleness)
     */
    @Benchmark
    public Alignment alignWallClock(CpuTime cpu) {
        cpu.calls++;
        return new LookaheadFreeAligner().align(plain);
    }

    /**
     * @param cpu CPU-time counters (CPU ms per call = cpuMillis / calls)
     * @return the alignment with the calendar (closures do not age values)
     */
    @Benchmark
    public Alignment alignWithCalendar(CpuTime cpu) {
        cpu.calls++;
        return new LookaheadFreeAligner().align(withCalendar);
    }
}
