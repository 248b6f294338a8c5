package dev.ktrdr.examples.bench.backtest;

import dev.ktrdr.api.Backtester.Execution;
import dev.ktrdr.api.Backtester.Sizing;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.backtest.BacktestRun;
import dev.ktrdr.training.backtest.DecisionConfig;
import dev.ktrdr.training.backtest.EventBacktester;
import dev.ktrdr.training.backtest.Replay;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The decision and position loop alone, over precomputed probabilities (goal: ≥ 20 million bars per
 * second). Scores are bars per second. {@code replay} is the decision and position loop
 * ({@link EventBacktester#replay}: decisions, fills, trades, equity curve); {@code backtest} adds the
 * benchmark and every performance figure ({@link EventBacktester#runProbabilities});
 * {@code decisionsOnly} is the rule engine over the same rows with a position that follows the signals.
 *
 * <p>Run: {@code java -cp ktrdr-examples/target/ktrdr.jar org.openjdk.jmh.Main DecisionLoopBenchmark -f 1 -wi 2 -i 3 -w 1 -r 1}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class DecisionLoopBenchmark {
    /** Bars per invocation. */
    public static final int BARS = 1_000_000;

    private BarSeries bars;
    private double[] probabilities;
    private RuleDecisionEngine engine;
    private Execution execution;
    private EventBacktester backtester;

    /** Builds a random walk of 1h bars and Dirichlet-like probabilities. */
    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        long[] t = new long[BARS];
        double[] o = new double[BARS];
        double[] h = new double[BARS];
        double[] l = new double[BARS];
        double[] c = new double[BARS];
        double[] v = new double[BARS];
        double price = 100;
        for (int i = 0; i < BARS; i++) {
            t[i] = 1_600_000_000_000L / 3_600_000L * 3_600_000L + i * 3_600_000L;
            o[i] = price;
            price *= 1 + rnd.nextGaussian() * 0.003;
            c[i] = price;
            h[i] = Math.max(o[i], c[i]) * 1.001;
            l[i] = Math.min(o[i], c[i]) * 0.999;
            v[i] = 1000 + rnd.nextInt(1000);
        }
        bars = BarSeries.ofOpenTimes(Symbol.of("BENCH"), Timeframe.H1, t, o, h, l, c, v);
        probabilities = new double[BARS * Label.COUNT];
        for (int i = 0; i < BARS; i++) {
            double a = -Math.log(rnd.nextDouble());
            double b = -Math.log(rnd.nextDouble()) * 2;
            double d = -Math.log(rnd.nextDouble());
            double s = a + b + d;
            probabilities[3 * i] = a / s;
            probabilities[3 * i + 1] = b / s;
            probabilities[3 * i + 2] = d / s;
        }
        engine = RuleDecisionEngine.of(DecisionConfig.DEFAULTS.withConfidenceThreshold(0.55).withAllowShort(true)
                .withSeparation(Duration.ofHours(4), 0).withVolumeFilter(true, 0.5, 20));
        // Capital large enough that costs never exhaust it: every signal keeps producing fills.
        execution = new Execution(1e9, 0.0005, 1, 2, Sizing.FIXED_NOTIONAL, 10_000);
        backtester = new EventBacktester();
    }

    /** @return the replay, so that nothing is optimised away */
    @Benchmark
    @OperationsPerInvocation(BARS)
    public Replay replay() {
        return backtester.replay(bars, probabilities, engine, execution);
    }

    /** @return the run, so that nothing is optimised away */
    @Benchmark
    @OperationsPerInvocation(BARS)
    public BacktestRun backtest() {
        return backtester.runProbabilities(bars, probabilities, engine, execution, 8766);
    }

    /** @return a checksum of the decisions */
    @Benchmark
    @OperationsPerInvocation(BARS)
    public int decisionsOnly() {
        engine.reset();
        int position = 0;
        int sum = 0;
        double[] p = probabilities;
        for (int i = 0; i < BARS; i++) {
            Label d = engine.decide(i, i * 3_600_000L, p[3 * i], p[3 * i + 1], p[3 * i + 2], position, 1500, 1500);
            if (d == Label.BUY) {
                position = 1;
            } else if (d == Label.SELL) {
                position = -1;
            }
            sum += d.index();
        }
        return sum;
    }
}
