package dev.ktrdr.indicators.builtin;

import static dev.ktrdr.indicators.builtin.Kernel.nans;

import dev.ktrdr.indicators.Category;
import dev.ktrdr.indicators.IndicatorDefinition;
import dev.ktrdr.indicators.IndicatorStream;
import dev.ktrdr.indicators.OutputSpec;
import dev.ktrdr.indicators.ParamSpec;
import dev.ktrdr.indicators.Params;
import dev.ktrdr.indicators.Source;
import dev.ktrdr.indicators.kernels.Ema;
import dev.ktrdr.indicators.kernels.RollingExtreme;
import dev.ktrdr.indicators.kernels.RollingSum;
import java.util.ArrayList;
import java.util.List;

/** Trend indicators: SMA, EMA, WMA, MACD, ADX, Parabolic SAR, Ichimoku, SuperTrend, Aroon. */
final class Trend {
    private Trend() {
    }

    static List<IndicatorDefinition> definitions() {
        return List.of(
                IndicatorDefinition.of("sma", List.of("simplemovingaverage"), Category.TREND,
                        "Simple moving average: mean of the last period values (TA-Lib SMA; self-checking running sum, "
                                + "exactly the value over a flat window, unaffected by a spike once it has left the window)",
                        List.of(ParamSpec.integer("period", 20, 2, 500, "window length in bars"),
                                ParamSpec.source("price read from each bar")),
                        p -> sma(p.integer("period"), p.source())),
                IndicatorDefinition.of("ema", List.of("exponentialmovingaverage"), Category.TREND,
                        "Exponential moving average, alpha = 2/(period+1), values from bar period-1 on. adjust=true: pandas adjusted weighting "
                                + "sum((1-a)^i x[t-i]) / sum((1-a)^i) from the first bar (KTRDR default); adjust=false: "
                                + "recursive, seeded with the SMA of the first period values (TA-Lib EMA). Both agree "
                                + "after warm-up",
                        List.of(ParamSpec.integer("period", 20, 1, 500, "span in bars"),
                                ParamSpec.source("price read from each bar"),
                                ParamSpec.bool("adjust", true, "pandas adjusted weighting (true) or TA-Lib recursion (false)")),
                        p -> p.bool("adjust") ? emaAdjusted(p.integer("period"), p.source())
                                : ema(p.integer("period"), p.source())),
                IndicatorDefinition.of("wma", List.of("weightedmovingaverage"), Category.TREND,
                        "Linearly weighted moving average, weights 1..period, newest heaviest (TA-Lib WMA; self-checking "
                                + "running sums, unaffected by a spike once it has left the window)",
                        List.of(ParamSpec.integer("period", 20, 2, 500, "window length in bars"),
                                ParamSpec.source("price read from each bar")),
                        p -> wma(p.integer("period"), p.source())),
                IndicatorDefinition.of("macd", List.of("movingaverageconvergencedivergence"), Category.TREND,
                        "MACD line = EMA(fast) - EMA(slow), signal = EMA(line, signal_period), histogram = line - signal "
                                + "(TA-Lib MACD seeding: both EMAs start at bar slow_period-1)",
                        List.of(ParamSpec.integer("fast_period", 12, 1, 100, "fast EMA span"),
                                ParamSpec.integer("slow_period", 26, 1, 200, "slow EMA span"),
                                ParamSpec.integer("signal_period", 9, 1, 50, "signal EMA span"),
                                ParamSpec.source("price read from each bar")),
                        p -> macd(p.integer("fast_period"), p.integer("slow_period"), p.integer("signal_period"),
                                p.source(), 1.0)),
                IndicatorDefinition.of("adx", List.of("averagedirectionalindex"), Category.TREND,
                        "Wilder's ADX with +DI and -DI (TA-Lib ADX, PLUS_DI, MINUS_DI)",
                        List.of(ParamSpec.integer("period", 14, 2, 200, "Wilder smoothing period")),
                        p -> adx(p.integer("period"))),
                IndicatorDefinition.of("parabolicsar", List.of("psar", "sar"), Category.TREND,
                        "Wilder's Parabolic SAR; TA-Lib SAR start (direction from the first two bars' +DM/-DM); equals "
                                + "TA-Lib SAR when initial_af = step_af, TA-Lib SAREXT (absolute value) otherwise",
                        List.of(ParamSpec.real("initial_af", 0.02, 0.001, 0.1, "acceleration after a reversal"),
                                ParamSpec.real("step_af", 0.02, 0.001, 0.1, "acceleration increment per new extreme"),
                                ParamSpec.real("max_af", 0.2, 0.01, 1, "acceleration cap")),
                        p -> sar(p.real("initial_af"), p.real("step_af"), p.real("max_af"))),
                IndicatorDefinition.of("ichimoku", List.of("ichimokucloud"), Category.TREND,
                        "Ichimoku, look-ahead free: tenkan/kijun = (highest high + lowest low)/2; senkou_a/senkou_b are "
                                + "the spans that are plotted at bar t, i.e. computed displacement bars earlier; chikou = "
                                + "close[t] - close[t-displacement] (where the lagging span sits relative to the price it is "
                                + "plotted against); the raw lagging span would be the close itself",
                        List.of(ParamSpec.integer("tenkan_period", 9, 1, 200, "conversion line window"),
                                ParamSpec.integer("kijun_period", 26, 1, 200, "base line window"),
                                ParamSpec.integer("senkou_b_period", 52, 1, 500, "leading span B window"),
                                ParamSpec.integer("displacement", 26, 0, 200, "projection in bars")),
                        p -> ichimoku(p.integer("tenkan_period"), p.integer("kijun_period"),
                                p.integer("senkou_b_period"), p.integer("displacement"))),
                IndicatorDefinition.of("supertrend", List.of(), Category.TREND,
                        "SuperTrend (pandas-ta formulation): bands hl2 +/- multiplier*ATR (TA-Lib/Wilder ATR), "
                                + "ratcheted while the trend lasts; trend = active band, direction = +1 up / -1 down",
                        List.of(ParamSpec.integer("period", 10, 2, 200, "ATR period"),
                                ParamSpec.positive("multiplier", 3.0, 0, 10, "ATR multiple")),
                        p -> supertrend(p.integer("period"), p.real("multiplier"))),
                IndicatorDefinition.of("aroon", List.of(), Category.TREND,
                        "Aroon up/down = 100*(period - bars since highest high / lowest low in the last period+1 "
                                + "bars)/period (TA-Lib AROON, ties to the latest bar); oscillator = up - down",
                        List.of(ParamSpec.integer("period", 14, 1, 200, "window length"),
                                ParamSpec.bool("include_oscillator", false, "add the oscillator output")),
                        p -> aroon(p.integer("period"), p.bool("include_oscillator"))));
    }

