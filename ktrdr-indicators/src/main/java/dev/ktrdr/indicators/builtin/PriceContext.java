package dev.ktrdr.indicators.builtin;

import static dev.ktrdr.indicators.builtin.Kernel.nans;

import dev.ktrdr.indicators.Category;
import dev.ktrdr.indicators.Indicator;
import dev.ktrdr.indicators.IndicatorDefinition;
import dev.ktrdr.indicators.IndicatorStream;
import dev.ktrdr.indicators.Ohlcv;
import dev.ktrdr.indicators.OutputSpec;
import dev.ktrdr.indicators.ParamSpec;
import dev.ktrdr.indicators.Source;
import dev.ktrdr.indicators.kernels.Ema;
import dev.ktrdr.indicators.kernels.RollingExtreme;
import java.util.List;

/** Price context (scale-free forms), support/resistance levels, and the labelling-only ZigZag. */
final class PriceContext {
    /** Why the engine refuses ZigZag as a model input. */
    static final String ZIGZAG_REASON = "zigzag is a labelling tool, not a model input: its last leg is revised as "
            + "new bars arrive, so its value at a bar depends on later bars (look-ahead)";

    private PriceContext() {
    }

    static List<IndicatorDefinition> definitions() {
        return List.of(
                IndicatorDefinition.of("distancefromma", List.of("distancefrommovingaverage", "madistance"),
                        Category.PRICE_CONTEXT,
                        "Distance of the price from its moving average in percent: (x - MA)/MA*100, MA = SMA or EMA "
                                + "(TA-Lib SMA/EMA); 0 when MA = 0",
                        List.of(ParamSpec.integer("period", 20, 1, 200, "average length"),
                                ParamSpec.choice("ma_type", "sma", List.of("sma", "ema"), "average kind"),
                                ParamSpec.source("price read from each bar")),
                        p -> distance(p.integer("period"), "ema".equals(p.string("ma_type")), p.source(), true)),
                IndicatorDefinition.of("closesmaratio", List.of("priceratio", "smaratio", "closetosma"),
                        Category.PRICE_CONTEXT,
                        "Scale-free close / SMA(close, period) (TA-Lib SMA); 0 when the SMA is 0",
                        List.of(ParamSpec.integer("period", 20, 2, 500, "average length"),
                                ParamSpec.source("price read from each bar")),
                        p -> distance(p.integer("period"), false, p.source(), false)),
                IndicatorDefinition.of("macdpercent", List.of("macdpct", "macdpercentofprice"), Category.PRICE_CONTEXT,
                        "MACD line, signal and histogram (TA-Lib MACD) as percent of the bar's close",
                        List.of(ParamSpec.integer("fast_period", 12, 1, 100, "fast EMA span"),
                                ParamSpec.integer("slow_period", 26, 1, 200, "slow EMA span"),
                                ParamSpec.integer("signal_period", 9, 1, 50, "signal EMA span"),
                                ParamSpec.source("price read from each bar")),
                        p -> Trend.macd(p.integer("fast_period"), p.integer("slow_period"), p.integer("signal_period"),
                                p.source(), 100.0)),
                IndicatorDefinition.of("atrpercent", List.of("atrpct", "natr"), Category.PRICE_CONTEXT,
                        "ATR (TA-Lib ATR) as percent of the bar's close, i.e. TA-Lib NATR",
                        List.of(ParamSpec.integer("period", 14, 1, 100, "Wilder smoothing period")),
                        p -> Volatility.atr(p.integer("period"), true)),
                IndicatorDefinition.of("pivotpoints", List.of("pivots", "classicpivots"), Category.SUPPORT_RESISTANCE,
                        "Classic floor-trader pivots of the last period bars (H = highest high, L = lowest low, C = last "
                                + "close, all known at the bar's close; they apply to the following bars): pp = (H+L+C)/3, "
                                + "r1 = 2pp-L, s1 = 2pp-H, r2 = pp+(H-L), s2 = pp-(H-L), r3 = H+2(pp-L), s3 = L-2(H-pp)",
                        List.of(ParamSpec.integer("period", 1, 1, 500, "bars forming the pivot range")),
                        p -> pivots(p.integer("period"))),
                IndicatorDefinition.of("fibonacci", List.of("fibonacciretracement", "fib"), Category.SUPPORT_RESISTANCE,
                        "Fibonacci retracement levels of the rolling window: level = H - r*(H-L) for r in 0, 0.236, "
                                + "0.382, 0.5, 0.618, 0.786, 1, with H/L the highest high/lowest low of the last period bars",
                        List.of(ParamSpec.integer("period", 50, 2, 500, "window length")),
                        p -> fibonacci(p.integer("period"))),
                new IndicatorDefinition.Simple("zigzag", List.of(), Category.EXPERIMENTAL,
                        "ZigZag line through swing pivots that reverse by at least threshold (fraction); the last leg "
                                + "follows the latest extreme and is revised as bars arrive: labelling only",
                        List.of(new ParamSpec("threshold", ParamSpec.Kind.REAL, 0.05, 0, 1, false, false,
                                        List.of(), "reversal fraction"),
                                ParamSpec.source("price read from each bar")),
                        p -> zigzag(p.real("threshold"), p.source()), ZIGZAG_REASON));
    }

