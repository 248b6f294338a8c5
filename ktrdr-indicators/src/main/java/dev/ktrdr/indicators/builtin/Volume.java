package dev.ktrdr.indicators.builtin;

import static dev.ktrdr.indicators.builtin.Kernel.nans;

import dev.ktrdr.indicators.Category;
import dev.ktrdr.indicators.IndicatorDefinition;
import dev.ktrdr.indicators.IndicatorStream;
import dev.ktrdr.indicators.OutputSpec;
import dev.ktrdr.indicators.ParamSpec;
import dev.ktrdr.indicators.kernels.RollingSum;
import java.util.List;

/** Volume indicators: OBV, MFI, A/D line, CMF, VWAP, volume ratio. */
final class Volume {
    private Volume() {
    }

    static List<IndicatorDefinition> definitions() {
        return List.of(
                IndicatorDefinition.of("obv", List.of("onbalancevolume"), Category.VOLUME,
                        "On-balance volume, starting from the first bar's volume, +volume on an up close, -volume on a "
                                + "down close (TA-Lib OBV)",
                        List.of(), p -> obv()),
                IndicatorDefinition.of("mfi", List.of("moneyflowindex"), Category.VOLUME,
                        "Money flow index = 100*positive flow/(positive+negative flow) over period, flow = "
                                + "typical price * volume (TA-Lib MFI, which reports 0 when the total flow is below 1)",
                        List.of(ParamSpec.integer("period", 14, 1, 100, "window length")),
                        p -> mfi(p.integer("period"))),
                IndicatorDefinition.of("adline", List.of("ad", "accumulationdistribution", "accumulationdistributionline"),
                        Category.VOLUME,
                        "Chaikin accumulation/distribution line: cumulative ((c-l)-(h-c))/(h-l)*volume, bars with h=l add "
                                + "nothing (TA-Lib AD); optional SMA of the line",
                        List.of(ParamSpec.bool("use_sma_smoothing", false, "add the smoothed output"),
                                ParamSpec.integer("smoothing_period", 21, 2, 200, "SMA length of the smoothed output")),
                        p -> adline(p.bool("use_sma_smoothing"), p.integer("smoothing_period"))),
                IndicatorDefinition.of("cmf", List.of("chaikinmoneyflow"), Category.VOLUME,
                        "Chaikin money flow = sum(mfm*volume)/sum(volume) over period, mfm = ((c-l)-(h-c))/(h-l) "
                                + "(0 when h=l); 0 when the volume sum is 0 (Chaikin; StockCharts definition)",
                        List.of(ParamSpec.integer("period", 21, 2, 500, "window length")),
                        p -> cmf(p.integer("period"))),
                IndicatorDefinition.of("vwap", List.of("volumeweightedaverageprice"), Category.VOLUME,
                        "Volume-weighted average price of the last period bars (period 0: since the first bar) of the "
                                + "typical price (h+l+c)/3 or the close; the price itself when the volume sum is 0",
                        List.of(ParamSpec.integer("period", 20, 0, 200, "window length, 0 = cumulative"),
                                ParamSpec.bool("use_typical_price", true, "weight (h+l+c)/3 (true) or the close")),
                        p -> vwap(p.integer("period"), p.bool("use_typical_price"))),
                IndicatorDefinition.of("volumeratio", List.of("relativevolume"), Category.VOLUME,
                        "Volume / SMA(volume, period), the current bar included; 0 when the average is 0",
                        List.of(ParamSpec.integer("period", 20, 2, 100, "averaging window")),
                        p -> volumeRatio(p.integer("period"))));
    }