    // ---- SMA ----
    static Kernel sma(int p, Source src) {
        return Kernel.single(OutputSpec.of("sma"), p - 1, () -> new SmaStream(p, src), b -> {
            double[] x = src.column(b);
            return new double[][] {smaBatch(x, p)};
        });
    }

    /**
     * SMA of x through {@link RollingSum} (self-checking running sum: within about 1e-12 of the exact mean
     * relative to the window's mean magnitude, exactly the value in a flat window, exact again the bar an
     * extreme value leaves the window); NaN before p-1. Bit for bit the streaming values.
     */
    static double[] smaBatch(double[] x, int p) {
        int n = x.length;
        double[] out = nans(n, p - 1);
        Kernel.smaInto(x, 0, p, out);
        return out;
    }

    /** Streaming SMA through {@link RollingSum}, as {@link #smaBatch}. */
    static final class SmaStream extends Kernel.SourceOneOut {
        private final RollingSum sum;

        SmaStream(int p, Source src) {
            super(src);
            this.sum = new RollingSum(p);
        }

        @Override
        void step(double x) {
            sum.add(x);
            if (sum.full()) {
                out = sum.mean();
            }
        }
    }

    // ---- EMA ----
    static Kernel ema(int p, Source src) {
        return Kernel.single(OutputSpec.of("ema"), p - 1, () -> new Kernel.SourceOneOut(src) {
            private final Ema e = Ema.standard(p);

            @Override
            void step(double x) {
                out = e.add(x);
            }
        }, b -> new double[][] {emaBatch(src.column(b), p, 2.0 / (p + 1))});
    }

    static double[] emaBatch(double[] x, int p, double k) {
        int n = x.length;
        double[] out = nans(n, p - 1);
        if (n < p) {
            return out;
        }
        double sum = 0;
        for (int i = 0; i < p; i++) {
            sum += x[i];
        }
        double prev = sum / p;
        out[p - 1] = prev;
        for (int i = p; i < n; i++) {
            prev = (x[i] - prev) * k + prev;
            out[i] = prev;
        }
        return out;
    }

