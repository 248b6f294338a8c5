package dev.ktrdr.examples.bench.indicators;

import dev.ktrdr.indicators.Ohlcv;
import java.util.SplittableRandom;

/** Deterministic synthetic bars shared by the indicator benchmarks (geometric random walk, seed 2024). */
final class BenchBars {
    private BenchBars() {
    }

    static Ohlcv make(int n) {
        SplittableRandom r = new SplittableRandom(2024);
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double p = 100;
        for (int i = 0; i < n; i++) {
            double close = p * Math.exp(r.nextGaussian() * 0.01);
            o[i] = p;
            c[i] = close;
            h[i] = Math.max(p, close) * (1 + Math.abs(r.nextGaussian()) * 0.003);
            l[i] = Math.min(p, close) * (1 - Math.abs(r.nextGaussian()) * 0.003);
            v[i] = Math.floor(1000 + r.nextDouble() * 1e6);
            p = close;
        }
        return new Ohlcv(o, h, l, c, v);
    }
}
