package dev.ktrdr.training.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ktrdr.api.Backtester.Trade;
import dev.ktrdr.api.Timeframe;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Figures against closed forms worked out by hand. */
class PerformanceTest {

    @Test
    void aConstantPerBarReturnCompoundsToTheClosedFormAnnualRateAndHasNoSharpe() {
        double r = 0.001;
        double[] eq = new double[101];
        eq[0] = 100;
        for (int i = 1; i < eq.length; i++) {
            eq[i] = eq[i - 1] * (1 + r);
        }
        double total = eq[100] / eq[0] - 1;
        // (1 + r)^100 = 1 + total, so the annual rate over 1764 bars a year is (1 + r)^1764 − 1.
        assertThat(Performance.annualizedReturn(total, 100, 1764)).isCloseTo(Math.pow(1.001, 1764) - 1, within(1e-9));
        assertThat(Performance.sharpe(Performance.returns(eq), 1764)).isNaN();
        assertThat(Performance.maxDrawdown(eq)).isZero();
    }

    @Test
    void alternatingReturnsHaveTheClosedFormSharpe() {
        // Returns +2 %, 0 %, +2 %, 0 %, … (2k of them): mean 0.01, sample deviation 0.01 × √(2k ÷ (2k − 1)),
        // so Sharpe = √((2k − 1) ÷ 2k) × √(bars per year).
        int k = 50;
        double[] eq = new double[2 * k + 1];
        eq[0] = 1000;
        for (int i = 1; i < eq.length; i++) {
            eq[i] = eq[i - 1] * (i % 2 == 1 ? 1.02 : 1.0);
        }
        double[] r = Performance.returns(eq);
        assertThat(Performance.sharpe(r, 8766)).isCloseTo(Math.sqrt(99.0 / 100) * Math.sqrt(8766), within(1e-9));
        // No negative return: Sortino undefined.
        assertThat(Performance.sortino(r, 8766)).isNaN();
    }

    @Test
    void sortinoUsesTheDownsideDeviationAroundZero() {
        double[] eq = {100, 110, 99, 108.9};
        double[] r = Performance.returns(eq);
        // Returns 0.1, −0.1, 0.1: mean 1/30, downside deviation √(0.01 / 3).
        assertThat(Performance.sortino(r, 252)).isCloseTo((1.0 / 30) / Math.sqrt(0.01 / 3) * Math.sqrt(252), within(1e-9));
        // Sample deviation: deviations 1/15, −2/15, 1/15 → √((6/225) / 2).
        assertThat(Performance.standardDeviation(r)).isCloseTo(Math.sqrt(6.0 / 225 / 2), within(1e-12));
    }

    @Test
    void maximumDrawdownIsTheDeepestFallFromARunningPeak() {
        double[] eq = {100, 120, 90, 130, 104};
        assertThat(Performance.maxDrawdown(eq)).isCloseTo(0.25, within(1e-12));
        assertThat(Performance.maxDrawdownAmount(eq)).isCloseTo(30, within(1e-12));
    }

    @Test
    void tradeFiguresCountWinsLossesAndHoldingTime() {
        long h = 3_600_000L;
        List<Trade> trades = List.of(
                new Trade(0, 2 * h, 1, 1, 100, 110, 0, 10),
                new Trade(3 * h, 7 * h, -1, 1, 100, 105, 0, -5),
                new Trade(8 * h, 9 * h, 1, 1, 100, 130, 0, 30));
        double[] eq = {100, 110, 105, 135};
        Map<String, Double> m = Performance.report(eq, trades, new int[] {2, 4, 1}, 8766, new double[] {100, 100, 100, 100},
                0.5, 1000, 3, 2);
        assertThat(m.get(Performance.WIN_RATE)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.get(Performance.PROFIT_FACTOR)).isCloseTo(40.0 / 5, within(1e-12));
        assertThat(m.get(Performance.AVERAGE_WIN)).isCloseTo(20, within(1e-12));
        assertThat(m.get(Performance.AVERAGE_LOSS)).isCloseTo(-5, within(1e-12));
        assertThat(m.get(Performance.LARGEST_WIN)).isCloseTo(30, within(1e-12));
        assertThat(m.get(Performance.LARGEST_LOSS)).isCloseTo(-5, within(1e-12));
        assertThat(m.get(Performance.AVERAGE_HOLDING_BARS)).isCloseTo(7.0 / 3, within(1e-12));
        assertThat(m.get(Performance.MAX_HOLDING_BARS)).isEqualTo(4.0);
        assertThat(m.get(Performance.AVERAGE_HOLDING_HOURS)).isCloseTo(7.0 / 3, within(1e-12));
        assertThat(m.get(Performance.TRADE_COUNT)).isEqualTo(3.0);
        assertThat(m.get(Performance.COSTS_PAID)).isEqualTo(5.0);
        // Mean equity (100 + 110 + 105 + 135) / 4 = 112.5.
        assertThat(m.get(Performance.TURNOVER)).isCloseTo(1000 / 112.5, within(1e-12));
        // Drawdown 110 → 105; Calmar = annual return ÷ (5 / 110).
        assertThat(m.get(Performance.CALMAR)).isCloseTo(m.get(Performance.ANNUALIZED_RETURN) / (5.0 / 110), within(1e-9));
        assertThat(m.get(Performance.BUY_HOLD_RETURN)).isZero();
        assertThat(m.get(Performance.EXCESS_RETURN)).isCloseTo(0.35, within(1e-12));
    }

    @Test
    void barsPerYearComesFromTheSeriesNotFrom252() {
        assertThat(BarsPerYear.nominal(Timeframe.H1, "crypto")).isCloseTo(8766, within(1e-9));
        assertThat(BarsPerYear.nominal(Timeframe.H1, "forex")).isCloseTo(365.25 * 5 / 7 * 24, within(1e-9));
        assertThat(BarsPerYear.nominal(Timeframe.H1, "us-equity")).isEqualTo(1764.0);
        assertThat(BarsPerYear.nominal(Timeframe.D1, "us-equity")).isEqualTo(252.0);
        // 24/7 hourly bars over 100 days: exactly 8766 a year by the timestamp rule.
        long[] t = new long[2400];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * 3_600_000L;
        }
        assertThat(BarsPerYear.estimate(t, Timeframe.H1, "crypto")).isCloseTo(8766, within(1e-9));
        // Seven hourly bars each weekday over 100 weeks: 7 × 5 × 100 bars in (100 weeks − the last day's tail).
        long day = 86_400_000L;
        long[] eq = new long[7 * 5 * 100];
        int k = 0;
        for (int w = 0; w < 100; w++) {
            for (int d = 0; d < 5; d++) {
                for (int b = 0; b < 7; b++) {
                    eq[k++] = (w * 7L + d) * day + (14 + b) * 3_600_000L;
                }
            }
        }
        double span = (eq[eq.length - 1] - eq[0] + 3_600_000L) / (365.25 * day);
        double est = BarsPerYear.estimate(eq, Timeframe.H1, "us-equity");
        assertThat(est).isCloseTo(eq.length / span, within(1e-9));
        // Without holidays that is about 7 × 261 = 1827; far from 252 per year.
        assertThat(est).isBetween(1800.0, 1850.0);
        // Too short a span: the calendar's nominal figure.
        assertThat(BarsPerYear.estimate(new long[] {0, 3_600_000L}, Timeframe.H1, "us-equity")).isEqualTo(1764.0);
    }
}