    static Kernel emaAdjusted(int p, Source src) {
        double w = 1.0 - 2.0 / (p + 1);
        return Kernel.single(OutputSpec.of("ema"), p - 1, () -> new Kernel.SourceOneOut(src) {
            private double num;
            private double den;
            private int count;

            @Override
            void step(double x) {
                num = x + w * num;
                den = 1.0 + w * den;
                count++;
                if (count >= p) {
                    out = num / den;
                }
            }
        }, b -> {
            double[] x = src.column(b);
            int n = x.length;
            double[] out = nans(n, p - 1);
            double num = 0;
            double den = 0;
            for (int i = 0; i < n; i++) {
                num = x[i] + w * num;
                den = 1.0 + w * den;
                if (i >= p - 1) {
                    out[i] = num / den;
                }
            }
            return new double[][] {out};
        });
    }

    // ---- WMA ----
    static Kernel wma(int p, Source src) {
        return Kernel.single(OutputSpec.of("wma"), p - 1, () -> new WmaStream(p, src), b -> {
            double[] x = src.column(b);
            double[] out = nans(x.length, p - 1);
            WmaStream s = new WmaStream(p, src);
            for (int i = 0; i < x.length; i++) {
                s.step(x[i]);
                out[i] = s.out;
            }
            return new double[][] {out};
        });
    }

    /**
     * WMA from a running weighted sum {@code W = Σ j·x} and plain sum {@code S = Σ x} (TA-Lib's update
     * {@code W += p·x_new; W -= S}), self-checking as {@link RollingSum}: a first-order bound on the
     * rounding error accumulated since the last fresh sum is kept, and both sums are recomputed from the
     * ring (O(period)) when it exceeds 1e-12 of their mass, so the result stays within about 1e-12 of the
     * exact WMA relative to the window's mean magnitude, equals the value over a flat window, and is exact
     * again the bar a spike leaves the window. Batch runs this same stream.
     */
    static final class WmaStream extends Kernel.SourceOneOut {
        private static final double U = 0x1p-53;
        private final int p;
        private final double divider;
        private final double[] ring;
        private int count;
        private int pos;
        private double sum;
        private double wsum;
        private double mass;
        private double err;
        private int run;
        private double last = Double.NaN;

        WmaStream(int p, Source src) {
            super(src);
            this.p = p;
            this.divider = (p * (p + 1)) >> 1;
            this.ring = new double[p];
        }

        @Override
        void step(double v) {
            double before = mass;
            if (count >= p) {
                // the window slides: every weight drops by one (W -= S), the oldest leaves S
                wsum -= sum;
                double old = ring[pos];
                sum -= old;
                mass -= Math.abs(old);
                wsum += p * v;
            } else {
                count++;
                wsum += count * v;
            }
            ring[pos] = v;
            sum += v;
            mass += Math.abs(v);
            err += 4 * U * p * (before + mass);
            run = v == last ? (run < p ? run + 1 : run) : 1;
            last = v;
            pos = pos + 1 == p ? 0 : pos + 1;
            if (!(err <= RollingSum.TOLERANCE * p * mass)) {
                resum();
            }
            if (count >= p) {
                out = run >= p ? v : wsum / divider;
            }
        }

        private void resum() {
            int start = count < p ? 0 : pos;
            double s = 0;
            double w = 0;
            double m = 0;
            for (int k = 0, i = start; k < count; k++) {
                double v = ring[i];
                s += v;
                w += (k + 1) * v;
                m += Math.abs(v);
                i = i + 1 == p ? 0 : i + 1;
            }
            sum = s;
            wsum = w;
            mass = m;
            err = 0;
        }
    }

    // ---- MACD (scale = 1 for MACD, or divided by close * 100 for the percent form) ----
    static Kernel macd(int fast, int slow, int signal, Source src, double percentOfClose) {
        if (fast >= slow) {
            throw new IllegalArgumentException("fast_period " + fast + " must be less than slow_period " + slow);
        }
        boolean pct = percentOfClose != 1.0;
        List<OutputSpec> outs = List.of(OutputSpec.of("line"), OutputSpec.of("signal"), OutputSpec.of("histogram"));
        int lbLine = slow - 1;
        int lbSig = slow - 1 + signal - 1;
        return new Kernel(outs, new int[] {lbLine, lbSig, lbSig}, () -> new MacdStream(fast, slow, signal, src, pct),
                b -> MacdStream.batch(b, fast, slow, signal, src, pct));
    }

