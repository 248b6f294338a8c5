package dev.ktrdr.indicators.builtin;

import static dev.ktrdr.indicators.builtin.Kernel.nans;

import dev.ktrdr.indicators.Category;
import dev.ktrdr.indicators.IndicatorDefinition;
import dev.ktrdr.indicators.IndicatorStream;
import dev.ktrdr.indicators.OutputSpec;
import dev.ktrdr.indicators.ParamSpec;
import dev.ktrdr.indicators.Source;
import dev.ktrdr.indicators.kernels.Ema;
import dev.ktrdr.indicators.kernels.RollingExtreme;
import dev.ktrdr.indicators.kernels.RollingMoments;
import java.util.List;

/** Volatility indicators: ATR, Bollinger Bands and bandwidth, Keltner and Donchian channels, squeeze. */
final class Volatility {
    private Volatility() {
    }

    static List<IndicatorDefinition> definitions() {
        return List.of(
                IndicatorDefinition.of("atr", List.of("averagetruerange"), Category.VOLATILITY,
                        "Wilder's average true range: seeded with the mean of the first period true ranges (from the "
                                + "second bar), then (atr*(period-1)+tr)/period (TA-Lib ATR)",
                        List.of(ParamSpec.integer("period", 14, 1, 100, "Wilder smoothing period")),
                        p -> atr(p.integer("period"), false)),
                IndicatorDefinition.of("bollingerbands", List.of("bbands", "bollinger"), Category.VOLATILITY,
                        "Bollinger Bands: middle = SMA, upper/lower = middle +- multiplier * population standard "
                                + "deviation (TA-Lib BBANDS with SMA) of the exact window variance (centred sums; TA-Lib's "
                                + "one-pass sum of squares loses digits at high prices and zeroes variances below 1e-8, "
                                + "this library does neither); a flat window has deviation exactly 0",
                        List.of(ParamSpec.integer("period", 20, 2, 200, "window length"),
                                ParamSpec.positive("multiplier", 2.0, 0, 10, "standard deviations"),
                                ParamSpec.source("price read from each bar")),
                        p -> bollinger(p.integer("period"), p.real("multiplier"), p.source(), false)),
                IndicatorDefinition.of("bollingerbandwidth", List.of("bbwidth", "bandwidth"), Category.VOLATILITY,
                        "Bollinger bandwidth = (upper - lower) / |middle| = 2 * multiplier * deviation / |middle|, scale free, "
                                + "exact window deviation as in bollingerbands (0 when middle is 0 or the window is flat)",
                        List.of(ParamSpec.integer("period", 20, 2, 200, "window length"),
                                ParamSpec.positive("multiplier", 2.0, 0, 10, "standard deviations"),
                                ParamSpec.source("price read from each bar")),
                        p -> bollinger(p.integer("period"), p.real("multiplier"), p.source(), true)),
                IndicatorDefinition.of("keltnerchannels", List.of("keltner", "kc"), Category.VOLATILITY,
                        "Keltner channels: middle = EMA(close, period) (TA-Lib EMA), upper/lower = middle +- multiplier "
                                + "* ATR(atr_period) (TA-Lib ATR)",
                        List.of(ParamSpec.integer("period", 20, 2, 500, "EMA span"),
                                ParamSpec.integer("atr_period", 10, 2, 200, "ATR period"),
                                ParamSpec.positive("multiplier", 2.0, 0, 10, "ATR multiple")),
                        p -> keltner(p.integer("period"), p.integer("atr_period"), p.real("multiplier"))),
                IndicatorDefinition.of("donchianchannels", List.of("donchian"), Category.VOLATILITY,
                        "Donchian channels: upper = highest high, lower = lowest low over period (TA-Lib MAX/MIN), "
                                + "middle = their mean",
                        List.of(ParamSpec.integer("period", 20, 2, 500, "window length"),
                                ParamSpec.bool("include_middle", true, "add the middle output")),
                        p -> donchian(p.integer("period"), p.bool("include_middle"))),
                IndicatorDefinition.of("squeezeintensity", List.of("squeeze"), Category.VOLATILITY,
                        "Squeeze intensity = (KC width - BB width) / KC width: positive when the Bollinger Bands (SMA, "
                                + "population deviation) sit inside the Keltner channel (width 2 * kc_multiplier * "
                                + "ATR(kc_period)); 0 when the channel has no width",
                        List.of(ParamSpec.integer("bb_period", 20, 2, 200, "Bollinger window"),
                                ParamSpec.positive("bb_multiplier", 2.0, 0, 10, "standard deviations"),
                                ParamSpec.integer("kc_period", 20, 2, 200, "ATR period of the Keltner channel"),
                                ParamSpec.positive("kc_multiplier", 2.0, 0, 10, "ATR multiple"),
                                ParamSpec.source("price read from each bar")),
                        p -> squeeze(p.integer("bb_period"), p.real("bb_multiplier"), p.integer("kc_period"),
                                p.real("kc_multiplier"), p.source())));
    }

