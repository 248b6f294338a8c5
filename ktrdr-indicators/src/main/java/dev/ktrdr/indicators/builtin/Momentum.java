package dev.ktrdr.indicators.builtin;

import static dev.ktrdr.indicators.builtin.Kernel.nans;

import dev.ktrdr.indicators.Category;
import dev.ktrdr.indicators.IndicatorDefinition;
import dev.ktrdr.indicators.IndicatorStream;
import dev.ktrdr.indicators.OutputSpec;
import dev.ktrdr.indicators.ParamSpec;
import dev.ktrdr.indicators.Source;
import dev.ktrdr.indicators.kernels.RollingExtreme;
import dev.ktrdr.indicators.kernels.RollingSum;
import java.util.List;

/** Momentum indicators: RSI, stochastic, Williams %R, CCI, momentum, ROC, RVI, Fisher transform. */
final class Momentum {
    private Momentum() {
    }

    static List<IndicatorDefinition> definitions() {
        return List.of(
                IndicatorDefinition.of("rsi", List.of("relativestrengthindex"), Category.MOMENTUM,
                        "Wilder's RSI: 100*avgGain/(avgGain+avgLoss), averages seeded with the mean of the first period "
                                + "changes, then Wilder-smoothed (TA-Lib RSI); 0 when there is no movement. Wilder's "
                                + "smoothing has infinite memory: a spike decays by (period-1)/period per bar, exactly as "
                                + "the recursion defines (after a 1e300 close, RSI(14) is 48.148 = 100*13/27 for ~9,400 bars)",
                        List.of(ParamSpec.integer("period", 14, 2, 100, "Wilder smoothing period"),
                                ParamSpec.source("price read from each bar")),
                        p -> rsi(p.integer("period"), p.source())),
                IndicatorDefinition.of("stochastic", List.of("stoch", "stochasticoscillator"), Category.MOMENTUM,
                        "Slow stochastic (TA-Lib STOCH with SMA): fast %K = 100*(close-lowest)/(highest-lowest) over "
                                + "k_period (0 for a flat window), k = SMA(fast %K, smooth_k), d = SMA(k, d_period)",
                        List.of(ParamSpec.integer("k_period", 14, 1, 100, "high/low window"),
                                ParamSpec.integer("d_period", 3, 1, 20, "%D smoothing"),
                                ParamSpec.integer("smooth_k", 3, 1, 20, "%K smoothing")),
                        p -> stochastic(p.integer("k_period"), p.integer("d_period"), p.integer("smooth_k"))),
                IndicatorDefinition.of("williamsr", List.of("willr", "williamspercentr"), Category.MOMENTUM,
                        "Williams %R = -100*(highest-close)/(highest-lowest) over period (TA-Lib WILLR); 0 when flat",
                        List.of(ParamSpec.integer("period", 14, 1, 100, "high/low window")),
                        p -> williamsR(p.integer("period"))),
                IndicatorDefinition.of("cci", List.of("commoditychannelindex"), Category.MOMENTUM,
                        "CCI = (tp - SMA(tp))/(0.015 * mean absolute deviation), tp = (h+l+c)/3 (TA-Lib CCI's formula, "
                                + "computed from exact h+l+c sums: 0 over a flat window, where TA-Lib's rounded mean gives "
                                + "noise); costs O(period) per bar because the mean deviation is taken around the current mean",
                        List.of(ParamSpec.integer("period", 20, 2, 100, "window length")),
                        p -> cci(p.integer("period"))),
                IndicatorDefinition.of("momentum", List.of("mom"), Category.MOMENTUM,
                        "Momentum = x[t] - x[t-period] (TA-Lib MOM)",
                        List.of(ParamSpec.integer("period", 10, 1, 100, "distance in bars"),
                                ParamSpec.source("price read from each bar")),
                        p -> momentum(p.integer("period"), p.source())),
                IndicatorDefinition.of("roc", List.of("rateofchange"), Category.MOMENTUM,
                        "Rate of change in percent = (x[t]/x[t-period] - 1)*100 (TA-Lib ROC); 0 when x[t-period] = 0",
                        List.of(ParamSpec.integer("period", 10, 1, 100, "distance in bars"),
                                ParamSpec.source("price read from each bar")),
                        p -> roc(p.integer("period"), p.source())),
                IndicatorDefinition.of("rvi", List.of("relativevigorindex"), Category.MOMENTUM,
                        "Ehlers' Relative Vigor Index: (1,2,2,1)/6-weighted (close-open) summed over period divided by "
                                + "the same of (high-low) (0 when the range sum is 0); signal = SMA(rvi, signal_period)",
                        List.of(ParamSpec.integer("period", 10, 4, 100, "summing window"),
                                ParamSpec.integer("signal_period", 4, 1, 50, "signal average length")),
                        p -> rvi(p.integer("period"), p.integer("signal_period"))),
                IndicatorDefinition.of("fishertransform", List.of("fisher"), Category.MOMENTUM,
                        "Ehlers' Fisher transform of the (h+l)/2 position in the period's range: v = clamp(2*(pos-0.5)/s "
                                + "+ (1-1/s)*v[t-1], +-0.999), fisher = 0.5*ln((1+v)/(1-v)) + 0.5*fisher[t-1], s = smoothing "
                                + "(s = 3 gives Ehlers' 0.33/0.67); signal = fisher[t-1]",
                        List.of(ParamSpec.integer("period", 10, 2, 100, "range window"),
                                ParamSpec.integer("smoothing", 3, 1, 20, "smoothing of the range position")),
                        p -> fisher(p.integer("period"), p.integer("smoothing"))));
    }