    static final class MacdStream implements IndicatorStream {
        private final Source src;
        private final boolean pct;
        private final int offset;
        private final Ema fastEma;
        private final Ema slowEma;
        private final Ema signalEma;
        private int count;
        private double line = Double.NaN;
        private double sig = Double.NaN;
        private double hist = Double.NaN;

        MacdStream(int fast, int slow, int signal, Source src, boolean pct) {
            this.src = src;
            this.pct = pct;
            this.offset = slow - fast;
            this.fastEma = Ema.standard(fast);
            this.slowEma = Ema.standard(slow);
            this.signalEma = Ema.standard(signal);
        }

        @Override
        public void update(double open, double high, double low, double close, double volume) {
            double x = src.pick(open, high, low, close, volume);
            // TA-Lib seeds the fast EMA over the fast window ending where the slow EMA starts
            double f = count >= offset ? fastEma.add(x) : Double.NaN;
            double s = slowEma.add(x);
            count++;
            if (!slowEma.ready()) {
                return;
            }
            double m = f - s;
            double sg = signalEma.add(m);
            double scale = pct ? 100.0 / close : 1.0;
            line = m * scale;
            if (signalEma.ready()) {
                sig = sg * scale;
                hist = (m - sg) * scale;
            }
        }

        @Override
        public double value(int output) {
            return output == 0 ? line : output == 1 ? sig : hist;
        }

        static double[][] batch(dev.ktrdr.indicators.Ohlcv b, int fast, int slow, int signal, Source src, boolean pct) {
            double[] x = src.column(b);
            double[] c = b.close();
            int n = x.length;
            double[] line = nans(n, slow - 1);
            double[] sig = nans(n, slow + signal - 2);
            double[] hist = nans(n, slow + signal - 2);
            if (n < slow) {
                return new double[][] {line, sig, hist};
            }
            double kf = 2.0 / (fast + 1);
            double ks = 2.0 / (slow + 1);
            double kg = 2.0 / (signal + 1);
            int off = slow - fast;
            double sf = 0;
            double ss = 0;
            for (int i = 0; i < slow; i++) {
                ss += x[i];
                if (i >= off) {
                    sf += x[i];
                }
            }
            double ef = sf / fast;
            double es = ss / slow;
            double gsum = 0;
            double g = 0;
            for (int i = slow - 1; i < n; i++) {
                if (i >= slow) {
                    ef = (x[i] - ef) * kf + ef;
                    es = (x[i] - es) * ks + es;
                }
                double m = ef - es;
                double scale = pct ? 100.0 / c[i] : 1.0;
                line[i] = m * scale;
                int j = i - (slow - 1);
                if (j < signal) {
                    gsum += m;
                    if (j == signal - 1) {
                        g = gsum / signal;
                    } else {
                        continue;
                    }
                } else {
                    g = (m - g) * kg + g;
                }
                sig[i] = g * scale;
                hist[i] = (m - g) * scale;
            }
            return new double[][] {line, sig, hist};
        }
    }

    // ---- ADX, +DI, -DI (TA-Lib) ----
    static Kernel adx(int p) {
        List<OutputSpec> outs = List.of(OutputSpec.bounded("adx", 0, 100), OutputSpec.bounded("plus_di", 0, 100),
                OutputSpec.bounded("minus_di", 0, 100));
        return new Kernel(outs, new int[] {2 * p - 1, p, p}, () -> new AdxStream(p), b -> {
            int n = b.size();
            double[][] out = {new double[n], new double[n], new double[n]};
            AdxStream s = new AdxStream(p);
            double[] h = b.high();
            double[] l = b.low();
            double[] c = b.close();
            for (int i = 0; i < n; i++) {
                s.update(0, h[i], l[i], c[i], 0);
                out[0][i] = s.adx;
                out[1][i] = s.pdi;
                out[2][i] = s.mdi;
            }
            return out;
        });
    }

    static final class AdxStream implements IndicatorStream {
        private final int p;
        private int count;
        private double prevHigh;
        private double prevLow;
        private double prevClose;
        private double pdm;
        private double mdm;
        private double tr;
        private double sumDx;
        private double adx = Double.NaN;
        private double pdi = Double.NaN;
        private double mdi = Double.NaN;

