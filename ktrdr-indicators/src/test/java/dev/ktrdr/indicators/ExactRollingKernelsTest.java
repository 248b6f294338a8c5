package dev.ktrdr.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ktrdr.api.IndicatorSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Every rolling and cumulative kernel against an exact reference ({@link ExactOracle}: BigDecimal on the
 * same doubles, rounded once at the end) on adversarial series: 100,000 bars at a price level around
 * 50,000 with tiny steps (0.1 down to 1e-6), flat zero-volume outages of 20 to 220 bars, huge (1e9) and
 * tiny (1e-6) volumes, and injected spikes (a 1e15 or 1e300 close, a 1e15 volume). At about 1,500
 * sampled bars (random ones, bars entering and inside each outage, and the bars just after each spike
 * has left the window) the error must be at most 1e-9 of the column's typical (median) magnitude; over a
 * flat or zero-volume window the result must be exactly the defined value; batch equals streaming bit
 * for bit.
 */
class ExactRollingKernelsTest {
    private static final double REL = 1e-9;
    private static final int N = 100_000;

    /** An adversarial series and where its outages and spikes are. */
    record Series(Ohlcv bars, List<Integer> outageStarts, List<Integer> spikes, List<Integer> hugeSpikes) {
    }

    static Series adversarial(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        double price = 50_000 * (0.5 + r.nextDouble());
        double step = Math.pow(10, -1 - r.nextInt(6));
        List<Integer> outages = new ArrayList<>();
        int outage = 0;
        for (int i = 0; i < n; i++) {
            if (outage > 0) {
                o[i] = price;
                h[i] = price;
                l[i] = price;
                c[i] = price;
                v[i] = 0;
                outage--;
                continue;
            }
            if (i > 300 && r.nextInt(700) == 0) {
                outage = 20 + r.nextInt(200);
                outages.add(i);
                i--;
                continue;
            }
            double open = price;
            price += step * (r.nextInt(5) - 2);
            o[i] = open;
            c[i] = price;
            h[i] = Math.max(open, price) + step * r.nextInt(3);
            l[i] = Math.min(open, price) - step * r.nextInt(3);
            int k = r.nextInt(20);
            v[i] = k == 0 ? 1e9 * r.nextDouble() : k == 1 ? 1e-6 * r.nextDouble() : k == 2 ? 0.0 : 100 * r.nextDouble();
        }
        List<Integer> spikes = new ArrayList<>();
        List<Integer> huge = new ArrayList<>();
        for (int k = 0; k < 12; k++) {
            int i = 500 + r.nextInt(n - 1000);
            if (v[i] == 0 && h[i] == l[i]) {
                continue;
            }
            switch (k % 3) {
                case 0:
                    c[i] = 1e15;
                    h[i] = 1e15;
                    spikes.add(i);
                    break;
                case 1:
                    c[i] = 1e300;
                    h[i] = 1e300;
                    v[i] = 1;
                    huge.add(i);
                    break;
                default:
                    v[i] = 1e15;
                    spikes.add(i);
                    break;
            }
        }
        return new Series(new Ohlcv(o, h, l, c, v), outages, spikes, huge);
    }

    /** Sampled bars: random ones, the first windows of each outage, the bars after each spike left. */
    static boolean[] sample(Series s, int p, SplittableRandom r) {
        int n = s.bars().size();
        boolean[] at = new boolean[n];
        for (int k = 0; k < 600; k++) {
            at[r.nextInt(n)] = true;
        }
        for (int start : s.outageStarts()) {
            // entering the outage, half way, and the first windows that lie wholly inside it
            at[start] = true;
            at[Math.min(n - 1, start + p / 2)] = true;
            for (int i = start + p - 1; i < Math.min(n, start + p + 3); i++) {
                at[i] = true;
            }
        }
        for (int sp : concat(s.spikes(), s.hugeSpikes())) {
            for (int i = sp + p; i < Math.min(n, sp + p + 4); i++) {
                at[i] = true;
            }
            if (sp + 3 * p < n) {
                at[sp + 3 * p] = true;
            }
        }
        return at;
    }

