package dev.ktrdr.indicators;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * Exact references for the rolling kernels: BigDecimal arithmetic on the very same doubles (every sum and
 * product exact, divisions and square roots to 40 significant digits), rounded to double only at the
 * end. Window sums are kept as exact running totals (adding and subtracting BigDecimals is exact), so a
 * whole series costs O(n). {@code at} selects the bars evaluated (others are NaN) to keep long series cheap.
 */
final class ExactOracle {
    static final MathContext MC = new MathContext(40, RoundingMode.HALF_EVEN);
    private static final BigDecimal THREE = BigDecimal.valueOf(3);

    private ExactOracle() {
    }

    static BigDecimal bd(double x) {
        return new BigDecimal(x);
    }

    static double[] nan(int n) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        return a;
    }

    /** Exact SMA. */
    static double[] sma(double[] x, int p, boolean[] at) {
        int n = x.length;
        double[] out = nan(n);
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            s = s.add(bd(x[i]));
            if (i >= p) {
                s = s.subtract(bd(x[i - p]));
            }
            if (i >= p - 1 && at[i]) {
                out[i] = s.divide(BigDecimal.valueOf(p), MC).doubleValue();
            }
        }
        return out;
    }

    /** Exact WMA, weights 1..p, newest heaviest. */
    static double[] wma(double[] x, int p, boolean[] at) {
        int n = x.length;
        double[] out = nan(n);
        BigDecimal div = BigDecimal.valueOf((long) p * (p + 1) / 2);
        for (int i = p - 1; i < n; i++) {
            if (!at[i]) {
                continue;
            }
            BigDecimal w = BigDecimal.ZERO;
            for (int j = 1; j <= p; j++) {
                w = w.add(bd(x[i - p + j]).multiply(BigDecimal.valueOf(j)));
            }
            out[i] = w.divide(div, MC).doubleValue();
        }
        return out;
    }

    /** Exact population standard deviation of the window. */
    static double[] dev(double[] x, int p, boolean[] at) {
        int n = x.length;
        double[] out = nan(n);
        BigDecimal s = BigDecimal.ZERO;
        BigDecimal s2 = BigDecimal.ZERO;
        BigDecimal bp = BigDecimal.valueOf(p);
        for (int i = 0; i < n; i++) {
            BigDecimal v = bd(x[i]);
            s = s.add(v);
            s2 = s2.add(v.multiply(v));
            if (i >= p) {
                BigDecimal o = bd(x[i - p]);
                s = s.subtract(o);
                s2 = s2.subtract(o.multiply(o));
            }
            if (i >= p - 1 && at[i]) {
                // p*S2 - S^2 is exact; variance = that / p^2
                BigDecimal num = s2.multiply(bp).subtract(s.multiply(s));
                BigDecimal var = num.divide(bp.multiply(bp), MC);
                out[i] = var.signum() <= 0 ? 0.0 : var.sqrt(MC).doubleValue();
            }
        }
        return out;
    }

    /** Exact Bollinger bandwidth 2*m*dev/|mean|. */
    static double[] bandwidth(double[] x, int p, double m, boolean[] at) {
        double[] mean = sma(x, p, at);
        double[] dev = dev(x, p, at);
        double[] out = nan(x.length);
        for (int i = 0; i < x.length; i++) {
            if (at[i] && i >= p - 1) {
                BigDecimal mu = bd(mean[i]);
                out[i] = mean[i] == 0 ? 0.0 : bd(2 * m).multiply(bd(dev[i])).divide(mu.abs(), MC).doubleValue();
            }
        }
        return out;
    }

    /** Exact CCI of the unrounded typical prices (h+l+c)/3. */
    static double[] cci(double[] h, double[] l, double[] c, int p, boolean[] at) {
        int n = c.length;
        double[] out = nan(n);
        BigDecimal[] s = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            s[i] = bd(h[i]).add(bd(l[i])).add(bd(c[i]));
        }
        BigDecimal bp = BigDecimal.valueOf(p);
        for (int i = p - 1; i < n; i++) {
            if (!at[i]) {
                continue;
            }
            // in units of 3 * typical price; the factor cancels
            BigDecimal sum = BigDecimal.ZERO;
            for (int k = i - p + 1; k <= i; k++) {
                sum = sum.add(s[k]);
            }
            // scaled by p so that no mean is rounded: p*s_k - sum is exact
            BigDecimal dev = BigDecimal.ZERO;
            for (int k = i - p + 1; k <= i; k++) {
                dev = dev.add(s[k].multiply(bp).subtract(sum).abs());
            }
            BigDecimal diff = s[i].multiply(bp).subtract(sum);
            out[i] = diff.signum() == 0 || dev.signum() == 0 ? 0.0
                    : diff.multiply(bp).divide(dev.multiply(new BigDecimal("0.015")), MC).doubleValue();
        }
        return out;
    }

    /**
     * Exact MFI with the direction decided on exact h+l+c sums; flows are typical price times volume; 0
     * when the window's total flow is below 1 (TA-Lib's convention).
     */
    static double[] mfi(double[] h, double[] l, double[] c, double[] v, int p, boolean[] at) {
        int n = c.length;
        double[] out = nan(n);
        BigDecimal[] pos = new BigDecimal[n];
        BigDecimal[] neg = new BigDecimal[n];
        BigDecimal prev = null;
        BigDecimal ps = BigDecimal.ZERO;
        BigDecimal ns = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            BigDecimal s = bd(h[i]).add(bd(l[i])).add(bd(c[i]));
            pos[i] = BigDecimal.ZERO;
            neg[i] = BigDecimal.ZERO;
            if (prev != null) {
                int dir = s.compareTo(prev);
                BigDecimal flow = s.multiply(bd(v[i])).divide(THREE, MC);
                if (dir > 0) {
                    pos[i] = flow;
                } else if (dir < 0) {
                    neg[i] = flow;
                }
                ps = ps.add(pos[i]);
                ns = ns.add(neg[i]);
                if (i > p) {
                    ps = ps.subtract(pos[i - p]);
                    ns = ns.subtract(neg[i - p]);
                }
                if (i >= p && at[i]) {
                    BigDecimal total = ps.add(ns);
                    out[i] = total.compareTo(BigDecimal.ONE) < 0 ? 0.0
                            : ps.multiply(BigDecimal.valueOf(100)).divide(total, MC).doubleValue();
                }
            }
            prev = s;
        }
        return out;
    }

    /** Exact rolling VWAP of the typical price; the typical price itself when the window's volume is 0. */
    static double[] vwap(double[] h, double[] l, double[] c, double[] v, int p, boolean[] at) {
        int n = c.length;
        double[] out = nan(n);
        BigDecimal[] pv = new BigDecimal[n];
        BigDecimal num = BigDecimal.ZERO;
        BigDecimal den = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            BigDecimal s = bd(h[i]).add(bd(l[i])).add(bd(c[i]));
            pv[i] = s.multiply(bd(v[i]));
            num = num.add(pv[i]);
            den = den.add(bd(v[i]));
            if (i >= p) {
                num = num.subtract(pv[i - p]);
                den = den.subtract(bd(v[i - p]));
            }
            if (i >= p - 1 && at[i]) {
                out[i] = den.signum() == 0 ? s.divide(THREE, MC).doubleValue()
                        : num.divide(den.multiply(THREE), MC).doubleValue();
            }
        }
        return out;
    }

    /** Exact CMF; 0 when the window's volume is 0. */
    static double[] cmf(double[] h, double[] l, double[] c, double[] v, int p, boolean[] at) {
        int n = c.length;
        double[] out = nan(n);
        BigDecimal[] mfv = new BigDecimal[n];
        BigDecimal num = BigDecimal.ZERO;
        BigDecimal den = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            BigDecimal r = bd(h[i]).subtract(bd(l[i]));
            mfv[i] = r.signum() > 0 ? bd(c[i]).subtract(bd(l[i])).subtract(bd(h[i]).subtract(bd(c[i])))
                    .multiply(bd(v[i])).divide(r, MC) : BigDecimal.ZERO;
            num = num.add(mfv[i]);
            den = den.add(bd(v[i]));
            if (i >= p) {
                num = num.subtract(mfv[i - p]);
                den = den.subtract(bd(v[i - p]));
            }
            if (i >= p - 1 && at[i]) {
                out[i] = den.signum() == 0 ? 0.0 : num.divide(den, MC).doubleValue();
            }
        }
        return out;
    }

    /** Exact OBV (cumulative ±volume from the first bar's volume). */
    static double[] obv(double[] c, double[] v, boolean[] at) {
        int n = c.length;
        double[] out = nan(n);
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            if (i == 0) {
                s = bd(v[0]);
            } else if (c[i] > c[i - 1]) {
                s = s.add(bd(v[i]));
            } else if (c[i] < c[i - 1]) {
                s = s.subtract(bd(v[i]));
            }
            if (at[i]) {
                out[i] = s.doubleValue();
            }
        }
        return out;
    }

    /** Exact A/D line: cumulative ((c-l)-(h-c))/(h-l) * volume, bars with h = l adding nothing. */
    static double[] adline(double[] h, double[] l, double[] c, double[] v, boolean[] at) {
        int n = c.length;
        double[] out = nan(n);
        BigDecimal s = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            BigDecimal r = bd(h[i]).subtract(bd(l[i]));
            if (r.signum() > 0) {
                s = s.add(bd(c[i]).subtract(bd(l[i])).subtract(bd(h[i]).subtract(bd(c[i]))).multiply(bd(v[i]))
                        .divide(r, MC));
            }
            if (at[i]) {
                out[i] = s.doubleValue();
            }
        }
        return out;
    }

    /** Exact RVI: sum of (1,2,2,1)-weighted (c-o) over sum of the same of (h-l); 0 when that sum is 0. */
    static double[] rvi(double[] o, double[] h, double[] l, double[] c, int p, boolean[] at) {
        int n = c.length;
        double[] out = nan(n);
        BigDecimal[] num = new BigDecimal[n];
        BigDecimal[] den = new BigDecimal[n];
        BigDecimal sn = BigDecimal.ZERO;
        BigDecimal sd = BigDecimal.ZERO;
        BigDecimal two = BigDecimal.valueOf(2);
        for (int i = 3; i < n; i++) {
            num[i] = BigDecimal.ZERO;
            den[i] = BigDecimal.ZERO;
            for (int k = 0; k < 4; k++) {
                BigDecimal w = k == 0 || k == 3 ? BigDecimal.ONE : two;
                num[i] = num[i].add(bd(c[i - k]).subtract(bd(o[i - k])).multiply(w));
                den[i] = den[i].add(bd(h[i - k]).subtract(bd(l[i - k])).multiply(w));
            }
            sn = sn.add(num[i]);
            sd = sd.add(den[i]);
            if (i >= 3 + p) {
                sn = sn.subtract(num[i - p]);
                sd = sd.subtract(den[i - p]);
            }
            if (i >= 3 + p - 1 && at[i]) {
                out[i] = sd.signum() == 0 ? 0.0 : sn.divide(sd, MC).doubleValue();
            }
        }
        return out;
    }

    /** Every bar selected. */
    static boolean[] all(int n) {
        boolean[] a = new boolean[n];
        Arrays.fill(a, true);
        return a;
    }
}