        AdxStream(int p) {
            this.p = p;
        }

        @Override
        public void update(double open, double high, double low, double close, double volume) {
            int i = count++;
            if (i == 0) {
                prevHigh = high;
                prevLow = low;
                prevClose = close;
                return;
            }
            double diffP = high - prevHigh;
            double diffM = prevLow - low;
            double trueRange = Math.max(high - low, Math.max(Math.abs(prevClose - high), Math.abs(low - prevClose)));
            prevHigh = high;
            prevLow = low;
            prevClose = close;
            double plus = diffP > 0 && diffP > diffM ? diffP : 0;
            double minus = diffM > 0 && diffP < diffM ? diffM : 0;
            if (i < p) {
                pdm += plus;
                mdm += minus;
                tr += trueRange;
                return;
            }
            pdm = pdm - pdm / p + plus;
            mdm = mdm - mdm / p + minus;
            tr = tr - tr / p + trueRange;
            if (Kernel.isZero(tr)) {
                pdi = 0;
                mdi = 0;
            } else {
                pdi = 100.0 * (pdm / tr);
                mdi = 100.0 * (mdm / tr);
            }
            // DX as TA-Lib: skipped (not added, ADX unchanged) when TR or DI sum is zero
            double dx = Double.NaN;
            if (!Kernel.isZero(tr)) {
                double s = mdi + pdi;
                if (!Kernel.isZero(s)) {
                    dx = 100.0 * (Math.abs(mdi - pdi) / s);
                }
            }
            if (i < 2 * p - 1) {
                if (dx == dx) {
                    sumDx += dx;
                }
            } else if (i == 2 * p - 1) {
                if (dx == dx) {
                    sumDx += dx;
                }
                adx = sumDx / p;
            } else if (dx == dx) {
                adx = (adx * (p - 1) + dx) / p;
            }
        }

        @Override
        public double value(int output) {
            return output == 0 ? adx : output == 1 ? pdi : mdi;
        }
    }

    // ---- Parabolic SAR (TA-Lib SAR / SAREXT logic) ----
    static Kernel sar(double initial, double step, double max) {
        return Kernel.single(OutputSpec.of("sar"), 1, () -> new SarStream(initial, step, max), b -> {
            int n = b.size();
            double[] out = new double[n];
            SarStream s = new SarStream(initial, step, max);
            double[] h = b.high();
            double[] l = b.low();
            for (int i = 0; i < n; i++) {
                s.update(0, h[i], l[i], 0, 0);
                out[i] = s.out;
            }
            return new double[][] {out};
        });
    }

    static final class SarStream extends Kernel.OneOut {
        private final double initial;
        private final double step;
        private final double max;
        private int count;
        private boolean isLong;
        private double af;
        private double ep;
        private double sar;
        private double newHigh;
        private double newLow;

        SarStream(double initial, double step, double max) {
            this.initial = Math.min(initial, max);
            this.step = step;
            this.max = max;
        }

        @Override
        public void update(double open, double high, double low, double close, double volume) {
            int i = count++;
            if (i == 0) {
                newHigh = high;
                newLow = low;
                return;
            }
            double prevHigh;
            double prevLow;
            if (i == 1) {
                double diffM = newLow - low;
                double diffP = high - newHigh;
                isLong = !(diffM > 0 && diffP < diffM);
                af = initial;
                if (isLong) {
                    ep = high;
                    sar = newLow;
                } else {
                    ep = low;
                    sar = newHigh;
                }
                // TA-Lib uses the second bar as its own "previous" bar
                prevHigh = high;
                prevLow = low;
            } else {
                prevHigh = newHigh;
                prevLow = newLow;
            }
            newHigh = high;
            newLow = low;
            if (isLong) {
                if (newLow <= sar) {
                    isLong = false;
                    sar = Math.max(ep, Math.max(prevHigh, newHigh));
                    out = sar;
                    af = initial;
                    ep = newLow;
                    sar = sar + af * (ep - sar);
                    sar = Math.max(sar, Math.max(prevHigh, newHigh));
                } else {
                    out = sar;
                    if (newHigh > ep) {
                        ep = newHigh;
                        af = Math.min(af + step, max);
                    }
                    sar = sar + af * (ep - sar);
                    sar = Math.min(sar, Math.min(prevLow, newLow));
                }
            } else {
                if (newHigh >= sar) {
                    isLong = true;
                    sar = Math.min(ep, Math.min(prevLow, newLow));
                    out = sar;
                    af = initial;
                    ep = newHigh;
                    sar = sar + af * (ep - sar);
                    sar = Math.min(sar, Math.min(prevLow, newLow));
                } else {
                    out = sar;
                    if (newLow < ep) {
                        ep = newLow;
                        af = Math.min(af + step, max);
                    }
                    sar = sar + af * (ep - sar);
                    sar = Math.max(sar, Math.max(prevHigh, newHigh));
                }
            }
        }
    }