    /**
     * OBV as a Neumaier-compensated running total: within a few units of roundoff of the exact cumulative
     * sum of ±volume at any length (a plain running total, as TA-Lib's, drifts by up to n·u·Σvolume).
     * A spike stays in the line for ever, as the definition says; a 1e300 volume makes every later value
     * 1e300-sized, which is the exact value rounded.
     */
    static Kernel obv() {
        return Kernel.single(OutputSpec.of("obv"), 0, () -> new Kernel.OneOut() {
            private double prev;
            private double sum;
            private double comp;
            private boolean started;

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                if (!started) {
                    started = true;
                    sum = volume;
                } else if (close > prev) {
                    double t = sum + volume;
                    comp += Math.abs(sum) >= Math.abs(volume) ? (sum - t) + volume : (volume - t) + sum;
                    sum = t;
                } else if (close < prev) {
                    double t = sum - volume;
                    comp += Math.abs(sum) >= Math.abs(volume) ? (sum - t) - volume : (-volume - t) + sum;
                    sum = t;
                }
                out = sum + comp;
                prev = close;
            }
        }, b -> {
            double[] c = b.close();
            double[] v = b.volume();
            int n = c.length;
            double[] out = new double[n];
            if (n == 0) {
                return new double[][] {out};
            }
            double sum = v[0];
            double comp = 0;
            double prev = c[0];
            out[0] = sum;
            for (int i = 1; i < n; i++) {
                double x = c[i];
                double vi = x > prev ? v[i] : x < prev ? -v[i] : 0.0;
                if (x > prev || x < prev) {
                    double t = sum + vi;
                    comp += Math.abs(sum) >= Math.abs(vi) ? (sum - t) + vi : (vi - t) + sum;
                    sum = t;
                }
                out[i] = sum + comp;
                prev = x;
            }
            return new double[][] {out};
        });
    }

    /**
     * MFI with the flow direction decided exactly: the sign of {@code (h+l+c)[t] - (h+l+c)[t-1]} is taken
     * from the six prices without rounding (a bounded fast estimate, and an error-free expansion when the
     * estimate is too close to 0), where TA-Lib compares rounded typical prices and can file a bar's flow
     * on the wrong side (a typical price that rounds equal, or crosses, when the exact sums differ). The
     * flow is {@code (h+l+c)/3 * volume} (TA-Lib's, within 3 units of roundoff of the exact product) and
     * the window sums are {@link RollingSum}s. A window whose total flow is below 1 (zero-volume window)
     * gives 0, TA-Lib's convention.
     */
    static Kernel mfi(int p) {
        java.util.function.Supplier<Kernel.OneOut> f = () -> new Kernel.OneOut() {
            private final RollingSum pos = new RollingSum(p);
            private final RollingSum neg = new RollingSum(p);
            private final double[] scratch = new double[6];
            private int count;
            private double ph;
            private double pl;
            private double pc;

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                int i = count++;
                if (i > 0) {
                    int dir = direction(high, low, close, ph, pl, pc, scratch);
                    double flow = (high + low + close) / 3.0 * volume;
                    pos.add(dir > 0 ? flow : 0.0);
                    neg.add(dir < 0 ? flow : 0.0);
                    if (i >= p) {
                        double up = pos.sum();
                        double total = up + neg.sum();
                        out = total < 1.0 ? 0.0 : Math.max(0.0, Math.min(100.0, 100.0 * (up / total)));
                    }
                }
                ph = high;
                pl = low;
                pc = close;
            }
        };
        return Kernel.single(OutputSpec.bounded("mfi", 0, 100), p, f::get, b -> Kernel.runOneOut(f.get(), b));
    }

    /**
     * The exact sign of {@code (h + l + c) - (h0 + l0 + c0)}: a rounded estimate when it is farther from 0
     * than its error bound, otherwise the sign of the error-free expansion of the six terms.
     *
     * @param scratch six doubles of work space
     * @return -1, 0 or 1 (0 also when a price is NaN)
     */
    static int direction(double h, double l, double c, double h0, double l0, double c0, double[] scratch) {
        double dh = h - h0;
        double dl = l - l0;
        double dc = c - c0;
        double est = (dh + dl) + dc;
        double bound = 0x1p-50 * (Math.abs(dh) + Math.abs(dl) + Math.abs(dc));
        if (est > bound) {
            return 1;
        }
        if (est < -bound) {
            return -1;
        }
        if (bound == 0.0) {
            // every difference is exactly 0 (x - y rounds to 0 only when x == y): equal sums
            return 0;
        }
        if (!(bound < Double.POSITIVE_INFINITY)) {
            return est > 0 ? 1 : est < 0 ? -1 : 0;
        }
        double[] e = scratch;
        int m = 0;
        for (int t = 0; t < 6; t++) {
            double q;
            switch (t) {
                case 0: q = h; break;
                case 1: q = l; break;
                case 2: q = c; break;
                case 3: q = -h0; break;
                case 4: q = -l0; break;
                default: q = -c0; break;
            }
            // Shewchuk's grow-expansion with zero elimination: e stays non-overlapping, increasing magnitude
            int k = 0;
            for (int j = 0; j < m; j++) {
                double a = e[j];
                double sum = q + a;
                double bv = sum - q;
                double err = (q - (sum - bv)) + (a - bv);
                q = sum;
                if (err != 0.0) {
                    e[k++] = err;
                }
            }
            if (q != 0.0) {
                e[k++] = q;
            }
            m = k;
        }
        // the sign of a non-overlapping expansion is the sign of its largest component (the last)
        return m == 0 ? 0 : e[m - 1] > 0 ? 1 : -1;
    }

    static double mfm(double h, double l, double c) {
        double r = h - l;
        return r > 0.0 ? ((c - l) - (h - c)) / r : 0.0;
    }

    /**
     * A/D line as a Neumaier-compensated running total (within a few units of roundoff of the exact
     * cumulative sum at any length; TA-Lib's plain total drifts by up to n·u·Σ|term|); the smoothed output
     * is a {@link RollingSum} mean of the line. Bars with high = low add nothing.
     */
    static Kernel adline(boolean smooth, int sp) {
        List<OutputSpec> outs = smooth ? List.of(OutputSpec.of("line"), OutputSpec.of("smoothed")) : List.of(OutputSpec.of("line"));
        int[] lbs = smooth ? new int[] {0, sp - 1} : new int[] {0};
        return new Kernel(outs, lbs, () -> new IndicatorStream() {
            private final RollingSum sma = new RollingSum(sp);
            private double sum;
            private double comp;
            private double ad;
            private double smoothed = Double.NaN;
            private boolean any;

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                any = true;
                double r = high - low;
                if (r > 0.0) {
                    double x = (((close - low) - (high - close)) / r) * volume;
                    double t = sum + x;
                    comp += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
                    sum = t;
                }
                ad = sum + comp;
                if (smooth) {
                    sma.add(ad);
                    if (sma.full()) {
                        smoothed = sma.mean();
                    }
                }
            }

            @Override
            public double value(int output) {
                return output == 0 ? (any ? ad : Double.NaN) : smoothed;
            }
        }, b -> {
            double[] h = b.high();
            double[] l = b.low();
            double[] c = b.close();
            double[] v = b.volume();
            int n = c.length;
            double[] line = new double[n];
            double sum = 0;
            double comp = 0;
            for (int i = 0; i < n; i++) {
                double r = h[i] - l[i];
                if (r > 0.0) {
                    double x = (((c[i] - l[i]) - (h[i] - c[i])) / r) * v[i];
                    double t = sum + x;
                    comp += Math.abs(sum) >= Math.abs(x) ? (sum - t) + x : (x - t) + sum;
                    sum = t;
                }
                line[i] = sum + comp;
            }
            if (!smooth) {
                return new double[][] {line};
            }
            double[] sm = nans(n, sp - 1);
            Kernel.smaInto(line, 0, sp, sm);
            return new double[][] {line, sm};
        });
    }

    /**
     * CMF from {@link RollingSum}s: within about 1e-12 of the exact ratio relative to 1, exactly 0 over a
     * window whose volume is 0 or whose bars all have high = low.
     */
    static Kernel cmf(int p) {
        java.util.function.Supplier<Kernel.OneOut> f = () -> new Kernel.OneOut() {
            private final RollingSum mfv = new RollingSum(p);
            private final RollingSum vol = new RollingSum(p);

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                mfv.add(mfm(high, low, close) * volume);
                vol.add(volume);
                if (mfv.full()) {
                    double v = vol.sum();
                    out = v != 0.0 ? Math.max(-1.0, Math.min(1.0, mfv.sum() / v)) : 0.0;
                }
            }
        };
        return Kernel.single(OutputSpec.bounded("cmf", -1, 1), p - 1, f::get, b -> Kernel.runOneOut(f.get(), b));
    }

    /**
     * VWAP from {@link RollingSum}s (period &gt; 0) or Neumaier-compensated cumulative sums (period 0):
     * within about 1e-12 of the exact ratio of the window's sums relative to the price, and the price of
     * the current bar itself when the window's volume is exactly 0 (a flat zero-volume outage), where a
     * plain running total would divide one leftover residue by another.
     */
    static Kernel vwap(int p, boolean typical) {
        java.util.function.Supplier<Kernel.OneOut> f = () -> new Kernel.OneOut() {
            private final RollingSum pv = p > 0 ? new RollingSum(p) : null;
            private final RollingSum vol = p > 0 ? new RollingSum(p) : null;
            private double cpv;
            private double cpvComp;
            private double cvol;
            private double cvolComp;

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                // a bar with high = low = close has exactly that typical price (the rounded (3x)/3 may not be x)
                double price = typical && !(high == low && low == close) ? (high + low + close) / 3.0 : close;
                double num;
                double den;
                if (p == 0) {
                    double x = price * volume;
                    double t = cpv + x;
                    cpvComp += Math.abs(cpv) >= Math.abs(x) ? (cpv - t) + x : (x - t) + cpv;
                    cpv = t;
                    t = cvol + volume;
                    cvolComp += Math.abs(cvol) >= Math.abs(volume) ? (cvol - t) + volume : (volume - t) + cvol;
                    cvol = t;
                    num = cpv + cpvComp;
                    den = cvol + cvolComp;
                } else {
                    pv.add(price * volume);
                    vol.add(volume);
                    if (!pv.full()) {
                        return;
                    }
                    num = pv.sum();
                    den = vol.sum();
                }
                out = den != 0.0 ? num / den : price;
            }
        };
        return Kernel.single(OutputSpec.of("vwap"), Math.max(0, p - 1), f::get, b -> Kernel.runOneOut(f.get(), b));
    }

    static Kernel volumeRatio(int p) {
        return Kernel.single(OutputSpec.bounded("volumeratio", 0, Double.POSITIVE_INFINITY), p - 1, () -> new Kernel.OneOut() {
            private final RollingSum vol = new RollingSum(p);

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                vol.add(volume);
                if (vol.full()) {
                    double avg = vol.mean();
                    out = avg > 0.0 ? Math.max(0.0, volume / avg) : 0.0;
                }
            }
        }, b -> {
            double[] v = b.volume();
            double[] sma = Trend.smaBatch(v, p);
            double[] out = nans(v.length, p - 1);
            for (int i = p - 1; i < v.length; i++) {
                out[i] = sma[i] > 0.0 ? Math.max(0.0, v[i] / sma[i]) : 0.0;
            }
            return new double[][] {out};
        });
    }
}