    static Kernel distance(int p, boolean ema, Source src, boolean percent) {
        OutputSpec out = OutputSpec.of(percent ? "distancefromma" : "closesmaratio");
        return Kernel.single(out, p - 1, () -> new Kernel.SourceOneOut(src) {
            private final Trend.SmaStream sma = ema ? null : new Trend.SmaStream(p, Source.CLOSE);
            private final Ema e = ema ? Ema.standard(p) : null;

            @Override
            void step(double x) {
                double m;
                if (ema) {
                    m = e.add(x);
                } else {
                    sma.update(x, x, x, x, 0);
                    m = sma.value(0);
                }
                if (m == m) {
                    out = percent ? (m != 0.0 ? (x - m) / m * 100.0 : 0.0) : (m != 0.0 ? x / m : 0.0);
                }
            }
        }, b -> {
            double[] x = src.column(b);
            double[] m = ema ? Trend.emaBatch(x, p, 2.0 / (p + 1)) : Trend.smaBatch(x, p);
            double[] o = nans(x.length, p - 1);
            for (int i = p - 1; i < x.length; i++) {
                double mi = m[i];
                o[i] = percent ? (mi != 0.0 ? (x[i] - mi) / mi * 100.0 : 0.0) : (mi != 0.0 ? x[i] / mi : 0.0);
            }
            return new double[][] {o};
        });
    }

    static Kernel pivots(int p) {
        List<OutputSpec> outs = List.of(OutputSpec.of("pp"), OutputSpec.of("r1"), OutputSpec.of("s1"),
                OutputSpec.of("r2"), OutputSpec.of("s2"), OutputSpec.of("r3"), OutputSpec.of("s3"));
        int[] lbs = new int[7];
        java.util.Arrays.fill(lbs, p - 1);
        return new Kernel(outs, lbs, () -> new IndicatorStream() {
            private final RollingExtreme hi = RollingExtreme.max(p);
            private final RollingExtreme lo = RollingExtreme.min(p);
            private double c;

            @Override
            public void update(double open, double high, double low, double close, double volume) {
                hi.add(high);
                lo.add(low);
                c = close;
            }

            @Override
            public double value(int output) {
                if (!hi.full()) {
                    return Double.NaN;
                }
                double h = hi.value();
                double l = lo.value();
                double pp = (h + l + c) / 3.0;
                switch (output) {
                    case 0: return pp;
                    case 1: return 2 * pp - l;
                    case 2: return 2 * pp - h;
                    case 3: return pp + (h - l);
                    case 4: return pp - (h - l);
                    case 5: return h + 2 * (pp - l);
                    default: return l - 2 * (h - pp);
                }
            }
        }, b -> {
            double[] hi = RollingExtreme.maxOf(b.high(), p);
            double[] lo = RollingExtreme.minOf(b.low(), p);
            double[] c = b.close();
            int n = c.length;
            double[][] out = new double[7][];
            for (int j = 0; j < 7; j++) {
                out[j] = nans(n, p - 1);
            }
            for (int i = p - 1; i < n; i++) {
                double h = hi[i];
                double l = lo[i];
                double pp = (h + l + c[i]) / 3.0;
                out[0][i] = pp;
                out[1][i] = 2 * pp - l;
                out[2][i] = 2 * pp - h;
                out[3][i] = pp + (h - l);
                out[4][i] = pp - (h - l);
                out[5][i] = h + 2 * (pp - l);
                out[6][i] = l - 2 * (h - pp);
            }
            return out;
        });
    }