    // ---- Ichimoku ----
    static Kernel ichimoku(int tenkan, int kijun, int senkouB, int d) {
        List<OutputSpec> outs = List.of(OutputSpec.of("tenkan"), OutputSpec.of("kijun"), OutputSpec.of("senkou_a"),
                OutputSpec.of("senkou_b"), OutputSpec.of("chikou"));
        int lbA = Math.max(tenkan, kijun) - 1 + d;
        return new Kernel(outs, new int[] {tenkan - 1, kijun - 1, lbA, senkouB - 1 + d, d},
                () -> new IchimokuStream(tenkan, kijun, senkouB, d), b -> {
                    double[] h = b.high();
                    double[] l = b.low();
                    double[] c = b.close();
                    int n = c.length;
                    double[] t = mid(h, l, tenkan);
                    double[] k = mid(h, l, kijun);
                    double[] sb = mid(h, l, senkouB);
                    double[] a = nans(n, lbA);
                    double[] bb = nans(n, senkouB - 1 + d);
                    double[] ch = nans(n, d);
                    for (int i = d; i < n; i++) {
                        a[i] = (t[i - d] + k[i - d]) / 2.0;
                        bb[i] = sb[i - d];
                        ch[i] = c[i] - c[i - d];
                    }
                    return new double[][] {t, k, a, bb, ch};
                });
    }

    static double[] mid(double[] h, double[] l, int p) {
        double[] hi = RollingExtreme.maxOf(h, p);
        double[] lo = RollingExtreme.minOf(l, p);
        for (int i = 0; i < hi.length; i++) {
            hi[i] = (hi[i] + lo[i]) / 2.0;
        }
        return hi;
    }

    static final class IchimokuStream implements IndicatorStream {
        private final RollingExtreme tH;
        private final RollingExtreme tL;
        private final RollingExtreme kH;
        private final RollingExtreme kL;
        private final RollingExtreme bH;
        private final RollingExtreme bL;
        private final int tenkanP;
        private final int kijunP;
        private final int bP;
        private final int d;
        private final double[] ringA;
        private final double[] ringB;
        private final double[] ringC;
        private int count;
        private double tenkan = Double.NaN;
        private double kijun = Double.NaN;
        private double spanA = Double.NaN;
        private double spanB = Double.NaN;
        private double chikou = Double.NaN;

        IchimokuStream(int tenkan, int kijun, int senkouB, int d) {
            this.tenkanP = tenkan;
            this.kijunP = kijun;
            this.bP = senkouB;
            this.d = d;
            tH = RollingExtreme.max(tenkan);
            tL = RollingExtreme.min(tenkan);
            kH = RollingExtreme.max(kijun);
            kL = RollingExtreme.min(kijun);
            bH = RollingExtreme.max(senkouB);
            bL = RollingExtreme.min(senkouB);
            ringA = new double[d + 1];
            ringB = new double[d + 1];
            ringC = new double[d + 1];
        }

        @Override
        public void update(double open, double high, double low, double close, double volume) {
            tH.add(high);
            tL.add(low);
            kH.add(high);
            kL.add(low);
            bH.add(high);
            bL.add(low);
            int i = count++;
            double t = i >= tenkanP - 1 ? (tH.value() + tL.value()) / 2.0 : Double.NaN;
            double k = i >= kijunP - 1 ? (kH.value() + kL.value()) / 2.0 : Double.NaN;
            double b = i >= bP - 1 ? (bH.value() + bL.value()) / 2.0 : Double.NaN;
            tenkan = t;
            kijun = k;
            int slot = i % (d + 1);
            ringA[slot] = (t + k) / 2.0;
            ringB[slot] = b;
            ringC[slot] = close;
            if (i >= d) {
                // the span plotted at bar i was computed d bars earlier: the oldest ring slot
                int old = (i - d) % (d + 1);
                spanA = ringA[old];
                spanB = ringB[old];
                chikou = close - ringC[old];
            }
        }

