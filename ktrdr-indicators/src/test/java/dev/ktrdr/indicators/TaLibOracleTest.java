package dev.ktrdr.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import com.tictactec.ta.lib.Core;
import com.tictactec.ta.lib.MAType;
import com.tictactec.ta.lib.MInteger;
import com.tictactec.ta.lib.RetCode;
import dev.ktrdr.api.IndicatorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every indicator that TA-Lib 0.4 ({@code com.tictactec:ta-lib:0.4.0}, the Java port) has, or that is a
 * plain composition of TA-Lib functions, matches it on real series from {@code KTRDR_MARKET_DATA} with
 * relative error at most 1e-9 (values smaller than 1/1000 of the column's mean magnitude, i.e. zero
 * crossings, are compared against that floor). Comparison starts at TA-Lib's first output (the lookback),
 * and our lookback is checked to equal TA-Lib's {@code outBegIdx}.
 */
class TaLibOracleTest {
    private static final double REL = 1e-9;
    private final Core core = new Core();
    private final List<String> failures = new ArrayList<>();
    private final Map<String, Integer> talibInexact = new LinkedHashMap<>();
    private int compared;

    interface Fn1 {
        RetCode call(int end, MInteger beg, MInteger nb, double[] out);
    }

    interface Fn2 {
        RetCode call(int end, MInteger beg, MInteger nb, double[] a, double[] b);
    }

    interface Fn3 {
        RetCode call(int end, MInteger beg, MInteger nb, double[] a, double[] b, double[] c);
    }

    /** One TA-Lib output as a full-length array, NaN before outBegIdx. */
    static double[] full(int n, MInteger beg, MInteger nb, double[] compact) {
        double[] a = new double[n];
        Arrays.fill(a, Double.NaN);
        System.arraycopy(compact, 0, a, beg.value, nb.value);
        return a;
    }

    double[] ta(int n, Fn1 f) {
        MInteger b = new MInteger();
        MInteger k = new MInteger();
        double[] o = new double[n];
        assertThat(f.call(n - 1, b, k, o)).isEqualTo(RetCode.Success);
        return full(n, b, k, o);
    }

    double[][] ta2(int n, Fn2 f) {
        MInteger b = new MInteger();
        MInteger k = new MInteger();
        double[] o1 = new double[n];
        double[] o2 = new double[n];
        assertThat(f.call(n - 1, b, k, o1, o2)).isEqualTo(RetCode.Success);
        return new double[][] {full(n, b, k, o1), full(n, b, k, o2)};
    }

    double[][] ta3(int n, Fn3 f) {
        MInteger b = new MInteger();
        MInteger k = new MInteger();
        double[] o1 = new double[n];
        double[] o2 = new double[n];
        double[] o3 = new double[n];
        assertThat(f.call(n - 1, b, k, o1, o2, o3)).isEqualTo(RetCode.Success);
        return new double[][] {full(n, b, k, o1), full(n, b, k, o2), full(n, b, k, o3)};
    }