    /** TA-Lib ATR state: NaN until bar period, then Wilder-smoothed true range. */
    static final class AtrState {
        private final int p;
        private int count;
        private double prevClose;
        private double atr = Double.NaN;
        private double sum;

        AtrState(int p) {
            this.p = p;
        }

        double add(double high, double low, double close) {
            int i = count++;
            if (i == 0) {
                prevClose = close;
                return Double.NaN;
            }
            double tr = trueRange(high, low, prevClose);
            prevClose = close;
            if (i < p) {
                sum += tr;
            } else if (i == p) {
                sum += tr;
                atr = sum / p;
            } else {
                atr = (atr * (p - 1) + tr) / p;
            }
            return atr;
        }
    }

    static double trueRange(double high, double low, double prevClose) {
        double g = high - low;
        double a = Math.abs(prevClose - high);
        if (a > g) {
            g = a;
        }
        double b = Math.abs(low - prevClose);
        return b > g ? b : g;
    }

    static Kernel atr(int p, boolean percent) {
        return Kernel.single(OutputSpec.of(percent ? "atrpercent" : "atr"), p, () -> new Kernel.OneOut() {
            private final AtrState s = new AtrState(p);

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                double a = s.add(high, low, close);
                out = percent ? a / close * 100.0 : a;
            }
        }, b -> new double[][] {atrBatch(b.high(), b.low(), b.close(), p, percent)});
    }

    static double[] atrBatch(double[] h, double[] l, double[] c, int p, boolean percent) {
        int n = c.length;
        double[] out = nans(n, p);
        double sum = 0;
        double atr = 0;
        for (int i = 1; i < n; i++) {
            double tr = trueRange(h[i], l[i], c[i - 1]);
            if (i < p) {
                sum += tr;
                continue;
            }
            if (i == p) {
                sum += tr;
                atr = sum / p;
            } else {
                atr = (atr * (p - 1) + tr) / p;
            }
            out[i] = percent ? atr / c[i] * 100.0 : atr;
        }
        return out;
    }

    /**
     * Mean and population deviation of the last p values ({@link RollingMoments}: centred, self-checking
     * sums, exact to about 1e-11 at any price level, exactly the value and 0 in a flat window). TA-Lib's
     * BBANDS uses the one-pass {@code Σx²/p - mean²}, which is the inexact one at high price levels.
     */
    static final class MeanDev {
        private final RollingMoments m;
        double mean = Double.NaN;
        double dev = Double.NaN;

        MeanDev(int p) {
            this.m = new RollingMoments(p);
        }

        boolean add(double x) {
            if (!m.add(x)) {
                return false;
            }
            mean = m.mean();
            dev = m.deviation();
            return true;
        }
    }

    /** Batch form of {@link MeanDev}: {mean, dev} arrays, NaN before p-1, bit for bit the streaming values. */
    static double[][] meanDev(double[] x, int p) {
        int n = x.length;
        double[] mean = nans(n, p - 1);
        double[] dev = nans(n, p - 1);
        RollingMoments m = new RollingMoments(p);
        for (int i = 0; i < n; i++) {
            if (m.add(x[i])) {
                mean[i] = m.mean();
                dev[i] = m.deviation();
            }
        }
        return new double[][] {mean, dev};
    }

    /**
     * Bandwidth {@code (upper - lower) / |middle| = 2 * m * dev / |mean|}, taken from the deviation itself
     * rather than the difference of two rounded bands (which at a price of 50,000 would cost digits).
     */
    static double width(double mean, double dev, double m) {
        return mean != 0.0 ? 2.0 * m * dev / Math.abs(mean) : 0.0;
    }

    static Kernel bollinger(int p, double m, Source src, boolean width) {
        if (width) {
            return Kernel.single(OutputSpec.bounded("bandwidth", 0, Double.POSITIVE_INFINITY), p - 1,
                    () -> new Kernel.SourceOneOut(src) {
                        private final MeanDev s = new MeanDev(p);

                        @Override
                        void step(double x) {
                            if (s.add(x)) {
                                out = width(s.mean, s.dev, m);
                            }
                        }
                    }, b -> {
                        double[][] md = meanDev(src.column(b), p);
                        double[] out = md[1];
                        for (int i = p - 1; i < out.length; i++) {
                            out[i] = width(md[0][i], out[i], m);
                        }
                        return new double[][] {out};
                    });
        }
        List<OutputSpec> outs = List.of(OutputSpec.of("upper"), OutputSpec.of("middle"), OutputSpec.of("lower"));
        return new Kernel(outs, new int[] {p - 1, p - 1, p - 1}, () -> new Kernel.SourceStream(src) {
            private final MeanDev s = new MeanDev(p);
            private double up = Double.NaN;
            private double mid = Double.NaN;
            private double lo = Double.NaN;

            @Override
            void step(double x) {
                if (s.add(x)) {
                    mid = s.mean;
                    up = s.mean + m * s.dev;
                    lo = s.mean - m * s.dev;
                }
            }

            @Override
            public double value(int output) {
                return output == 0 ? up : output == 1 ? mid : lo;
            }
        }, b -> {
            double[][] md = meanDev(src.column(b), p);
            double[] mid = md[0];
            double[] dev = md[1];
            int n = mid.length;
            double[] up = nans(n, p - 1);
            double[] lo = dev;
            for (int i = p - 1; i < n; i++) {
                double d = dev[i];
                up[i] = mid[i] + m * d;
                lo[i] = mid[i] - m * d;
            }
            return new double[][] {up, mid, lo};
        });
    }

    static Kernel keltner(int p, int ap, double m) {
        List<OutputSpec> outs = List.of(OutputSpec.of("upper"), OutputSpec.of("middle"), OutputSpec.of("lower"));
        int lb = Math.max(p - 1, ap);
        return new Kernel(outs, new int[] {lb, p - 1, lb}, () -> new IndicatorStream() {
            private final Ema ema = Ema.standard(p);
            private final AtrState atr = new AtrState(ap);
            private double up = Double.NaN;
            private double mid = Double.NaN;
            private double lo = Double.NaN;

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                mid = ema.add(close);
                double a = atr.add(high, low, close);
                up = mid + m * a;
                lo = mid - m * a;
            }

            @Override
            public double value(int output) {
                return output == 0 ? up : output == 1 ? mid : lo;
            }
        }, b -> {
            double[] mid = Trend.emaBatch(b.close(), p, 2.0 / (p + 1));
            double[] a = atrBatch(b.high(), b.low(), b.close(), ap, false);
            int n = mid.length;
            double[] up = new double[n];
            for (int i = 0; i < n; i++) {
                double ai = a[i];
                up[i] = mid[i] + m * ai;
                a[i] = mid[i] - m * ai;
            }
            return new double[][] {up, mid, a};
        });
    }

    static Kernel donchian(int p, boolean middle) {
        List<OutputSpec> outs = middle
                ? List.of(OutputSpec.of("upper"), OutputSpec.of("middle"), OutputSpec.of("lower"))
                : List.of(OutputSpec.of("upper"), OutputSpec.of("lower"));
        int[] lbs = middle ? new int[] {p - 1, p - 1, p - 1} : new int[] {p - 1, p - 1};
        return new Kernel(outs, lbs, () -> new IndicatorStream() {
            private final RollingExtreme hi = RollingExtreme.max(p);
            private final RollingExtreme lo = RollingExtreme.min(p);

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                hi.add(high);
                lo.add(low);
            }

            @Override
            public double value(int output) {
                if (!hi.full()) {
                    return Double.NaN;
                }
                if (output == 0) {
                    return hi.value();
                }
                if (middle && output == 1) {
                    return (hi.value() + lo.value()) / 2.0;
                }
                return lo.value();
            }
        }, b -> {
            double[] hi = RollingExtreme.maxOf(b.high(), p);
            double[] lo = RollingExtreme.minOf(b.low(), p);
            if (!middle) {
                return new double[][] {hi, lo};
            }
            double[] mid = new double[hi.length];
            for (int i = 0; i < mid.length; i++) {
                mid[i] = (hi[i] + lo[i]) / 2.0;
            }
            return new double[][] {hi, mid, lo};
        });
    }

    static Kernel squeeze(int bp, double bm, int kp, double km, Source src) {
        return Kernel.single(OutputSpec.bounded("squeezeintensity", Double.NEGATIVE_INFINITY, 1),
                Math.max(bp - 1, kp), () -> new Kernel.OneOut() {
                    private final MeanDev bb = new MeanDev(bp);
                    private final AtrState atr = new AtrState(kp);

                    @Override
                    public void update(double open, double high, double low, double close, double volume) {
                        boolean ready = bb.add(src.pick(open, high, low, close, volume));
                        double a = atr.add(high, low, close);
                        if (ready && a == a) {
                            double kw = 2.0 * km * a;
                            double bw = 2.0 * bm * bb.dev;
                            out = kw != 0.0 ? (kw - bw) / kw : 0.0;
                        }
                    }
                }, b -> {
                    double[] dev = meanDev(src.column(b), bp)[1];
                    double[] a = atrBatch(b.high(), b.low(), b.close(), kp, false);
                    int n = dev.length;
                    double[] out = nans(n, Math.max(bp - 1, kp));
                    for (int i = Math.max(bp - 1, kp); i < n; i++) {
                        double kw = 2.0 * km * a[i];
                        double bw = 2.0 * bm * dev[i];
                        out[i] = kw != 0.0 ? (kw - bw) / kw : 0.0;
                    }
                    return new double[][] {out};
                });
    }
}
