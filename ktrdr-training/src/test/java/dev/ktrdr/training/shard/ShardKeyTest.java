package dev.ktrdr.training.shard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.TestBars;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ShardKeyTest {
    private static final SymbolInfo INFO = new SymbolInfo(Symbol.of("RW"), AssetClass.CRYPTO, "crypto", Optional.empty());

    private static MultiTimeframeBars bars(BarSeries h1, BarSeries h4) {
        Map<Timeframe, BarSeries> m = new LinkedHashMap<>();
        m.put(Timeframe.H1, h1);
        m.put(Timeframe.H4, h4);
        return new MultiTimeframeBars(INFO, Timeframe.H1, m);
    }

    /** The series with one value of one column changed by the smallest step its invariants allow. */
    private static BarSeries changed(BarSeries s, int column, int i) {
        long[] ot = s.openTimes();
        long[] ct = s.closeTimes();
        double[] o = s.opens();
        double[] h = s.highs();
        double[] l = s.lows();
        double[] c = s.closes();
        double[] v = s.volumes();
        switch (column) {
            case 0 -> ot[i] += 1; // the last bar: still before its close
            case 1 -> ct[i] += 1; // the last bar: nothing follows it
            case 2 -> o[i] = Math.nextUp(o[i]);
            case 3 -> h[i] = Math.nextUp(h[i]);
            case 4 -> l[i] = Math.nextDown(l[i]);
            case 5 -> c[i] = Math.nextUp(c[i]);
            default -> v[i] = Math.nextUp(v[i]);
        }
        return new BarSeries(s.symbol(), s.timeframe(), ot, ct, o, h, l, c, v);
    }

    /** A bar whose open and close lie strictly inside its range, so either can move by one ulp. */
    private static int inner(BarSeries s) {
        for (int i = 0; i < s.size(); i++) {
            if (s.low(i) < Math.min(s.open(i), s.close(i)) && Math.max(s.open(i), s.close(i)) < s.high(i)) {
                return i;
            }
        }
        throw new AssertionError("no inner bar");
    }

    @Test
    void everyColumnOfEveryTimeframeReachesTheHash() {
        BarSeries h1 = TestBars.randomWalk("RW", 1, 300, 0, Timeframe.H1);
        BarSeries h4 = TestBars.randomWalk("RW", 2, 80, 0, Timeframe.H4);
        String base = ShardKey.hashBars(bars(h1, h4));
        // equal bars built separately: equal hash
        assertThat(ShardKey.hashBars(bars(TestBars.randomWalk("RW", 1, 300, 0, Timeframe.H1),
                TestBars.randomWalk("RW", 2, 80, 0, Timeframe.H4)))).isEqualTo(base);
        Set<String> seen = new HashSet<>(Set.of(base));
        for (int column = 0; column < 7; column++) {
            int i1 = column < 2 ? h1.size() - 1 : inner(h1);
            int i4 = column < 2 ? h4.size() - 1 : inner(h4);
            assertThat(seen.add(ShardKey.hashBars(bars(changed(h1, column, i1), h4)))).as("1h column " + column).isTrue();
            assertThat(seen.add(ShardKey.hashBars(bars(h1, changed(h4, column, i4))))).as("4h column " + column).isTrue();
        }
        // a bar fewer, and the same bars under the other timeframe order
        assertThat(seen.add(ShardKey.hashBars(bars(h1.slice(0, h1.size() - 1), h4)))).isTrue();
        Map<Timeframe, BarSeries> swapped = new LinkedHashMap<>();
        swapped.put(Timeframe.H4, h4);
        swapped.put(Timeframe.H1, h1);
        assertThat(seen.add(ShardKey.hashBars(new MultiTimeframeBars(INFO, Timeframe.H1, swapped)))).isTrue();
    }
}
