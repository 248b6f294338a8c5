package dev.ktrdr.training.backtest.portfolio;

import dev.ktrdr.api.BarSeries;
import java.util.List;

/**
 * Correlation of the symbols' daily returns, on a common UTC-day grid so that symbols of different
 * calendars and bar sizes compare: each symbol's last close of each UTC day it traded, the simple return
 * from its previous trading day's last close, and the Pearson correlation of two symbols over the days
 * both have a return. NaN when fewer than {@value #MIN_DAYS} such days exist or a series does not vary;
 * 1 on the diagonal. Two-pass sums in double (relative error about n × 1e-16 of the terms' scale).
 *
 * <p>Stateless and thread-safe.
 */
public final class ReturnCorrelation {
    /** Fewest common days for a correlation. */
    public static final int MIN_DAYS = 3;
    private static final long DAY_MS = 86_400_000L;

    private ReturnCorrelation() {
    }

    /**
     * @param bars each symbol's bars
     * @param firstBars each symbol's first bar to use
     * @return the symmetric correlation matrix, {@code bars.size()} square
     */
    public static double[][] daily(List<BarSeries> bars, int[] firstBars) {
        int n = bars.size();
        long[][] days = new long[n][];
        double[][] rets = new double[n][];
        for (int s = 0; s < n; s++) {
            BarSeries b = bars.get(s);
            int m = b.size() - firstBars[s];
            long[] d = new long[m];
            double[] c = new double[m];
            int k = 0;
            for (int i = firstBars[s]; i < b.size(); i++) {
                long day = Math.floorDiv(b.closeTime(i) - 1, DAY_MS);
                if (k > 0 && d[k - 1] == day) {
                    c[k - 1] = b.close(i);
                } else {
                    d[k] = day;
                    c[k++] = b.close(i);
                }
            }
            int r = Math.max(0, k - 1);
            days[s] = new long[r];
            rets[s] = new double[r];
            for (int i = 1; i < k; i++) {
                days[s][i - 1] = d[i];
                rets[s][i - 1] = c[i] / c[i - 1] - 1;
            }
        }
        double[][] out = new double[n][n];
        int longest = 0;
        for (double[] r : rets) {
            longest = Math.max(longest, r.length);
        }
        double[] x = new double[longest];
        double[] y = new double[longest];
        for (int a = 0; a < n; a++) {
            out[a][a] = 1;
            for (int b = a + 1; b < n; b++) {
                out[a][b] = out[b][a] = pair(days[a], rets[a], days[b], rets[b], x, y);
            }
        }
        return out;
    }

    /** The correlation over the common days, x and y the reused buffers. */
    private static double pair(long[] da, double[] ra, long[] db, double[] rb, double[] x, double[] y) {
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < da.length && j < db.length) {
            if (da[i] == db[j]) {
                x[n] = ra[i++];
                y[n++] = rb[j++];
            } else if (da[i] < db[j]) {
                i++;
            } else {
                j++;
            }
        }
        if (n < MIN_DAYS) {
            return Double.NaN;
        }
        return pearson(x, y, n);
    }

    /**
     * @param x values
     * @param y values
     * @param n how many of them, from the start
     * @return the Pearson correlation, NaN when either does not vary
     */
    static double pearson(double[] x, double[] y, int n) {
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (!(sxx > 0) || !(syy > 0)) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }
}