    private static final double[] FIB = {0.0, 0.236, 0.382, 0.5, 0.618, 0.786, 1.0};

    static Kernel fibonacci(int p) {
        List<OutputSpec> outs = List.of(OutputSpec.of("high"), OutputSpec.of("r236"), OutputSpec.of("r382"),
                OutputSpec.of("r500"), OutputSpec.of("r618"), OutputSpec.of("r786"), OutputSpec.of("low"));
        int[] lbs = new int[7];
        java.util.Arrays.fill(lbs, p - 1);
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
                double h = hi.value();
                double l = lo.value();
                return output == 6 ? l : h - FIB[output] * (h - l);
            }
        }, b -> {
            double[] hi = RollingExtreme.maxOf(b.high(), p);
            double[] lo = RollingExtreme.minOf(b.low(), p);
            int n = hi.length;
            double[][] out = new double[7][];
            out[0] = hi;
            out[6] = lo;
            for (int j = 1; j < 6; j++) {
                double[] o = nans(n, p - 1);
                double r = FIB[j];
                for (int i = p - 1; i < n; i++) {
                    o[i] = hi[i] - r * (hi[i] - lo[i]);
                }
                out[j] = o;
            }
            return out;
        });
    }

    static Indicator zigzag(double th, Source src) {
        return new Indicator(List.of(OutputSpec.of("zigzag")), 0) {
            @Override
            public IndicatorStream newStream() {
                throw new UnsupportedOperationException(ZIGZAG_REASON);
            }

            @Override
            public double[][] compute(Ohlcv bars) {
                return new double[][] {zigzagLine(src.column(bars), th)};
            }
        };
    }

    /** ZigZag line: pivots where price reverses by at least th from the running extreme, linear in between. */
    static double[] zigzagLine(double[] x, double th) {
        int n = x.length;
        double[] out = new double[n];
        if (n == 0) {
            return out;
        }
        int[] piv = new int[n + 2];
        int np = 0;
        piv[np++] = 0;
        int trend = 0;
        int hiIdx = 0;
        int loIdx = 0;
        for (int i = 1; i < n; i++) {
            if (trend >= 0 && x[i] > x[hiIdx]) {
                hiIdx = i;
            }
            if (trend <= 0 && x[i] < x[loIdx]) {
                loIdx = i;
            }
            if (trend >= 0 && x[i] <= x[hiIdx] * (1 - th) && hiIdx > piv[np - 1]) {
                piv[np++] = hiIdx;
                trend = -1;
                loIdx = i;
            } else if (trend <= 0 && x[i] >= x[loIdx] * (1 + th) && loIdx > piv[np - 1]) {
                piv[np++] = loIdx;
                trend = 1;
                hiIdx = i;
            }
        }
        int last = trend > 0 ? hiIdx : trend < 0 ? loIdx : n - 1;
        if (last > piv[np - 1]) {
            piv[np++] = last;
        }
        if (piv[np - 1] != n - 1) {
            piv[np++] = n - 1;
        }
        for (int k = 0; k + 1 < np; k++) {
            int a = piv[k];
            int b = piv[k + 1];
            for (int i = a; i <= b; i++) {
                out[i] = x[a] + (x[b] - x[a]) * (i - a) / (double) (b - a);
            }
        }
        if (np == 1) {
            out[0] = x[0];
        }
        return out;
    }
}
