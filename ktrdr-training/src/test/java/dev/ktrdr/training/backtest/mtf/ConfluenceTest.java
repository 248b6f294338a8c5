package dev.ktrdr.training.backtest.mtf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConfluenceTest {
    private static final Symbol S = Symbol.of("TEST");

    private static TimeframeTrend t(Timeframe tf, Trend d) {
        return new TimeframeTrend(tf, d, d == Trend.NEUTRAL ? 0.1 : 0.6, "test");
    }

    @Test
    void allThreeUpIsHighConfluenceLong() {
        Confluence c = Confluence.of(List.of(t(Timeframe.H1, Trend.UP), t(Timeframe.H4, Trend.UP), t(Timeframe.D1, Trend.UP)));
        assertThat(c.score()).isEqualTo(1.0);
        assertThat(c.level()).isEqualTo(ConfluenceLevel.HIGH);
        assertThat(c.bias()).isEqualTo(Bias.LONG);
        assertThat(c.recommendation()).startsWith("Strong long confluence (3 of 3 timeframes up, mean strength 0.60)");
    }

    @Test
    void allThreeDownIsHighConfluenceShort() {
        Confluence c = Confluence.of(List.of(t(Timeframe.H1, Trend.DOWN), t(Timeframe.H4, Trend.DOWN), t(Timeframe.D1, Trend.DOWN)));
        assertThat(c.level()).isEqualTo(ConfluenceLevel.HIGH);
        assertThat(c.bias()).isEqualTo(Bias.SHORT);
        assertThat(c.recommendation()).contains("favour short entries, avoid longs");
    }

    @Test
    void twoOfThreeIsMediumWithTheirBias() {
        Confluence up = Confluence.of(List.of(t(Timeframe.H1, Trend.UP), t(Timeframe.H4, Trend.NEUTRAL), t(Timeframe.D1, Trend.UP)));
        assertThat(up.score()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(up.level()).isEqualTo(ConfluenceLevel.MEDIUM);
        assertThat(up.bias()).isEqualTo(Bias.LONG);
        Confluence down = Confluence.of(List.of(t(Timeframe.H1, Trend.UP), t(Timeframe.H4, Trend.DOWN), t(Timeframe.D1, Trend.DOWN)));
        assertThat(down.level()).isEqualTo(ConfluenceLevel.MEDIUM);
        assertThat(down.bias()).isEqualTo(Bias.SHORT);
        assertThat(down.recommendation()).startsWith("Moderate short confluence (2 of 3 timeframes down");
    }

    @Test
    void noMajorityIsLowAndNeutral() {
        Confluence mixed = Confluence.of(List.of(t(Timeframe.H1, Trend.UP), t(Timeframe.H4, Trend.DOWN), t(Timeframe.D1, Trend.NEUTRAL)));
        assertThat(mixed.score()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(mixed.level()).isEqualTo(ConfluenceLevel.LOW);
        assertThat(mixed.bias()).isEqualTo(Bias.NEUTRAL);
        assertThat(mixed.recommendation()).isEqualTo("No confluence (1 up, 1 down, 1 neutral of 3): stand aside until the timeframes agree.");
        Confluence flat = Confluence.of(List.of(t(Timeframe.H1, Trend.NEUTRAL), t(Timeframe.H4, Trend.NEUTRAL), t(Timeframe.D1, Trend.NEUTRAL)));
        assertThat(flat.score()).isZero();
        assertThat(flat.level()).isEqualTo(ConfluenceLevel.LOW);
        // Four timeframes: 3 of 4 is high, 2 of 4 no majority.
        assertThat(Confluence.of(List.of(t(Timeframe.M15, Trend.UP), t(Timeframe.H1, Trend.UP), t(Timeframe.H4, Trend.UP),
                t(Timeframe.D1, Trend.DOWN))).level()).isEqualTo(ConfluenceLevel.HIGH);
        assertThat(Confluence.of(List.of(t(Timeframe.M15, Trend.UP), t(Timeframe.H1, Trend.UP), t(Timeframe.H4, Trend.DOWN),
                t(Timeframe.D1, Trend.DOWN))).bias()).isEqualTo(Bias.NEUTRAL);
    }

    @Test
    void modelProbabilitiesGiveDirectionByArgmaxAndStrengthByTheBuySellGap() {
        Map<Timeframe, double[]> p = new LinkedHashMap<>();
        p.put(Timeframe.H1, new double[] {0.7, 0.2, 0.1});
        p.put(Timeframe.H4, new double[] {0.5, 0.4, 0.1});
        p.put(Timeframe.D1, new double[] {0.2, 0.5, 0.3});
        Confluence c = MultiTimeframeConfluence.fromProbabilities(p);
        assertThat(c.trends()).extracting(TimeframeTrend::direction).containsExactly(Trend.UP, Trend.UP, Trend.NEUTRAL);
        assertThat(c.trends().get(0).strength()).isCloseTo(0.6, within(1e-12));
        assertThat(c.bias()).isEqualTo(Bias.LONG);
        assertThat(c.level()).isEqualTo(ConfluenceLevel.MEDIUM);
    }

    /** Bars with a constant 2-point range whose midpoint follows {@code mid}. */
    static BarSeries series(Timeframe tf, double[] mid) {
        int n = mid.length;
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1_600_000_000_000L / tf.millis() * tf.millis() + i * tf.millis();
            o[i] = mid[i];
            c[i] = mid[i];
            h[i] = mid[i] + 1;
            l[i] = mid[i] - 1;
        }
        return BarSeries.ofOpenTimes(S, tf, t, o, h, l, c, new double[n]);
    }

    static double[] line(int n, double start, double step) {
        double[] m = new double[n];
        for (int i = 0; i < n; i++) {
            m[i] = start + i * step;
        }
        return m;
    }

    @Test
    void aSteadyRiseIsUpWithFullStrengthAndAFallIsDown() {
        MultiTimeframeConfluence mtf = new MultiTimeframeConfluence(TrendRules.DEFAULTS);
        // Each bar is 1 higher with the same range: +DM 1, −DM 0, so DX = 100 and ADX = 100 (hand calculation).
        BarSeries up = series(Timeframe.H1, line(100, 100, 1));
        TimeframeTrend tu = mtf.trend(up, Long.MAX_VALUE);
        assertThat(tu.direction()).isEqualTo(Trend.UP);
        assertThat(mtf.smaAndAdx(up, 0, 99)[1]).isCloseTo(100, within(1e-9));
        assertThat(tu.strength()).isEqualTo(1.0);
        assertThat(mtf.trend(series(Timeframe.H1, line(100, 300, -1)), Long.MAX_VALUE).direction()).isEqualTo(Trend.DOWN);
        // A saw-tooth of equal steps: +DM and −DM nearly balance (the smoothed values differ only by the phase of
        // the last step), so ADX stays far below the threshold of 20: no trend.
        double[] saw = new double[100];
        for (int i = 0; i < saw.length; i++) {
            saw[i] = 100 + (i % 2);
        }
        TimeframeTrend flat = mtf.trend(series(Timeframe.H1, saw), Long.MAX_VALUE);
        assertThat(flat.direction()).isEqualTo(Trend.NEUTRAL);
        assertThat(flat.strength() * 50).isLessThan(10);
    }

    @Test
    void aDailyBarStillOpenIsNeverRead() {
        // 60 days falling, then a last day that jumps far up.
        double[] mid = line(61, 200, -1);
        mid[60] = 400;
        BarSeries d1 = series(Timeframe.D1, mid);
        MultiTimeframeConfluence mtf = new MultiTimeframeConfluence(TrendRules.DEFAULTS);
        long lastClose = d1.closeTime(60);
        assertThat(mtf.trend(d1, lastClose - 1).direction()).isEqualTo(Trend.DOWN);
        assertThat(mtf.trend(d1, lastClose).direction()).isEqualTo(Trend.UP);
    }

    @Test
    void theTailWindowGivesTheFullHistoryAdx() {
        SplittableRandom rnd = new SplittableRandom(7);
        double[] mid = new double[3000];
        mid[0] = 100;
        for (int i = 1; i < mid.length; i++) {
            mid[i] = mid[i - 1] + rnd.nextGaussian();
        }
        BarSeries s = series(Timeframe.H1, mid);
        MultiTimeframeConfluence mtf = new MultiTimeframeConfluence(TrendRules.DEFAULTS);
        double full = mtf.smaAndAdx(s, 0, 2999)[1];
        double tail = mtf.smaAndAdx(s, 3000 - MultiTimeframeConfluence.ADX_WINDOW_PERIODS * 14, 2999)[1];
        assertThat(tail).isCloseTo(full, within(1e-6));
        // The SMA is the mean of the last 20 closes (hand definition).
        double sum = 0;
        for (int i = 2980; i < 3000; i++) {
            sum += mid[i];
        }
        assertThat(mtf.smaAndAdx(s, 2700, 2999)[0]).isCloseTo(sum / 20, within(1e-9));
    }

    @Test
    void threeTimeframesOfBarsGiveOneConfluenceInTheirOrder() {
        Map<Timeframe, BarSeries> m = new LinkedHashMap<>();
        m.put(Timeframe.H1, series(Timeframe.H1, line(200, 100, 0.5)));
        m.put(Timeframe.H4, series(Timeframe.H4, line(200, 100, 1)));
        m.put(Timeframe.D1, series(Timeframe.D1, line(200, 300, -1)));
        MultiTimeframeBars bars = new MultiTimeframeBars(new SymbolInfo(S, AssetClass.CRYPTO, "crypto", Optional.empty()),
                Timeframe.H1, m);
        Confluence c = new MultiTimeframeConfluence(TrendRules.DEFAULTS).analyze(bars, Long.MAX_VALUE);
        assertThat(c.trends()).extracting(TimeframeTrend::timeframe).containsExactly(Timeframe.H1, Timeframe.H4, Timeframe.D1);
        assertThat(c.trends()).extracting(TimeframeTrend::direction).containsExactly(Trend.UP, Trend.UP, Trend.DOWN);
        assertThat(c.bias()).isEqualTo(Bias.LONG);
        assertThat(c.level()).isEqualTo(ConfluenceLevel.MEDIUM);
    }

    @Test
    void tooFewClosedBarsNameTheTimeframeAndTheCountNeeded() {
        BarSeries s = series(Timeframe.H4, line(10, 100, 1));
        assertThatThrownBy(() -> new MultiTimeframeConfluence(TrendRules.DEFAULTS).trend(s, Long.MAX_VALUE))
                .isInstanceOf(DataException.class).hasMessageContaining("4h").hasMessageContaining("needs 29");
    }
}
