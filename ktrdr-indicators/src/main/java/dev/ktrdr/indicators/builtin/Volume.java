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

    static Kernel obv() {
        return Kernel.single(OutputSpec.of("obv"), 0, () -> new Kernel.OneOut() {
            private double prev;
            private boolean started;

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                if (!started) {
                    started = true;
                    out = volume;
                } else if (close > prev) {
                    out += volume;
                } else if (close < prev) {
                    out -= volume;
                }
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
            double obv = v[0];
            double prev = c[0];
            out[0] = obv;
            for (int i = 1; i < n; i++) {
                double x = c[i];
                if (x > prev) {
                    obv += v[i];
                } else if (x < prev) {
                    obv -= v[i];
                }
                out[i] = obv;
                prev = x;
            }
            return new double[][] {out};
        });
    }

    static Kernel mfi(int p) {
        java.util.function.Supplier<Kernel.OneOut> f = () -> new Kernel.OneOut() {
            private final double[] pos = new double[p];
            private final double[] neg = new double[p];
            private int count;
            private double prevTp;
            private double posSum;
            private double negSum;

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                double tp = (high + low + close) / 3.0;
                int i = count++;
                if (i == 0) {
                    prevTp = tp;
                    return;
                }
                int slot = (i - 1) % p;
                if (i > p) {
                    posSum -= pos[slot];
                    negSum -= neg[slot];
                }
                double diff = tp - prevTp;
                prevTp = tp;
                double flow = tp * volume;
                if (diff < 0) {
                    neg[slot] = flow;
                    pos[slot] = 0;
                    negSum += flow;
                } else if (diff > 0) {
                    pos[slot] = flow;
                    neg[slot] = 0;
                    posSum += flow;
                } else {
                    pos[slot] = 0;
                    neg[slot] = 0;
                }
                if (i >= p) {
                    double total = posSum + negSum;
                    out = total < 1.0 ? 0.0 : Math.max(0.0, Math.min(100.0, 100.0 * (posSum / total)));
                }
            }
        };
        return Kernel.single(OutputSpec.bounded("mfi", 0, 100), p, f::get, b -> Kernel.runOneOut(f.get(), b));
    }

    static double mfm(double h, double l, double c) {
        double r = h - l;
        return r > 0.0 ? ((c - l) - (h - c)) / r : 0.0;
    }

    static Kernel adline(boolean smooth, int sp) {
        List<OutputSpec> outs = smooth ? List.of(OutputSpec.of("line"), OutputSpec.of("smoothed")) : List.of(OutputSpec.of("line"));
        int[] lbs = smooth ? new int[] {0, sp - 1} : new int[] {0};
        return new Kernel(outs, lbs, () -> new IndicatorStream() {
            private final RollingSum sma = new RollingSum(sp);
            private double ad;
            private double smoothed = Double.NaN;
            private boolean any;

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                any = true;
                double r = high - low;
                if (r > 0.0) {
                    ad += (((close - low) - (high - close)) / r) * volume;
                }
                if (smooth) {
                    sma.add(ad);
                    if (sma.full()) {
                        smoothed = sma.sum() / sp;
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
            double ad = 0;
            for (int i = 0; i < n; i++) {
                double r = h[i] - l[i];
                if (r > 0.0) {
                    ad += (((c[i] - l[i]) - (h[i] - c[i])) / r) * v[i];
                }
                line[i] = ad;
            }
            if (!smooth) {
                return new double[][] {line};
            }
            double[] sm = nans(n, sp - 1);
            Kernel.smaInto(line, 0, sp, sm);
            return new double[][] {line, sm};
        });
    }

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

    static Kernel vwap(int p, boolean typical) {
        java.util.function.Supplier<Kernel.OneOut> f = () -> new Kernel.OneOut() {
            private final RollingSum pv = p > 0 ? new RollingSum(p) : null;
            private final RollingSum vol = p > 0 ? new RollingSum(p) : null;
            private double cpv;
            private double cvol;

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                double price = typical ? (high + low + close) / 3.0 : close;
                double num;
                double den;
                if (p == 0) {
                    cpv += price * volume;
                    cvol += volume;
                    num = cpv;
                    den = cvol;
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
                    double avg = vol.sum() / p;
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
