package dev.ktrdr.examples.bench.fuzzy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ColumnFrame;
import dev.ktrdr.api.FuzzySetSpec;
import dev.ktrdr.api.InputTransform;
import dev.ktrdr.api.MembershipSpec;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.fuzzy.BatchFuzzyEngine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
 * Fuzzy membership evaluation at the scale of the Python original's benchmark: 67 fuzzy sets of 3
 * memberships (201 membership columns) over 100,000 bars, one thread.
 *
 * <ul>
 * <li>{@code engineInto}: {@link BatchFuzzyEngine#compile}, then
 *     {@link dev.ktrdr.api.FuzzyEngine.Compiled#evaluateInto} from an indicator frame into 201 columns reused
 *     from call to call: validation of the specs, lookbacks, memberships, NaN warm-up;</li>
 * <li>{@code engine}: {@link BatchFuzzyEngine#compile}, then {@link dev.ktrdr.api.FuzzyEngine.Compiled#evaluate}
 *     from an indicator frame to a new fuzzy frame,
 *     including validation of the specs and the allocation of 161 MB of new columns.</li>
 * </ul>
 * {@code shapes=triangular}: every membership triangular (the Python original's common case);
 * {@code shapes=files}: the mix of the strategy files the Python original's users have (of every 21 sets,
 * 11 triangular, 6 trapezoidal, 4 gaussian); {@code shapes=mixed}: sets alternate triangular /
 * trapezoidal (degenerate shoulders) / gaussian. {@code writeOnly} fills the same 201 columns with a
 * constant: the memory floor of any method that writes 161 MB of doubles.
 * Inputs are an RSI-like random walk in [0, 100] (seeded), with 14 leading NaN.
 *
 * <p>Run: {@code java -cp ktrdr-examples/target/ktrdr.jar org.openjdk.jmh.Main MembershipBench -f 1 -wi 3 -i 5 -w 1 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
@Threads(1)
public class MembershipBench {
    static final int SETS = 67;
    static final int BARS = 100_000;

    @Param({"triangular", "files", "mixed"})
    public String shapes;

    private List<FuzzySetSpec> specs;
    private double[][] out;
    private BarSeries series;
    private ColumnFrame indicators;
    private final BatchFuzzyEngine engine = new BatchFuzzyEngine();

    /** Builds the inputs and the 67 sets. */
    @Setup
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(42);
        Map<String, double[]> cols = new LinkedHashMap<>();
        Map<String, Integer> lbs = new LinkedHashMap<>();
        specs = new ArrayList<>();
        for (int s = 0; s < SETS; s++) {
            double v = 50;
            double[] col = new double[BARS];
            for (int i = 0; i < BARS; i++) {
                v = Math.max(0, Math.min(100, v + rnd.nextGaussian() * 3));
                col[i] = i < 14 ? Double.NaN : v;
            }
            cols.put("ind_" + s, col);
            lbs.put("ind_" + s, 14);
            List<MembershipSpec> ms;
            int kind = 0;
            if ("mixed".equals(shapes)) {
                kind = s % 3;
            } else if ("files".equals(shapes)) {
                kind = s % 21 < 11 ? 0 : s % 21 < 17 ? 1 : 2;
            }
            if (kind == 0) {
                ms = List.of(new MembershipSpec("low", "triangular", new double[] {0, 20, 40}),
                        new MembershipSpec("mid", "triangular", new double[] {30, 50, 70}),
                        new MembershipSpec("high", "triangular", new double[] {60, 80, 100}));
            } else if (kind == 1) {
                ms = List.of(new MembershipSpec("low", "trapezoidal", new double[] {0, 0, 15, 30}),
                        new MembershipSpec("mid", "trapezoidal", new double[] {20, 40, 60, 80}),
                        new MembershipSpec("high", "trapezoidal", new double[] {70, 85, 100, 100}));
            } else {
                ms = List.of(new MembershipSpec("low", "gaussian", new double[] {20, 10}),
                        new MembershipSpec("mid", "gaussian", new double[] {50, 10}),
                        new MembershipSpec("high", "gaussian", new double[] {80, 10}));
            }
            specs.add(new FuzzySetSpec("set_" + s, "ind_" + s, InputTransform.NONE, ms));
        }
        out = new double[SETS * 3][BARS];
        long[] t = new long[BARS];
        double[] close = new double[BARS];
        for (int i = 0; i < BARS; i++) {
            t[i] = i * Timeframe.H1.millis();
            close[i] = 100;
        }
        series = BarSeries.ofOpenTimes(Symbol.of("BENCH"), Timeframe.H1, t, close, close, close, close, close);
        indicators = new ColumnFrame(t, cols, lbs);
    }

    /** @return the output columns (201 x 100k values written) */
    @Benchmark
    public double[][] engineInto() {
        engine.compile(specs).evaluateInto(series, indicators, out);
        return out;
    }

    /** @return the output columns, each filled with a constant: the cost of writing 161 MB alone */
    @Benchmark
    public double[][] writeOnly() {
        for (double[] col : out) {
            java.util.Arrays.fill(col, 0.5);
        }
        return out;
    }

    /** @return a new fuzzy frame of 201 columns */
    @Benchmark
    public ColumnFrame engine() {
        return engine.compile(specs).evaluate(series, indicators);
    }
}
