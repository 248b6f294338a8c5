package dev.ktrdr.training;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import java.util.SplittableRandom;

/** Small bar series for tests. */
public final class TestBars {
    /** 2020-01-06T00:00Z, a Monday. */
    public static final long T0 = 1_578_268_800_000L;

    private TestBars() {
    }

    /** Hourly bars with high = low = open = close. */
    public static BarSeries closes(String symbol, double... close) {
        return ohlc(symbol, close, close, close);
    }

    /** Hourly bars with the given highs, lows and closes (open = close). */
    public static BarSeries ohlc(String symbol, double[] high, double[] low, double[] close) {
        int n = close.length;
        long[] t = new long[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0 + i * Timeframe.H1.millis();
            v[i] = 1000 + i;
        }
        return BarSeries.ofOpenTimes(Symbol.of(symbol), Timeframe.H1, t, close, high, low, close, v);
    }

    /** A geometric random walk of hourly bars with 0.5 % steps, highs and lows around the closes. */
    public static BarSeries randomWalk(String symbol, long seed, int n) {
        return randomWalk(symbol, seed, n, 0L, Timeframe.H1);
    }

    /** A geometric random walk starting at {@code T0 + offsetBars} bars. */
    public static BarSeries randomWalk(String symbol, long seed, int n, long offsetBars, Timeframe tf) {
        SplittableRandom r = new SplittableRandom(seed);
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double p = 100;
        for (int i = 0; i < n; i++) {
            t[i] = T0 + (offsetBars + i) * tf.millis();
            o[i] = p;
            p *= Math.exp(0.005 * gaussian(r));
            c[i] = p;
            h[i] = Math.max(o[i], c[i]) * (1 + 0.002 * r.nextDouble());
            l[i] = Math.min(o[i], c[i]) * (1 - 0.002 * r.nextDouble());
            v[i] = 100 + r.nextInt(1000);
        }
        return BarSeries.ofOpenTimes(Symbol.of(symbol), tf, t, o, h, l, c, v);
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        double w = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
    }
}