        @Override
        public double value(int output) {
            switch (output) {
                case 0: return tenkan;
                case 1: return kijun;
                case 2: return spanA;
                case 3: return spanB;
                default: return chikou;
            }
        }
    }

    // ---- SuperTrend ----
    static Kernel supertrend(int p, double mult) {
        List<OutputSpec> outs = List.of(OutputSpec.of("trend"), OutputSpec.bounded("direction", -1, 1));
        return new Kernel(outs, new int[] {p, p}, () -> new SuperTrendStream(p, mult), b -> {
            int n = b.size();
            double[][] out = {new double[n], new double[n]};
            SuperTrendStream s = new SuperTrendStream(p, mult);
            double[] h = b.high();
            double[] l = b.low();
            double[] c = b.close();
            for (int i = 0; i < n; i++) {
                s.update(0, h[i], l[i], c[i], 0);
                out[0][i] = s.trend;
                out[1][i] = s.dir;
            }
            return out;
        });
    }

    static final class SuperTrendStream implements IndicatorStream {
        private final Volatility.AtrState atr;
        private final double mult;
        private boolean started;
        private double upper;
        private double lower;
        private double dir = Double.NaN;
        private double trend = Double.NaN;

        SuperTrendStream(int p, double mult) {
            this.atr = new Volatility.AtrState(p);
            this.mult = mult;
        }

        @Override
        public void update(double open, double high, double low, double close, double volume) {
            double a = atr.add(high, low, close);
            if (a != a) {
                return;
            }
            double hl2 = (high + low) / 2.0;
            double bu = hl2 + mult * a;
            double bl = hl2 - mult * a;
            if (!started) {
                started = true;
                dir = 1;
                upper = bu;
                lower = bl;
            } else {
                if (close > upper) {
                    dir = 1;
                } else if (close < lower) {
                    dir = -1;
                }
                if (dir > 0 && bl < lower) {
                    bl = lower;
                }
                if (dir < 0 && bu > upper) {
                    bu = upper;
                }
                upper = bu;
                lower = bl;
            }
            trend = dir > 0 ? lower : upper;
        }

        @Override
        public double value(int output) {
            return output == 0 ? trend : dir;
        }
    }

    // ---- Aroon ----
    static Kernel aroon(int p, boolean osc) {
        List<OutputSpec> outs = new ArrayList<>(List.of(OutputSpec.bounded("up", 0, 100), OutputSpec.bounded("down", 0, 100)));
        if (osc) {
            outs.add(OutputSpec.bounded("oscillator", -100, 100));
        }
        int[] lbs = osc ? new int[] {p, p, p} : new int[] {p, p};
        return new Kernel(outs, lbs, () -> new AroonStream(p), b -> {
            int n = b.size();
            double[][] out = new double[osc ? 3 : 2][];
            int[] hiAge = RollingExtreme.agesOf(b.high(), p + 1, true);
            int[] loAge = RollingExtreme.agesOf(b.low(), p + 1, false);
            double factor = 100.0 / p;
            double[] up = nans(n, p);
            double[] down = nans(n, p);
            for (int i = p; i < n; i++) {
                up[i] = Math.min(100.0, factor * (p - hiAge[i]));
                down[i] = Math.min(100.0, factor * (p - loAge[i]));
            }
            out[0] = up;
            out[1] = down;
            if (osc) {
                double[] o = nans(n, p);
                for (int i = p; i < n; i++) {
                    o[i] = up[i] - down[i];
                }
                out[2] = o;
            }
            return out;
        });
    }

    static final class AroonStream implements IndicatorStream {
            private final int p;
            private final RollingExtreme hi;
            private final RollingExtreme lo;
            private final double factor;
            private double up = Double.NaN;
            private double down = Double.NaN;

            AroonStream(int p) {
                this.p = p;
                this.hi = RollingExtreme.max(p + 1);
                this.lo = RollingExtreme.min(p + 1);
                this.factor = 100.0 / p;
            }

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                hi.add(high);
                lo.add(low);
                if (hi.full()) {
                    // (100/p)*p can round to 100.00000000000001; the bound is a property of the formula
                    up = Math.min(100.0, factor * (p - hi.age()));
                    down = Math.min(100.0, factor * (p - lo.age()));
                }
            }

            @Override
            public double value(int output) {
                return output == 0 ? up : output == 1 ? down : up - down;
            }
    }
}