    static Indicator ind(String type, Object... kv) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return IndicatorCatalog.standard().configure(new IndicatorSpec("t", type, p));
    }

    /** Compares from the first index where the TA-Lib value exists, plus {@code extraWarmup} bars. */
    void same(String what, double[] ours, int ourLookback, double[] talib, int extraWarmup, boolean sameLookback) {
        int first = 0;
        while (first < talib.length && Double.isNaN(talib[first])) {
            first++;
        }
        if (sameLookback && first != ourLookback) {
            failures.add(what + ": lookback " + ourLookback + " but TA-Lib begins at " + first);
        }
        int from = Math.max(first, ourLookback) + extraWarmup;
        double mean = 0;
        for (int i = from; i < talib.length; i++) {
            mean += Math.abs(talib[i]);
        }
        mean /= Math.max(1, talib.length - from);
        double floor = mean * 1e-3;
        double worst = 0;
        int worstAt = -1;
        for (int i = from; i < talib.length; i++) {
            double e = talib[i];
            double a = ours[i];
            double err = a == e ? 0.0 : Math.abs(a - e) / Math.max(Math.abs(e), floor);
            if (!(err <= worst)) {
                worst = err;
                worstAt = i;
            }
        }
        compared++;
        if (!(worst <= REL)) {
            failures.add(String.format("%s: relative error %.3g at bar %d (ours %s, TA-Lib %s)", what, worst, worstAt,
                    worstAt < 0 ? "?" : ours[worstAt], worstAt < 0 ? "?" : talib[worstAt]));
        }
    }

    /**
     * As {@link #same}, for indicators where TA-Lib's own arithmetic is inexact (one-pass variance, rounded
     * typical prices, plain running totals): at each bar ours must equal TA-Lib, or else TA-Lib must be off
     * the exact value (BigDecimal on the same doubles) by more than ours is, and ours must be within the
     * tolerance of the exact value relative to the column's mean magnitude. Bars of the second kind are
     * counted in {@link #talibInexact}.
     */
    void sameOrExact(String what, double[] ours, int ourLookback, double[] talib, double[] exact) {
        sameOrExact(what, ours, ourLookback, talib, at -> exact);
    }

    /** As above, the exact reference computed only at the bars where ours and TA-Lib differ. */
    void sameOrExact(String what, double[] ours, int ourLookback, double[] talib,
                     java.util.function.Function<boolean[], double[]> exactAt) {
        int first = 0;
        while (first < talib.length && Double.isNaN(talib[first])) {
            first++;
        }
        if (first != ourLookback) {
            failures.add(what + ": lookback " + ourLookback + " but TA-Lib begins at " + first);
        }
        double mean = 0;
        for (int i = first; i < talib.length; i++) {
            mean += Math.abs(talib[i]);
        }
        mean /= Math.max(1, talib.length - first);
        double floor = mean * 1e-3;
        boolean[] differ = new boolean[talib.length];
        for (int i = first; i < talib.length; i++) {
            differ[i] = !(rel(ours[i], talib[i], Math.max(Math.abs(talib[i]), floor)) <= REL);
        }
        double[] exact = exactAt.apply(differ);
        int bad = 0;
        String firstBad = null;
        for (int i = first; i < talib.length; i++) {
            if (!differ[i]) {
                continue;
            }
            // against the exact value: relative to the column's typical magnitude (the library's promise)
            double scale = Math.max(Math.abs(exact[i]), mean);
            double oursOff = rel(ours[i], exact[i], scale);
            if (oursOff <= REL && rel(talib[i], exact[i], scale) > oursOff) {
                talibInexact.merge(what, 1, Integer::sum);
                continue;
            }
            bad++;
            if (firstBad == null) {
                firstBad = String.format("bar %d: ours %s, TA-Lib %s, exact %s", i, ours[i], talib[i], exact[i]);
            }
        }
        compared++;
        if (bad > 0) {
            failures.add(what + ": " + bad + " bars equal neither TA-Lib nor the exact value, first " + firstBad);
        }
    }

    private static double rel(double a, double b, double scale) {
        return a == b ? 0.0 : Math.abs(a - b) / scale;
    }

    void same(String what, Indicator ind, Ohlcv bars, int output, double[] talib) {
        same(what, ind.compute(bars)[output], ind.lookback(output), talib, 0, true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AAPL_1h", "EURUSD_1h", "BTCUSDT_1h"})
    void indicatorsMatchTaLibOnRealSeries(String market) {
        Ohlcv b = TestBars.market(market);
        int n = b.size();
        double[] o = b.open();
        double[] h = b.high();
        double[] l = b.low();
        double[] c = b.close();
        double[] v = b.volume();

        for (int p : new int[] {2, 20, 50}) {
            same("sma" + p, ind("sma", "period", p), b, 0, ta(n, (e, bg, nb, out) -> core.sma(0, e, c, p, bg, nb, out)));
            sameOrExact("wma" + p, ind("wma", "period", p).compute(b)[0], p - 1,
                    ta(n, (e, bg, nb, out) -> core.wma(0, e, c, p, bg, nb, out)), at -> ExactOracle.wma(c, p, at));
            same("ema" + p, ind("ema", "period", p, "adjust", false), b, 0,
                    ta(n, (e, bg, nb, out) -> core.ema(0, e, c, p, bg, nb, out)));
        }
        // pandas-adjusted EMA converges to TA-Lib's once the seed has decayed: compared from 30 x period
        Indicator adj = ind("ema", "period", 20);
        same("ema20 adjust=true", adj.compute(b)[0], 19, ta(n, (e, bg, nb, out) -> core.ema(0, e, c, 20, bg, nb, out)),
                600, false);
        double[] hl2 = new double[n];
        for (int i = 0; i < n; i++) {
            hl2[i] = (h[i] + l[i]) / 2.0;
        }
        same("sma hl2", ind("sma", "period", 14, "source", "hl2"), b, 0,
                ta(n, (e, bg, nb, out) -> core.sma(0, e, hl2, 14, bg, nb, out)));

        for (int[] m : new int[][] {{12, 26, 9}, {5, 35, 5}}) {
            double[][] t = ta3(n, (e, bg, nb, x, y, z) -> core.macd(0, e, c, m[0], m[1], m[2], bg, nb, x, y, z));
            Indicator mi = ind("macd", "fast_period", m[0], "slow_period", m[1], "signal_period", m[2]);
            double[][] ours = mi.compute(b);
            same("macd line " + Arrays.toString(m), ours[0], mi.lookback(0), t[0], 0, false);
            same("macd signal " + Arrays.toString(m), mi, b, 1, t[1]);
            same("macd histogram " + Arrays.toString(m), mi, b, 2, t[2]);
            Indicator mp = ind("macdpercent", "fast_period", m[0], "slow_period", m[1], "signal_period", m[2]);
            double[] pct = new double[n];
            for (int i = 0; i < n; i++) {
                pct[i] = t[2][i] / c[i] * 100.0;
            }
            same("macdpercent histogram", mp, b, 2, pct);
        }

        boolean[] all = ExactOracle.all(n);
        for (int p : new int[] {14, 5}) {
            Indicator adx = ind("adx", "period", p);
            same("adx" + p, adx, b, 0, ta(n, (e, bg, nb, out) -> core.adx(0, e, h, l, c, p, bg, nb, out)));
            same("plus_di" + p, adx, b, 1, ta(n, (e, bg, nb, out) -> core.plusDI(0, e, h, l, c, p, bg, nb, out)));
            same("minus_di" + p, adx, b, 2, ta(n, (e, bg, nb, out) -> core.minusDI(0, e, h, l, c, p, bg, nb, out)));
            same("rsi" + p, ind("rsi", "period", p), b, 0, ta(n, (e, bg, nb, out) -> core.rsi(0, e, c, p, bg, nb, out)));
            same("atr" + p, ind("atr", "period", p), b, 0, ta(n, (e, bg, nb, out) -> core.atr(0, e, h, l, c, p, bg, nb, out)));
            same("atrpercent" + p, ind("atrpercent", "period", p), b, 0,
                    ta(n, (e, bg, nb, out) -> core.natr(0, e, h, l, c, p, bg, nb, out)));
            same("williamsr" + p, ind("williamsr", "period", p), b, 0,
                    ta(n, (e, bg, nb, out) -> core.willR(0, e, h, l, c, p, bg, nb, out)));
            sameOrExact("cci" + p, ind("cci", "period", p).compute(b)[0], p - 1,
                    ta(n, (e, bg, nb, out) -> core.cci(0, e, h, l, c, p, bg, nb, out)), at -> ExactOracle.cci(h, l, c, p, at));
            same("mom" + p, ind("momentum", "period", p), b, 0, ta(n, (e, bg, nb, out) -> core.mom(0, e, c, p, bg, nb, out)));
            same("roc" + p, ind("roc", "period", p), b, 0, ta(n, (e, bg, nb, out) -> core.roc(0, e, c, p, bg, nb, out)));
            sameOrExact("mfi" + p, ind("mfi", "period", p).compute(b)[0], p,
                    ta(n, (e, bg, nb, out) -> core.mfi(0, e, h, l, c, v, p, bg, nb, out)), at -> ExactOracle.mfi(h, l, c, v, p, at));
            Indicator ar = ind("aroon", "period", p, "include_oscillator", true);
            double[][] t = ta2(n, (e, bg, nb, dn, up) -> core.aroon(0, e, h, l, p, bg, nb, dn, up));
            same("aroon up" + p, ar, b, 0, t[1]);
            same("aroon down" + p, ar, b, 1, t[0]);
            same("aroon osc" + p, ar, b, 2, ta(n, (e, bg, nb, out) -> core.aroonOsc(0, e, h, l, p, bg, nb, out)));
        }

        same("sar", ind("parabolicsar"), b, 0, ta(n, (e, bg, nb, out) -> core.sar(0, e, h, l, 0.02, 0.2, bg, nb, out)));
        double[] ext = ta(n, (e, bg, nb, out) -> core.sarExt(0, e, h, l, 0, 0, 0.01, 0.03, 0.25, 0.01, 0.03, 0.25, bg, nb, out));
        for (int i = 0; i < n; i++) {
            ext[i] = Math.abs(ext[i]);
        }
        same("sarext", ind("parabolicsar", "initial_af", 0.01, "step_af", 0.03, "max_af", 0.25), b, 0, ext);

        Indicator st = ind("stochastic", "k_period", 14, "d_period", 3, "smooth_k", 3);
        double[][] stt = ta2(n, (e, bg, nb, k, d) -> core.stoch(0, e, h, l, c, 14, 3, MAType.Sma, 3, MAType.Sma, bg, nb, k, d));
        same("stoch k", st.compute(b)[0], st.lookback(0), stt[0], 0, false);
        same("stoch d", st, b, 1, stt[1]);

        double[] mean20 = ExactOracle.sma(c, 20, all);
        double[] dev20 = ExactOracle.dev(c, 20, all);
        for (double mult : new double[] {2.0, 1.5}) {
            double[][] bb = ta3(n, (e, bg, nb, u, m, lo) -> core.bbands(0, e, c, 20, mult, mult, MAType.Sma, bg, nb, u, m, lo));
            Indicator bi = ind("bbands", "period", 20, "multiplier", mult);
            double[][] bo = bi.compute(b);
            double[] up = new double[n];
            double[] lo = new double[n];
            for (int i = 0; i < n; i++) {
                up[i] = mean20[i] + mult * dev20[i];
                lo[i] = mean20[i] - mult * dev20[i];
            }
            sameOrExact("bbands upper", bo[0], 19, bb[0], up);
            same("bbands middle", bi, b, 1, bb[1]);
            sameOrExact("bbands lower", bo[2], 19, bb[2], lo);
            double[] width = new double[n];
            for (int i = 0; i < n; i++) {
                width[i] = (bb[0][i] - bb[2][i]) / bb[1][i];
            }
            sameOrExact("bbwidth", ind("bollingerbandwidth", "multiplier", mult).compute(b)[0], 19, width,
                    at -> ExactOracle.bandwidth(c, 20, mult, at));
            double[] atr20 = ta(n, (e, bg, nb, out) -> core.atr(0, e, h, l, c, 20, bg, nb, out));
            double[] sq = new double[n];
            double[] sqx = new double[n];
            for (int i = 0; i < n; i++) {
                double kw = 2 * 2.0 * atr20[i];
                sq[i] = (kw - (bb[0][i] - bb[2][i]) * 2.0 / mult) / kw;
                sqx[i] = Double.isNaN(kw) || Double.isNaN(dev20[i]) ? Double.NaN : new java.math.BigDecimal(kw)
                        .subtract(new java.math.BigDecimal(4.0).multiply(new java.math.BigDecimal(dev20[i])))
                        .divide(new java.math.BigDecimal(kw), ExactOracle.MC).doubleValue();
            }
            sameOrExact("squeeze", ind("squeezeintensity").compute(b)[0], 20, sq, sqx);
        }

        double[] ema20 = ta(n, (e, bg, nb, out) -> core.ema(0, e, c, 20, bg, nb, out));
        double[] atr10 = ta(n, (e, bg, nb, out) -> core.atr(0, e, h, l, c, 10, bg, nb, out));
        Indicator kc = ind("keltnerchannels");
        double[] up = new double[n];
        double[] lo = new double[n];
        for (int i = 0; i < n; i++) {
            up[i] = ema20[i] + 2.0 * atr10[i];
            lo[i] = ema20[i] - 2.0 * atr10[i];
        }
        same("keltner upper", kc, b, 0, up);
        same("keltner middle", kc, b, 1, ema20);
        same("keltner lower", kc, b, 2, lo);

        double[] max20 = ta(n, (e, bg, nb, out) -> core.max(0, e, h, 20, bg, nb, out));
        double[] min20 = ta(n, (e, bg, nb, out) -> core.min(0, e, l, 20, bg, nb, out));
        Indicator dc = ind("donchianchannels");
        same("donchian upper", dc, b, 0, max20);
        same("donchian lower", dc, b, 2, min20);
        double[] mid20 = ta(n, (e, bg, nb, out) -> core.midPrice(0, e, h, l, 20, bg, nb, out));
        same("donchian middle", dc, b, 1, mid20);

        same("obv", ind("obv"), b, 0, ta(n, (e, bg, nb, out) -> core.obv(0, e, c, v, bg, nb, out)));
        double[] ad = ta(n, (e, bg, nb, out) -> core.ad(0, e, h, l, c, v, bg, nb, out));
        Indicator adl = ind("adline", "use_sma_smoothing", true);
        same("adline", adl, b, 0, ad);
        same("adline smoothed", adl, b, 1, ta(n, (e, bg, nb, out) -> core.sma(0, e, ad, 21, bg, nb, out)));

        double[] tpv = new double[n];
        for (int i = 0; i < n; i++) {
            tpv[i] = (h[i] + l[i] + c[i]) / 3.0 * v[i];
        }
        double[] spv = ta(n, (e, bg, nb, out) -> core.sum(0, e, tpv, 20, bg, nb, out));
        double[] sv = ta(n, (e, bg, nb, out) -> core.sum(0, e, v, 20, bg, nb, out));
        double[] vw = new double[n];
        double[] vr = new double[n];
        double[] smav = ta(n, (e, bg, nb, out) -> core.sma(0, e, v, 20, bg, nb, out));
        for (int i = 0; i < n; i++) {
            vw[i] = sv[i] != 0 ? spv[i] / sv[i] : (h[i] + l[i] + c[i]) / 3.0;
            vr[i] = Double.isNaN(smav[i]) ? Double.NaN : smav[i] > 0 ? v[i] / smav[i] : 0.0;
        }
        sameOrExact("vwap20", ind("vwap").compute(b)[0], 19, vw, at -> ExactOracle.vwap(h, l, c, v, 20, at));
        same("volumeratio", ind("volumeratio"), b, 0, vr);

        double[] sma50 = ta(n, (e, bg, nb, out) -> core.sma(0, e, c, 50, bg, nb, out));
        double[] ema50 = ta(n, (e, bg, nb, out) -> core.ema(0, e, c, 50, bg, nb, out));
        double[] dist = new double[n];
        double[] diste = new double[n];
        double[] ratio = new double[n];
        for (int i = 0; i < n; i++) {
            dist[i] = (c[i] - sma50[i]) / sma50[i] * 100.0;
            diste[i] = (c[i] - ema50[i]) / ema50[i] * 100.0;
            ratio[i] = c[i] / sma50[i];
        }
        double[] sma50x = ExactOracle.sma(c, 50, all);
        double[] distx = new double[n];
        for (int i = 0; i < n; i++) {
            distx[i] = Double.isNaN(sma50x[i]) ? Double.NaN : new java.math.BigDecimal(c[i])
                    .subtract(new java.math.BigDecimal(sma50x[i])).multiply(java.math.BigDecimal.valueOf(100))
                    .divide(new java.math.BigDecimal(sma50x[i]), ExactOracle.MC).doubleValue();
        }
        sameOrExact("distancefromma sma50", ind("distancefromma", "period", 50).compute(b)[0], 49, dist, distx);
        same("distancefromma ema50", ind("distancefromma", "period", 50, "ma_type", "EMA"), b, 0, diste);
        same("closesmaratio50", ind("closesmaratio", "period", 50), b, 0, ratio);

        // Ichimoku lines and support/resistance levels are compositions of TA-Lib MIDPRICE / MAX / MIN
        Indicator ich = ind("ichimoku");
        double[] tenkan = ta(n, (e, bg, nb, out) -> core.midPrice(0, e, h, l, 9, bg, nb, out));
        double[] kijun = ta(n, (e, bg, nb, out) -> core.midPrice(0, e, h, l, 26, bg, nb, out));
        double[] spanB = ta(n, (e, bg, nb, out) -> core.midPrice(0, e, h, l, 52, bg, nb, out));
        double[] a26 = new double[n];
        double[] b26 = new double[n];
        Arrays.fill(a26, Double.NaN);
        Arrays.fill(b26, Double.NaN);
        for (int i = 26; i < n; i++) {
            a26[i] = (tenkan[i - 26] + kijun[i - 26]) / 2.0;
            b26[i] = spanB[i - 26];
        }
        same("ichimoku tenkan", ich, b, 0, tenkan);
        same("ichimoku kijun", ich, b, 1, kijun);
        same("ichimoku senkou_a", ich, b, 2, a26);
        same("ichimoku senkou_b", ich, b, 3, b26);
        double[] max5 = ta(n, (e, bg, nb, out) -> core.max(0, e, h, 5, bg, nb, out));
        double[] min5 = ta(n, (e, bg, nb, out) -> core.min(0, e, l, 5, bg, nb, out));
        double[] pp = new double[n];
        double[] s3 = new double[n];
        for (int i = 0; i < n; i++) {
            pp[i] = (max5[i] + min5[i] + c[i]) / 3.0;
            s3[i] = min5[i] - 2 * (max5[i] - pp[i]);
        }
        Indicator piv = ind("pivotpoints", "period", 5);
        same("pivot pp", piv, b, 0, pp);
        same("pivot s3", piv, b, 6, s3);
        double[] max50 = ta(n, (e, bg, nb, out) -> core.max(0, e, h, 50, bg, nb, out));
        double[] min50 = ta(n, (e, bg, nb, out) -> core.min(0, e, l, 50, bg, nb, out));
        double[] r618 = new double[n];
        for (int i = 0; i < n; i++) {
            r618[i] = max50[i] - 0.618 * (max50[i] - min50[i]);
        }
        same("fibonacci r618", ind("fibonacci"), b, 4, r618);

        assertThat(compared).isGreaterThan(60);
        assertThat(failures).as(market).isEmpty();
    }
}
