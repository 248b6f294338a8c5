package dev.ktrdr.data;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/** Random test series: synthetic bars on a calendar with random bars removed (gaps). */
final class TestSeries {
    static final AssetClass[] CLASSES = {AssetClass.CRYPTO, AssetClass.FOREX, AssetClass.EQUITY};

    private TestSeries() {
    }

    static BarSeries withGaps(long seed, AssetClass ac, Timeframe tf, int bars, double gapShare) {
        return drop(full(seed, ac, tf, bars), new SplittableRandom(seed ^ 0x2545F4914F6CDD1DL), gapShare);
    }

    /** Synthetic bars on every slot the calendar expects, from a random start. */
    static BarSeries full(long seed, AssetClass ac, Timeframe tf, int bars) {
        SyntheticMarket.SymbolSpec spec = new SyntheticMarket.SymbolSpec(Symbol.of("T" + ac.id().toUpperCase()), ac, 100, 0.3, 1000);
        SplittableRandom r = new SplittableRandom(seed);
        Instant start = Instant.parse("2019-01-01T00:00:00Z").plusSeconds(r.nextInt(0, 3 * 365) * 86_400L + r.nextInt(0, 24) * 3600L);
        return SyntheticMarket.generate(SyntheticMarket.Config.of(List.of(spec), tf, start, bars, seed)).values().iterator().next();
    }

    /** Removes each bar with probability share, and sometimes a whole run of bars. */
    static BarSeries drop(BarSeries s, SplittableRandom r, double share) {
        int n = s.size();
        boolean[] keep = new boolean[n];
        int runStart = r.nextInt(0, Math.max(1, n));
        int runLen = r.nextBoolean() ? r.nextInt(0, Math.max(1, n / 10)) : 0;
        int m = 0;
        for (int i = 0; i < n; i++) {
            keep[i] = r.nextDouble() >= share && !(i >= runStart && i < runStart + runLen);
            if (i == 0 || i == n - 1) {
                keep[i] = true;
            }
            if (keep[i]) {
                m++;
            }
        }
        long[] t = new long[m];
        long[] c = new long[m];
        double[] o = new double[m];
        double[] h = new double[m];
        double[] l = new double[m];
        double[] cl = new double[m];
        double[] v = new double[m];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                t[k] = s.openTime(i);
                c[k] = s.closeTime(i);
                o[k] = s.open(i);
                h[k] = s.high(i);
                l[k] = s.low(i);
                cl[k] = s.close(i);
                v[k] = s.volume(i);
                k++;
            }
        }
        return new BarSeries(s.symbol(), s.timeframe(), t, c, o, h, l, cl, v);
    }
}
