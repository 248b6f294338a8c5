package dev.ktrdr.examples.bench.backtest;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.backtest.mtf.Confluence;
import dev.ktrdr.training.backtest.mtf.MultiTimeframeConfluence;
import dev.ktrdr.training.backtest.mtf.TrendRules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Confluence over three timeframes once the data is loaded (goal: ≤ 5 ms): 100,000 1h bars, 25,000 4h
 * bars and 4,200 1d bars of a random walk; one call reads each timeframe's trend at the latest instant
 * and combines them.
 *
 * <p>Run: {@code java -cp ktrdr-examples/target/ktrdr.jar org.openjdk.jmh.Main ConfluenceBenchmark -f 1 -wi 2 -i 3 -w 1 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class ConfluenceBenchmark {
    private MultiTimeframeBars bars;
    private MultiTimeframeConfluence confluence;

    private static BarSeries walk(Timeframe tf, int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double price = 100;
        for (int i = 0; i < n; i++) {
            t[i] = 1_600_000_000_000L / 86_400_000L * 86_400_000L + i * tf.millis();
            o[i] = price;
            price *= 1 + rnd.nextGaussian() * 0.004;
            c[i] = price;
            h[i] = Math.max(o[i], c[i]) * 1.002;
            l[i] = Math.min(o[i], c[i]) * 0.998;
            v[i] = 1000;
        }
        return BarSeries.ofOpenTimes(Symbol.of("BENCH"), tf, t, o, h, l, c, v);
    }

    /** Builds the three series. */
    @Setup
    public void setUp() {
        Map<Timeframe, BarSeries> m = new LinkedHashMap<>();
        m.put(Timeframe.H1, walk(Timeframe.H1, 100_000, 1));
        m.put(Timeframe.H4, walk(Timeframe.H4, 25_000, 2));
        m.put(Timeframe.D1, walk(Timeframe.D1, 4_200, 3));
        bars = new MultiTimeframeBars(new SymbolInfo(Symbol.of("BENCH"), AssetClass.CRYPTO, "crypto", Optional.empty()),
                Timeframe.H1, m);
        confluence = new MultiTimeframeConfluence(TrendRules.DEFAULTS);
    }

    /** @return the confluence */
    @Benchmark
    public Confluence threeTimeframes() {
        return confluence.analyze(bars);
    }
}