    // ---- RSI (TA-Lib) ----
    static Kernel rsi(int p, Source src) {
        return Kernel.single(OutputSpec.bounded("rsi", 0, 100), p, () -> new RsiStream(p, src),
                b -> new double[][] {rsiBatch(src.column(b), p)});
    }

    static double[] rsiBatch(double[] x, int p) {
        int n = x.length;
        double[] out = nans(n, p);
        if (n <= p) {
            return out;
        }
        double gain = 0;
        double loss = 0;
        double prev = x[0];
        for (int i = 1; i <= p; i++) {
            double d = x[i] - prev;
            prev = x[i];
            if (d < 0) {
                loss -= d;
            } else {
                gain += d;
            }
        }
        loss /= p;
        gain /= p;
        double s = gain + loss;
        out[p] = Kernel.isZero(s) ? 0.0 : 100.0 * (gain / s);
        int p1 = p - 1;
        for (int i = p + 1; i < n; i++) {
            double d = x[i] - prev;
            prev = x[i];
            loss *= p1;
            gain *= p1;
            if (d < 0) {
                loss -= d;
            } else {
                gain += d;
            }
            loss /= p;
            gain /= p;
            s = gain + loss;
            out[i] = Kernel.isZero(s) ? 0.0 : 100.0 * (gain / s);
        }
        return out;
    }

    static final class RsiStream extends Kernel.SourceOneOut {
        private final int p;
        private int count;
        private double prev;
        private double gain;
        private double loss;

        RsiStream(int p, Source src) {
            super(src);
            this.p = p;
        }

        @Override
        void step(double x) {
            int i = count++;
            if (i == 0) {
                prev = x;
                return;
            }
            double d = x - prev;
            prev = x;
            if (i <= p) {
                if (d < 0) {
                    loss -= d;
                } else {
                    gain += d;
                }
                if (i == p) {
                    loss /= p;
                    gain /= p;
                    double s = gain + loss;
                    out = Kernel.isZero(s) ? 0.0 : 100.0 * (gain / s);
                }
                return;
            }
            loss *= p - 1;
            gain *= p - 1;
            if (d < 0) {
                loss -= d;
            } else {
                gain += d;
            }
            loss /= p;
            gain /= p;
            double s = gain + loss;
            out = Kernel.isZero(s) ? 0.0 : 100.0 * (gain / s);
        }
    }

