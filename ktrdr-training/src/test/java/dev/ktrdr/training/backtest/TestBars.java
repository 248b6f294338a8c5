package dev.ktrdr.training.backtest;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;

/** Small hand-made series for the backtest tests. */
final class TestBars {
    static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % 3_600_000L;
    static final Symbol SYMBOL = Symbol.of("TEST");

    private TestBars() {
    }

    /** Hourly bars from T0 with the given opens and closes; high/low bracket them, volume 100. */
    static BarSeries hourly(double[] opens, double[] closes) {
        int n = opens.length;
        long[] t = new long[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = T0 + i * 3_600_000L;
            h[i] = Math.max(opens[i], closes[i]);
            l[i] = Math.min(opens[i], closes[i]);
            v[i] = 100;
        }
        return BarSeries.ofOpenTimes(SYMBOL, Timeframe.H1, t, opens, h, l, closes, v);
    }

    /** Row-major probabilities: 'B' BUY, 'S' SELL, 'H' HOLD, '-' no features (NaN). */
    static double[] probabilities(String pattern) {
        double[] p = new double[pattern.length() * 3];
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            double[] row;
            switch (c) {
                case 'B': row = new double[] {0.8, 0.1, 0.1}; break;
                case 'S': row = new double[] {0.1, 0.1, 0.8}; break;
                case 'H': row = new double[] {0.1, 0.8, 0.1}; break;
                default: row = new double[] {Double.NaN, Double.NaN, Double.NaN}; break;
            }
            System.arraycopy(row, 0, p, i * 3, 3);
        }
        return p;
    }
}