    static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static Indicator ind(String type, Object... kv) {
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            p.put((String) kv[i], kv[i + 1]);
        }
        return IndicatorCatalog.standard().configure(new IndicatorSpec("t", type, p));
    }

    /** Batch output j, checked equal bit for bit to the streaming values. */
    static double[] batchEqualsStream(Indicator ind, Ohlcv b, int j) {
        double[] batch = ind.compute(b)[j];
        IndicatorStream st = ind.newStream();
        for (int i = 0; i < b.size(); i++) {
            st.update(b.open()[i], b.high()[i], b.low()[i], b.close()[i], b.volume()[i]);
            double sv = st.value(j);
            if (Double.doubleToLongBits(sv) != Double.doubleToLongBits(batch[i])) {
                throw new AssertionError(ind + " output " + j + " bar " + i + ": batch " + batch[i] + ", stream " + sv);
            }
        }
        return batch;
    }

    /**
     * Compares at the sampled bars; bars whose window holds a 1e300 close are skipped when
     * {@code skipHuge}, and must instead hold {@code hugeValue} when it is not null.
     */
    static void check(String what, double[] ours, double[] exact, boolean[] at, Series s, int p, boolean skipHuge,
                      Double hugeValue) {
        boolean[] huge = new boolean[ours.length];
        for (int sp : s.hugeSpikes()) {
            for (int i = sp; i < Math.min(ours.length, sp + p); i++) {
                huge[i] = true;
            }
        }
        double[] mags = new double[ours.length];
        int m = 0;
        for (int i = 0; i < ours.length; i++) {
            if (at[i] && !Double.isNaN(exact[i]) && !huge[i]) {
                mags[m++] = Math.abs(exact[i]);
            }
        }
        assertThat(m).as(what + " compared bars").isGreaterThan(300);
        double[] sorted = Arrays.copyOf(mags, m);
        Arrays.sort(sorted);
        double typical = Math.max(sorted[m / 2], Double.MIN_NORMAL);
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < ours.length; i++) {
            if (!at[i] || Double.isNaN(exact[i])) {
                continue;
            }
            if (huge[i] && skipHuge) {
                if (hugeValue != null) {
                    assertThat(ours[i]).as("%s at bar %d, window holding a 1e300 close", what, i).isEqualTo(hugeValue);
                }
                continue;
            }
            double err = ours[i] == exact[i] ? 0.0 : Math.abs(ours[i] - exact[i]) / Math.max(typical, Math.abs(exact[i]));
            if (!(err <= worst)) {
                worst = err;
                worstAt = i;
            }
        }
        assertThat(worst).as("%s: worst error relative to the typical magnitude %s at bar %d (ours %s, exact %s)", what,
                typical, worstAt, worstAt < 0 ? "?" : ours[worstAt], worstAt < 0 ? "?" : exact[worstAt])
                .isLessThanOrEqualTo(REL);
    }

    /** The bars whose last p bars lie inside an outage (flat prices, zero volume). */
    static List<Integer> flatWindows(Series s, int p) {
        List<Integer> out = new ArrayList<>();
        double[] v = s.bars().volume();
        double[] c = s.bars().close();
        for (int start : s.outageStarts()) {
            for (int i = start + p - 1; i < Math.min(v.length, start + p + 5); i++) {
                boolean flat = true;
                for (int k = i - p + 1; k <= i; k++) {
                    flat &= v[k] == 0 && c[k] == c[start] && s.bars().high()[k] == c[start]
                            && s.bars().low()[k] == c[start];
                }
                if (flat) {
                    out.add(i);
                }
            }
        }
        return out;
    }

    @Test
    void windowSumsAndMeansAreExact() {
        qt().withExamples(2).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            Series s = adversarial(seed, N);
            Ohlcv b = s.bars();
            SplittableRandom r = new SplittableRandom(seed ^ 1);
            for (int p : new int[] {20, 3 + r.nextInt(98)}) {
                boolean[] at = sample(s, p, r);
                double[] sma = batchEqualsStream(ind("sma", "period", p), b, 0);
                check("sma" + p, sma, ExactOracle.sma(b.close(), p, at), at, s, p, false, null);
                double[] vr = batchEqualsStream(ind("volumeratio", "period", p), b, 0);
                double[] vsma = ExactOracle.sma(b.volume(), p, at);
                double[] vrx = ExactOracle.nan(b.size());
                for (int i = 0; i < vrx.length; i++) {
                    vrx[i] = Double.isNaN(vsma[i]) ? Double.NaN : vsma[i] > 0 ? new BigDecimal(b.volume()[i])
                            .multiply(BigDecimal.valueOf(p)).divide(new BigDecimal(vsma[i]).multiply(BigDecimal.valueOf(p)),
                                    ExactOracle.MC).doubleValue() : 0.0;
                }
                check("volumeratio" + p, vr, vrx, at, s, p, false, null);
                double[] vw = batchEqualsStream(ind("vwap", "period", Math.min(p, 200)), b, 0);
                check("vwap" + p, vw, ExactOracle.vwap(b.high(), b.low(), b.close(), b.volume(), Math.min(p, 200), at), at,
                        s, p, false, null);
                double[] cmf = batchEqualsStream(ind("cmf", "period", Math.max(2, p)), b, 0);
                check("cmf" + p, cmf, ExactOracle.cmf(b.high(), b.low(), b.close(), b.volume(), p, at), at, s, p, false,
                        null);
                double[] wma = batchEqualsStream(ind("wma", "period", p), b, 0);
                check("wma" + p, wma, ExactOracle.wma(b.close(), p, at), at, s, p, false, null);
                for (int i : flatWindows(s, p)) {
                    double price = b.close()[i];
                    assertThat(wma[i]).as("wma%d over a flat window at %d", p, i).isEqualTo(price);
                    assertThat(sma[i]).as("sma%d over a flat window at %d", p, i).isEqualTo(price);
                    assertThat(vr[i]).as("volumeratio%d over a zero-volume window at %d", p, i).isEqualTo(0.0);
                    assertThat(vw[i]).as("vwap%d over a zero-volume window at %d", p, i).isEqualTo(price);
                    assertThat(cmf[i]).as("cmf%d over a zero-volume window at %d", p, i).isEqualTo(0.0);
                }
            }
        });
    }

    @Test
    void deviationsBandwidthAndCciAreExact() {
        qt().withExamples(2).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            Series s = adversarial(seed, N);
            Ohlcv b = s.bars();
            SplittableRandom r = new SplittableRandom(seed ^ 2);
            for (int p : new int[] {20, 2 + r.nextInt(99)}) {
                boolean[] at = sample(s, p, r);
                Indicator bb = ind("bbands", "period", p, "multiplier", 2.0);
                double[] mid = batchEqualsStream(bb, b, 1);
                double[] up = batchEqualsStream(bb, b, 0);
                double[] dev = new double[mid.length];
                for (int i = 0; i < dev.length; i++) {
                    dev[i] = (up[i] - mid[i]) / 2.0;
                }
                double[] devx = ExactOracle.dev(b.close(), p, at);
                check("bbands middle " + p, mid, ExactOracle.sma(b.close(), p, at), at, s, p, false, null);
                // the deviation itself, exactly as the kernel holds it (up - mid would round at the price level)
                double[] devOurs = deviation(b.close(), p);
                check("deviation " + p, devOurs, devx, at, s, p, true, Double.POSITIVE_INFINITY);
                double[] bw = batchEqualsStream(ind("bollingerbandwidth", "period", p, "multiplier", 2.0), b, 0);
                check("bandwidth " + p, bw, ExactOracle.bandwidth(b.close(), p, 2.0, at), at, s, p, true,
                        Double.POSITIVE_INFINITY);
                int cp = Math.min(p, 100);
                double[] cci = batchEqualsStream(ind("cci", "period", cp), b, 0);
                check("cci " + cp, cci, ExactOracle.cci(b.high(), b.low(), b.close(), cp, at), at, s, cp, false, null);
                for (int i : flatWindows(s, p)) {
                    assertThat(devOurs[i]).as("deviation%d over a flat window at %d", p, i).isEqualTo(0.0);
                    assertThat(bw[i]).as("bandwidth%d over a flat window at %d", p, i).isEqualTo(0.0);
                    assertThat(mid[i]).as("middle%d over a flat window at %d", p, i).isEqualTo(b.close()[i]);
                    assertThat(up[i]).as("upper%d over a flat window at %d", p, i).isEqualTo(b.close()[i]);
                }
                for (int i : flatWindows(s, cp)) {
                    assertThat(cci[i]).as("cci%d over a flat window at %d", cp, i).isEqualTo(0.0);
                }
            }
        });
    }

    /** The population deviation as the Bollinger kernel computes it (RollingMoments). */
    static double[] deviation(double[] x, int p) {
        dev.ktrdr.indicators.kernels.RollingMoments m = new dev.ktrdr.indicators.kernels.RollingMoments(p);
        double[] out = ExactOracle.nan(x.length);
        for (int i = 0; i < x.length; i++) {
            if (m.add(x[i])) {
                out[i] = m.deviation();
            }
        }
        return out;
    }

    @Test
    void moneyFlowCumulativeLinesAndRviAreExact() {
        qt().withExamples(2).withShrinkCycles(0).forAll(longs().all()).checkAssert(seed -> {
            Series s = adversarial(seed, N);
            Ohlcv b = s.bars();
            SplittableRandom r = new SplittableRandom(seed ^ 3);
            for (int p : new int[] {14, 2 + r.nextInt(99)}) {
                boolean[] at = sample(s, p, r);
                double[] mfi = batchEqualsStream(ind("mfi", "period", p), b, 0);
                check("mfi " + p, mfi, ExactOracle.mfi(b.high(), b.low(), b.close(), b.volume(), p, at), at, s, p, false,
                        null);
                for (int i : flatWindows(s, p + 1)) {
                    assertThat(mfi[i]).as("mfi%d over a zero-volume window at %d", p, i).isEqualTo(0.0);
                }
            }
            boolean[] at = sample(s, 1, r);
            double[] obv = batchEqualsStream(ind("obv"), b, 0);
            check("obv", obv, ExactOracle.obv(b.close(), b.volume(), at), at, s, 0, false, null);
            double[] ad = batchEqualsStream(ind("adline"), b, 0);
            check("adline", ad, ExactOracle.adline(b.high(), b.low(), b.close(), b.volume(), at), at, s, 0, false, null);
            int rp = 4 + r.nextInt(97);
            boolean[] atR = sample(s, rp + 3, r);
            double[] rvi = batchEqualsStream(ind("rvi", "period", rp), b, 0);
            check("rvi " + rp, rvi, ExactOracle.rvi(b.open(), b.high(), b.low(), b.close(), rp, atR), atR, s, rp + 3, false,
                    null);
            for (int i : flatWindows(s, rp + 3)) {
                assertThat(rvi[i]).as("rvi%d over a flat window at %d", rp, i).isEqualTo(0.0);
            }
        });
    }

    /**
     * Wilder's smoothing (RSI) is a recursion with infinite memory, so a 1e300 close legitimately dominates
     * it until (13/14)^k * 1e300 has decayed (about 9,400 bars): RSI 48.148... = 100 * 13/27 there is the
     * exact value of the recursion, not a stuck sum. Checked against the recursion in BigDecimal at every
     * bar: finite, and within 1e-9 relative.
     */
    @Test
    void rsiAfterAHugeSpikeFollowsTheExactRecursion() {
        int n = 12_000;
        int p = 14;
        double[] x = new double[n];
        SplittableRandom r = new SplittableRandom(5);
        for (int i = 0; i < n; i++) {
            x[i] = 1.33 + 0.01 * r.nextDouble();
        }
        x[500] = 1e300;
        double[] rsi = ind("rsi", "period", p).compute(new Ohlcv(x, x, x, x, new double[n]))[0];
        java.math.MathContext mc = ExactOracle.MC;
        BigDecimal bp = BigDecimal.valueOf(p);
        BigDecimal gain = BigDecimal.ZERO;
        BigDecimal loss = BigDecimal.ZERO;
        double worst = 0;
        for (int i = 1; i < n; i++) {
            BigDecimal d = new BigDecimal(x[i]).subtract(new BigDecimal(x[i - 1]));
            BigDecimal g = d.signum() > 0 ? d : BigDecimal.ZERO;
            BigDecimal lo = d.signum() < 0 ? d.negate() : BigDecimal.ZERO;
            if (i <= p) {
                gain = gain.add(g);
                loss = loss.add(lo);
                if (i < p) {
                    continue;
                }
                gain = gain.divide(bp, mc);
                loss = loss.divide(bp, mc);
            } else {
                gain = gain.multiply(BigDecimal.valueOf(p - 1)).add(g).divide(bp, mc);
                loss = loss.multiply(BigDecimal.valueOf(p - 1)).add(lo).divide(bp, mc);
            }
            double exact = gain.multiply(BigDecimal.valueOf(100)).divide(gain.add(loss), mc).doubleValue();
            assertThat(rsi[i]).as("rsi at %d", i).isFinite();
            worst = Math.max(worst, Math.abs(rsi[i] - exact) / exact);
        }
        assertThat(worst).isLessThanOrEqualTo(REL);
        assertThat(rsi[2000]).isCloseTo(100.0 * 13 / 27, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(rsi[11_999]).isNotCloseTo(100.0 * 13 / 27, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void theDirectionOfMoneyFlowIsDecidedOnExactSums() {
        // (h+l+c) rises by one unit in the last place of the low while the rounded typical price stays equal
        double h = 50_000.000_1;
        double l = 49_999.999_9;
        double c = 50_000.0;
        double l2 = Math.nextUp(l);
        assertThat((h + l2 + c) / 3.0).isEqualTo((h + l + c) / 3.0);
        double[] scratch = new double[6];
        assertThat(dev.ktrdr.indicators.builtin.ExactAccess.direction(h, l2, c, h, l, c, scratch)).isEqualTo(1);
        assertThat(dev.ktrdr.indicators.builtin.ExactAccess.direction(h, l, c, h, l2, c, scratch)).isEqualTo(-1);
        assertThat(dev.ktrdr.indicators.builtin.ExactAccess.direction(h, l, c, h, l, c, scratch)).isEqualTo(0);
        // equal exact sums made of different prices: neutral
        double d = 0.25;
        assertThat(dev.ktrdr.indicators.builtin.ExactAccess.direction(h + d, l - d, c, h, l, c, scratch)).isEqualTo(0);
    }
}