    // ---- Stochastic (TA-Lib STOCH, SMA smoothing) ----
    static Kernel stochastic(int kp, int dp, int smooth) {
        List<OutputSpec> outs = List.of(OutputSpec.bounded("k", 0, 100), OutputSpec.bounded("d", 0, 100));
        int lbK = kp - 1 + smooth - 1;
        return new Kernel(outs, new int[] {lbK, lbK + dp - 1}, () -> new IndicatorStream() {
            private final RollingExtreme hi = RollingExtreme.max(kp);
            private final RollingExtreme lo = RollingExtreme.min(kp);
            private final RollingSum kSum = new RollingSum(smooth);
            private final RollingSum dSum = new RollingSum(dp);
            private double k = Double.NaN;
            private double d = Double.NaN;

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                hi.add(high);
                lo.add(low);
                if (!hi.full()) {
                    return;
                }
                double h = hi.value();
                double l = lo.value();
                double diff = (h - l) / 100.0;
                double fastK = diff != 0.0 ? (close - l) / diff : 0.0;
                kSum.add(fastK);
                if (!kSum.full()) {
                    return;
                }
                // running sums may stray by an ulp outside [0,100]; the bound is a property of the formula
                double kMean = kSum.mean();
                k = clamp(kMean);
                dSum.add(kMean);
                if (dSum.full()) {
                    d = clamp(dSum.mean());
                }
            }

            @Override
            public double value(int output) {
                return output == 0 ? k : d;
            }
        }, b -> {
            int n = b.size();
            double[] fast = rangePosition(b.high(), b.low(), b.close(), kp, false);
            double[] kraw = nans(n, lbK);
            Kernel.smaInto(fast, kp - 1, smooth, kraw);
            double[] d = nans(n, lbK + dp - 1);
            Kernel.smaInto(kraw, lbK, dp, d);
            for (int i = 0; i < n; i++) {
                d[i] = d[i] == d[i] ? clamp(d[i]) : d[i];
                kraw[i] = kraw[i] == kraw[i] ? clamp(kraw[i]) : kraw[i];
            }
            return new double[][] {kraw, d};
        });
    }

    /**
     * Fast %K (willr false) or Williams %R (willr true) in one blockwise van Herk/Gil-Werman pass over
     * highs and lows: O(n), two scratch arrays of p values, one output array.
     */
    static double[] rangePosition(double[] h, double[] l, double[] c, int p, boolean willr) {
        int n = c.length;
        double[] out = nans(n, p - 1);
        double[] sufH = new double[p];
        double[] sufL = new double[p];
        for (int s = 0; s < n; s += p) {
            int end = Math.min(s + p, n);
            double ah = h[end - 1];
            double al = l[end - 1];
            sufH[end - 1 - s] = ah;
            sufL[end - 1 - s] = al;
            for (int i = end - 2; i >= s; i--) {
                double vh = h[i];
                double vl = l[i];
                ah = vh > ah ? vh : ah;
                al = vl < al ? vl : al;
                sufH[i - s] = ah;
                sufL[i - s] = al;
            }
            if (end - s == p) {
                int i = s + p - 1;
                out[i] = position(sufH[0], sufL[0], c[i], willr);
            }
            int stop = Math.min(s + 2 * p - 1, n);
            double ph = 0;
            double pl = 0;
            for (int i = s + p; i < stop; i++) {
                double vh = h[i];
                double vl = l[i];
                if (i == s + p) {
                    ph = vh;
                    pl = vl;
                } else {
                    ph = vh > ph ? vh : ph;
                    pl = vl < pl ? vl : pl;
                }
                double a = sufH[i - p + 1 - s];
                double z = sufL[i - p + 1 - s];
                out[i] = position(a > ph ? a : ph, z < pl ? z : pl, c[i], willr);
            }
        }
        return out;
    }

    private static double position(double hv, double lv, double c, boolean willr) {
        if (willr) {
            double diff = (hv - lv) * -0.01;
            return diff != 0.0 ? Math.max(-100.0, Math.min(0.0, (hv - c) / diff)) : 0.0;
        }
        double diff = (hv - lv) / 100.0;
        return diff != 0.0 ? (c - lv) / diff : 0.0;
    }

    static double clamp(double v) {
        return v < 0 ? 0 : v > 100 ? 100 : v;
    }

    // ---- Williams %R (TA-Lib WILLR) ----
    static Kernel williamsR(int p) {
        return Kernel.single(OutputSpec.bounded("williamsr", -100, 0), p - 1, () -> new Kernel.OneOut() {
            private final RollingExtreme hi = RollingExtreme.max(p);
            private final RollingExtreme lo = RollingExtreme.min(p);

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                hi.add(high);
                lo.add(low);
                if (hi.full()) {
                    double h = hi.value();
                    double diff = (h - lo.value()) * -0.01;
                    out = diff != 0.0 ? Math.max(-100.0, Math.min(0.0, (h - close) / diff)) : 0.0;
                }
            }
        }, b -> {
            return new double[][] {rangePosition(b.high(), b.low(), b.close(), p, true)};
        });
    }

    // ---- CCI (TA-Lib formula, exact arithmetic) ----
    /**
     * CCI from the exact sums {@code h + l + c} (kept as a rounded sum plus its rounding error, so no
     * typical price is rounded): with {@code D_k} = sum of bar k minus sum of the current bar,
     * {@code CCI = (0 - mean D) / (0.015 * mean |D_k - mean D|)} (the factor 3 of the typical price
     * cancels). Differences of nearby prices are exact, so the result is within a few units of roundoff
     * of the exact CCI of the bars at any price level, and a window whose bars have identical
     * {@code (high, low, close)} sums gives exactly 0. TA-Lib sums rounded typical prices (its mean is off
     * by an ulp in flat windows, so it returns noise such as ±66.7 there). O(period) per bar.
     */
    static Kernel cci(int p) {
        return Kernel.single(OutputSpec.of("cci"), p - 1, () -> new Kernel.OneOut() {
            private final double[] hiR = new double[p];
            private final double[] loR = new double[p];
            private int count;

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                int slot = count % p;
                double s1 = high + low;
                double bb = s1 - high;
                double e1 = (high - (s1 - bb)) + (low - bb);
                double s2 = s1 + close;
                bb = s2 - s1;
                hiR[slot] = s2;
                loR[slot] = e1 + ((s1 - (s2 - bb)) + (close - bb));
                count++;
                if (count >= p) {
                    out = cciWindow(hiR, loR, count % p, p, slot);
                }
            }
        }, b -> {
            double[] h = b.high();
            double[] l = b.low();
            double[] c = b.close();
            int n = c.length;
            double[] hi = new double[n];
            double[] lo = new double[n];
            for (int i = 0; i < n; i++) {
                double s1 = h[i] + l[i];
                double bb = s1 - h[i];
                double e1 = (h[i] - (s1 - bb)) + (l[i] - bb);
                double s2 = s1 + c[i];
                bb = s2 - s1;
                hi[i] = s2;
                lo[i] = e1 + ((s1 - (s2 - bb)) + (c[i] - bb));
            }
            double[] out = nans(n, p - 1);
            for (int i = p - 1; i < n; i++) {
                out[i] = cciWindow(hi, lo, i - p + 1, p, i);
            }
            return new double[][] {out};
        });
    }

    /**
     * CCI of the window of p bars starting at index {@code from} of the (possibly circular) arrays of exact
     * {@code h + l + c} sums ({@code hi + lo}), oldest first; {@code cur} is the current bar.
     */
    static double cciWindow(double[] hi, double[] lo, int from, int p, int cur) {
        int len = hi.length;
        double ha = hi[cur];
        double la = lo[cur];
        double sum = 0;
        for (int j = 0, k = from; j < p; j++) {
            sum += (hi[k] - ha) + (lo[k] - la);
            k = k + 1 == len ? 0 : k + 1;
        }
        double mean = sum / p;
        double dev = 0;
        for (int j = 0, k = from; j < p; j++) {
            dev += Math.abs(((hi[k] - ha) + (lo[k] - la)) - mean);
            k = k + 1 == len ? 0 : k + 1;
        }
        double diff = -mean;
        return diff != 0.0 && dev != 0.0 ? diff / (0.015 * (dev / p)) : 0.0;
    }

    // ---- Momentum / ROC ----
    static Kernel momentum(int p, Source src) {
        return Kernel.single(OutputSpec.of("momentum"), p, () -> new LagStream(p, src, false), b -> {
            double[] x = src.column(b);
            double[] out = nans(x.length, p);
            for (int i = p; i < x.length; i++) {
                out[i] = x[i] - x[i - p];
            }
            return new double[][] {out};
        });
    }

    static Kernel roc(int p, Source src) {
        return Kernel.single(OutputSpec.of("roc"), p, () -> new LagStream(p, src, true), b -> {
            double[] x = src.column(b);
            double[] out = nans(x.length, p);
            for (int i = p; i < x.length; i++) {
                double prev = x[i - p];
                out[i] = prev != 0.0 ? ((x[i] / prev) - 1.0) * 100.0 : 0.0;
            }
            return new double[][] {out};
        });
    }

    static final class LagStream extends Kernel.SourceOneOut {
        private final double[] ring;
        private final int p;
        private final boolean ratio;
        private int count;

        LagStream(int p, Source src, boolean ratio) {
            super(src);
            this.p = p;
            this.ring = new double[p + 1];
            this.ratio = ratio;
        }

        @Override
        void step(double x) {
            ring[count % (p + 1)] = x;
            count++;
            if (count > p) {
                double prev = ring[(count - 1 - p) % (p + 1)];
                out = ratio ? (prev != 0.0 ? ((x / prev) - 1.0) * 100.0 : 0.0) : x - prev;
            }
        }
    }

    // ---- RVI ----
    static Kernel rvi(int p, int sp) {
        List<OutputSpec> outs = List.of(OutputSpec.of("rvi"), OutputSpec.of("signal"));
        int lb = 3 + p - 1;
        return new Kernel(outs, new int[] {lb, lb + sp - 1}, () -> new RviStream(p, sp),
                b -> Kernel.runStream(new RviStream(p, sp), b, 2));
    }

    /**
     * RVI through {@link RollingSum}s: the sums are self-checking (within about 1e-12 of the window's
     * mass), so a window whose bars all have high = low sums its range to exactly 0 and gives 0.
     */
    static final class RviStream implements IndicatorStream {
        private final double[] co = new double[4];
        private final double[] hl = new double[4];
        private final RollingSum num;
        private final RollingSum den;
        private final RollingSum sig;
        private int count;
        private double rvi = Double.NaN;
        private double signal = Double.NaN;

        RviStream(int p, int sp) {
            this.num = new RollingSum(p);
            this.den = new RollingSum(p);
            this.sig = new RollingSum(sp);
        }

        @Override
        public void update(double open, double high, double low, double close, double volume) {
            int i = count++;
            co[i & 3] = close - open;
            hl[i & 3] = high - low;
            if (i < 3) {
                return;
            }
            double a = (co[i & 3] + 2 * co[(i - 1) & 3] + 2 * co[(i - 2) & 3] + co[(i - 3) & 3]) / 6.0;
            double b = (hl[i & 3] + 2 * hl[(i - 1) & 3] + 2 * hl[(i - 2) & 3] + hl[(i - 3) & 3]) / 6.0;
            num.add(a);
            den.add(b);
            if (!num.full()) {
                return;
            }
            double dsum = den.sum();
            rvi = dsum != 0.0 ? num.sum() / dsum : 0.0;
            sig.add(rvi);
            if (sig.full()) {
                signal = sig.mean();
            }
        }

        @Override
        public double value(int output) {
            return output == 0 ? rvi : signal;
        }
    }

    // ---- Fisher transform ----
    static Kernel fisher(int p, int smoothing) {
        List<OutputSpec> outs = List.of(OutputSpec.of("fisher"), OutputSpec.of("signal"));
        double w = 1.0 / smoothing;
        return new Kernel(outs, new int[] {p - 1, p}, () -> new IndicatorStream() {
            private final RollingExtreme hi = RollingExtreme.max(p);
            private final RollingExtreme lo = RollingExtreme.min(p);
            private double v;
            private double fisher = Double.NaN;
            private double prevFisher = Double.NaN;
            private double f;

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                double mid = (high + low) / 2.0;
                hi.add(mid);
                lo.add(mid);
                if (!hi.full()) {
                    return;
                }
                double range = hi.value() - lo.value();
                double pos = range != 0.0 ? (mid - lo.value()) / range - 0.5 : 0.0;
                v = w * 2.0 * pos + (1.0 - w) * v;
                v = Math.max(-0.999, Math.min(0.999, v));
                prevFisher = fisher;
                f = 0.5 * Math.log((1.0 + v) / (1.0 - v)) + 0.5 * f;
                fisher = f;
            }

            @Override
            public double value(int output) {
                return output == 0 ? fisher : prevFisher;
            }
        }, b -> {
            double[] h = b.high();
            double[] l = b.low();
            int n = h.length;
            double[] mid = new double[n];
            for (int i = 0; i < n; i++) {
                mid[i] = (h[i] + l[i]) / 2.0;
            }
            double[] hi = RollingExtreme.maxOf(mid, p);
            double[] lo = RollingExtreme.minOf(mid, p);
            double[] fisher = nans(n, p - 1);
            double[] signal = nans(n, p);
            double v = 0;
            double f = 0;
            for (int i = p - 1; i < n; i++) {
                double range = hi[i] - lo[i];
                double pos = range != 0.0 ? (mid[i] - lo[i]) / range - 0.5 : 0.0;
                v = w * 2.0 * pos + (1.0 - w) * v;
                v = Math.max(-0.999, Math.min(0.999, v));
                if (i >= p) {
                    signal[i] = f;
                }
                f = 0.5 * Math.log((1.0 + v) / (1.0 - v)) + 0.5 * f;
                fisher[i] = f;
            }
            return new double[][] {fisher, signal};
        });
    }
}
