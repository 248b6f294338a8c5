package dev.ktrdr.training.eval;

import dev.ktrdr.api.BarSeries;
import java.util.SplittableRandom;

/**
 * The bar-order-shuffled copy of a series, the canary of look-ahead: each bar keeps its own move
 * (close over the previous close, open over the previous close) and its high and low relative to its
 * open, but the sequence of moves is a random permutation, so whatever predicted the real series is
 * gone while fat tails and volatility stay. Stamps and volumes are the original's; the first bar is
 * kept. A model trained on the copy must not beat the per-symbol baseline beyond its interval; if it
 * does, something other than the prices' order (a look-ahead feature, an early-stamped file) informs it.
 * Prices are products of ratios of the original's (relative error a few ulps per bar).
 */
public final class BarShuffle {
    private BarShuffle() {
    }

    /**
     * @param s the series (at least one bar)
     * @param seed the permutation's seed: equal seeds give equal copies
     * @return the shuffled copy
     */
    public static BarSeries shuffled(BarSeries s, long seed) {
        int n = s.size();
        if (n < 2) {
            return s;
        }
        int[] p = new int[n - 1];
        for (int i = 0; i < p.length; i++) {
            p[i] = i + 1;
        }
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = p.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        o[0] = s.open(0);
        h[0] = s.high(0);
        l[0] = s.low(0);
        c[0] = s.close(0);
        for (int i = 1; i < n; i++) {
            int k = p[i - 1];
            o[i] = c[i - 1] * s.open(k) / s.close(k - 1);
            c[i] = c[i - 1] * s.close(k) / s.close(k - 1);
            h[i] = o[i] * s.high(k) / s.open(k);
            l[i] = o[i] * s.low(k) / s.open(k);
        }
        return new BarSeries(s.symbol(), s.timeframe(), s.openTimes(), s.closeTimes(), o, h, l, c, s.volumes());
    }
}
