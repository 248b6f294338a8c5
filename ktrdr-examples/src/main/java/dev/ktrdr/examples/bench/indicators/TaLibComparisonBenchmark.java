package dev.ktrdr.examples.bench.indicators;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import dev.ktrdr.api.IndicatorSpec;
import dev.ktrdr.indicators.Indicator;
import dev.ktrdr.indicators.IndicatorCatalog;
import dev.ktrdr.indicators.Ohlcv;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ktrdr-indicators against TA-Lib 0.4 (Java port) on the same 1 million bars, per indicator at default
 * parameters; both sides allocate their output arrays per call, and TA-Lib makes one call per output
 * group it needs (ADX, +DI and -DI are three calls there, one indicator here).
 */
@State(Scope.Benchmark)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class TaLibComparisonBenchmark {
    /** Bars per call. */
    public static final int N = 1_000_000;

    @Param({"sma", "ema", "wma", "macd", "adx", "sar", "aroon", "rsi", "stoch", "willr", "cci", "mom", "roc", "atr",
        "natr", "bbands", "obv", "mfi", "ad"})
    public String name;

    private Ohlcv bars;
    private Indicator ours;
    private final Core core = new Core();

    /** Builds the bars and our configured indicator. */
    @Setup
    public void setup() {
        bars = BenchBars.make(N);
        ours = ours(name);
    }

    static Indicator ours(String name) {
        String type;
        Map<String, Object> params = Map.of();
        switch (name) {
            case "ema": type = "ema"; params = Map.of("adjust", false); break;
            case "sar": type = "parabolicsar"; break;
            case "stoch": type = "stochastic"; break;
            case "willr": type = "williamsr"; break;
            case "mom": type = "momentum"; break;
            case "natr": type = "atrpercent"; break;
            case "ad": type = "adline"; break;
            default: type = name;
        }
        return IndicatorCatalog.standard().configure(new IndicatorSpec(name, type, params));
    }

    /** @return our outputs */
    @Benchmark
    public double[][] ours() {
        return ours.compute(bars);
    }

    /** @param bh sink */
    @Benchmark
    public void talib(Blackhole bh) {
        talib(core, name, bars, bh);
    }

    static void talib(Core core, String name, Ohlcv b, Blackhole bh) {
        int n = b.size();
        int e = n - 1;
        double[] h = b.high();
        double[] l = b.low();
        double[] c = b.close();
        double[] v = b.volume();
        MInteger beg = new MInteger();
        MInteger nb = new MInteger();
        double[] o1 = new double[n];
        switch (name) {
            case "sma": core.sma(0, e, c, 20, beg, nb, o1); break;
            case "ema": core.ema(0, e, c, 20, beg, nb, o1); break;
            case "wma": core.wma(0, e, c, 20, beg, nb, o1); break;
            case "macd": {
                double[] o2 = new double[n];
                double[] o3 = new double[n];
                core.macd(0, e, c, 12, 26, 9, beg, nb, o1, o2, o3);
                bh.consume(o2);
                bh.consume(o3);
                break;
            }
            case "adx": {
                double[] o2 = new double[n];
                double[] o3 = new double[n];
                core.adx(0, e, h, l, c, 14, beg, nb, o1);
                core.plusDI(0, e, h, l, c, 14, beg, nb, o2);
                core.minusDI(0, e, h, l, c, 14, beg, nb, o3);
                bh.consume(o2);
                bh.consume(o3);
                break;
            }
            case "sar": core.sar(0, e, h, l, 0.02, 0.2, beg, nb, o1); break;
            case "aroon": {
                double[] o2 = new double[n];
                core.aroon(0, e, h, l, 14, beg, nb, o1, o2);
                bh.consume(o2);
                break;
            }
            case "rsi": core.rsi(0, e, c, 14, beg, nb, o1); break;
            case "stoch": {
                double[] o2 = new double[n];
                core.stoch(0, e, h, l, c, 14, 3, MAType.Sma, 3, MAType.Sma, beg, nb, o1, o2);
                bh.consume(o2);
                break;
            }
            case "willr": core.willR(0, e, h, l, c, 14, beg, nb, o1); break;
            case "cci": core.cci(0, e, h, l, c, 20, beg, nb, o1); break;
            case "mom": core.mom(0, e, c, 10, beg, nb, o1); break;
            case "roc": core.roc(0, e, c, 10, beg, nb, o1); break;
            case "atr": core.atr(0, e, h, l, c, 14, beg, nb, o1); break;
            case "natr": core.natr(0, e, h, l, c, 14, beg, nb, o1); break;
            case "bbands": {
                double[] o2 = new double[n];
                double[] o3 = new double[n];
                core.bbands(0, e, c, 20, 2.0, 2.0, MAType.Sma, beg, nb, o1, o2, o3);
                bh.consume(o2);
                bh.consume(o3);
                break;
            }
            case "obv": core.obv(0, e, c, v, beg, nb, o1); break;
            case "mfi": core.mfi(0, e, h, l, c, v, 14, beg, nb, o1); break;
            case "ad": core.ad(0, e, h, l, c, v, beg, nb, o1); break;
            default: throw new IllegalArgumentException(name);
        }
        bh.consume(o1);
    }
}
