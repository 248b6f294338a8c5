package dev.ktrdr.training.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ktrdr.api.Backtester.Execution;
import dev.ktrdr.api.Backtester.Sizing;
import dev.ktrdr.api.Backtester.Trade;
import dev.ktrdr.api.BarSeries;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tiny backtests whose every number was worked out by hand (the comments show the arithmetic):
 * decide at a bar's close, fill at the next open with slippage against the trader, commission
 * max(minimum, rate × notional).
 */
class HandComputedBacktestTest {
    private static final double EPS = 1e-9;

    private static RuleDecisionEngine engine(boolean allowShort) {
        return RuleDecisionEngine.of(DecisionConfig.DEFAULTS.withConfidenceThreshold(0.6)
                .withSeparation(Duration.ZERO, 0).withAllowShort(allowShort));
    }

    @Test
    void oneLongTradePaysSlippageBothWaysAndTheMinimumCommission() {
        BarSeries bars = TestBars.hourly(new double[] {100, 101, 103, 105}, new double[] {100, 102, 104, 106});
        Execution ex = new Execution(10_000, 0.001, 1.0, 10, Sizing.FIXED_UNITS, 10);
        BacktestRun run = new EventBacktester().runProbabilities(bars, TestBars.probabilities("BHSH"), engine(false), ex, 8766);

        // Entry: BUY at bar 0's close, filled at bar 1's open 101 × 1.001 = 101.101; 10 units, notional 1011.01,
        // commission max(1, 1.01101) = 1.01101, cash 10000 − 1011.01 − 1.01101 = 8987.97899.
        // Exit: SELL at bar 2's close (long-only: exit), filled at bar 3's open 105 × 0.999 = 104.895,
        // commission max(1, 1.04895) = 1.04895; pnl 10 × (104.895 − 101.101) − 1.01101 − 1.04895 = 35.88004.
        List<Trade> trades = run.result().trades();
        assertThat(trades).hasSize(1);
        Trade t = trades.get(0);
        assertThat(t.direction()).isEqualTo(1);
        assertThat(t.entryTime()).isEqualTo(bars.openTime(1));
        assertThat(t.exitTime()).isEqualTo(bars.openTime(3));
        assertThat(t.entryPrice()).isCloseTo(101.101, within(EPS));
        assertThat(t.exitPrice()).isCloseTo(104.895, within(EPS));
        assertThat(t.costs()).isCloseTo(1.01101 + 1.04895, within(EPS));
        assertThat(t.pnl()).isCloseTo(35.88004, within(EPS));
        assertThat(run.result().equity()).containsExactly(new double[] {10_000, 10_007.97899, 10_027.97899, 10_035.88004},
                within(1e-7));
        assertThat(run.result().metrics().get(Performance.COMMISSION_PAID)).isCloseTo(2.05996, within(EPS));
        // Slippage: 10 × 101 × 0.001 + 10 × 105 × 0.001 = 1.01 + 1.05.
        assertThat(run.result().metrics().get(Performance.SLIPPAGE_PAID)).isCloseTo(2.06, within(EPS));
        assertThat(run.result().metrics().get(Performance.TOTAL_RETURN)).isCloseTo(35.88004 / 10_000, within(EPS));
        // Buy and hold from bar 0's close (100) to the last close (106).
        assertThat(run.result().metrics().get(Performance.BUY_HOLD_RETURN)).isCloseTo(0.06, within(EPS));
        // Position held at the closes of bars 1 and 2 of 4.
        assertThat(run.result().metrics().get(Performance.EXPOSURE)).isCloseTo(0.5, within(EPS));
        assertThat(run.holdingBars()).containsExactly(2);
    }

    @Test
    void oneShortTradeProfitsFromAFallAfterCosts() {
        BarSeries bars = TestBars.hourly(new double[] {100, 100, 97, 95}, new double[] {100, 98, 96, 94});
        Execution ex = new Execution(10_000, 0.002, 5.0, 10, Sizing.FIXED_NOTIONAL, 1000);
        // With shorts allowed a BUY would flip into a long, so the short is held to the end and closed by force.
        BacktestRun run = new EventBacktester().runProbabilities(bars, TestBars.probabilities("SHHH"), engine(true), ex, 8766);

        // Entry: SELL at bar 0's close opens a short at bar 1's open 100 × 0.999 = 99.9; units 1000 / 99.9;
        // commission max(5, 0.002 × 1000) = 5. Forced exit at bar 3's close 94 × 1.001 = 94.094;
        // commission max(5, 0.002 × 941.9...) = 5. pnl = (1000 / 99.9) × (99.9 − 94.094) − 10 = 5806 / 99.9 − 10.
        assertThat(run.result().trades()).hasSize(1);
        Trade t = run.result().trades().get(0);
        assertThat(t.direction()).isEqualTo(-1);
        assertThat(t.units()).isCloseTo(1000 / 99.9, within(EPS));
        assertThat(t.entryPrice()).isCloseTo(99.9, within(EPS));
        assertThat(t.exitPrice()).isCloseTo(94.094, within(EPS));
        assertThat(t.exitTime()).isEqualTo(bars.closeTime(3));
        assertThat(t.costs()).isCloseTo(10, within(EPS));
        assertThat(t.pnl()).isCloseTo(5806 / 99.9 - 10, within(EPS));
        double[] eq = run.result().equity();
        // Bar 1 close: cash 10000 + 1000 − 5 = 10995, minus 1000/99.9 units bought back at 98.
        assertThat(eq[1]).isCloseTo(10_995 - 1000 / 99.9 * 98, within(EPS));
        assertThat(eq[3]).isCloseTo(10_000 + 5806 / 99.9 - 10, within(EPS));
    }

    @Test
    void withShortsAllowedABuyWhileShortFlipsIntoALong() {
        BarSeries bars = TestBars.hourly(new double[] {100, 100, 97, 95}, new double[] {100, 98, 96, 94});
        Execution ex = new Execution(10_000, 0, 0, 0, Sizing.FIXED_UNITS, 1);
        BacktestRun run = new EventBacktester().runProbabilities(bars, TestBars.probabilities("SHBH"), engine(true), ex, 8766);
        // Short 1 at 100 (bar 1 open), flip at bar 3 open 95: +5; long 1 from 95 to the last close 94: −1.
        assertThat(run.result().trades()).extracting(Trade::direction).containsExactly(-1, 1);
        assertThat(run.result().trades()).extracting(Trade::pnl).containsExactly(5.0, -1.0);
    }

    @Test
    void aFlipExitsTheLongThenOpensAShortAndTheEndForcesAnExitAtTheLastClose() {
        BarSeries bars = TestBars.hourly(new double[] {100, 100, 110, 120, 105}, new double[] {100, 110, 120, 110, 100});
        Execution ex = new Execution(10_000, 0.001, 0, 20, Sizing.FRACTION_OF_EQUITY, 0.5);
        BacktestRun run = new EventBacktester().runProbabilities(bars, TestBars.probabilities("BHSHH"), engine(true), ex, 8766);

        // Long: bar 1 open 100 × 1.002 = 100.2, units 0.5 × 10000 / 100.2, commission 0.001 × 5000 = 5, cash 4995.
        double u1 = 5000 / 100.2;
        // Exit at bar 3 open 120 × 0.998 = 119.76, commission 0.001 × u1 × 119.76.
        double c2 = 0.001 * u1 * 119.76;
        double pnl1 = u1 * (119.76 - 100.2) - 5 - c2;
        double cash = 4995 + u1 * 119.76 - c2;
        // Short at the same open and price 119.76, units 0.5 × cash / 119.76, commission 0.001 × notional.
        double u2 = 0.5 * cash / 119.76;
        double c3 = 0.001 * u2 * 119.76;
        // Forced exit at bar 4's close 100 × 1.002 = 100.2 (there is no later open).
        double c4 = 0.001 * u2 * 100.2;
        double pnl2 = u2 * (119.76 - 100.2) - c3 - c4;

        List<Trade> trades = run.result().trades();
        assertThat(trades).hasSize(2);
        assertThat(trades.get(0).direction()).isEqualTo(1);
        assertThat(trades.get(0).pnl()).isCloseTo(pnl1, within(EPS));
        assertThat(trades.get(0).exitTime()).isEqualTo(bars.openTime(3));
        assertThat(trades.get(1).direction()).isEqualTo(-1);
        assertThat(trades.get(1).entryTime()).isEqualTo(bars.openTime(3));
        assertThat(trades.get(1).units()).isCloseTo(u2, within(EPS));
        assertThat(trades.get(1).exitTime()).isEqualTo(bars.closeTime(4));
        assertThat(trades.get(1).exitPrice()).isCloseTo(100.2, within(EPS));
        assertThat(trades.get(1).pnl()).isCloseTo(pnl2, within(EPS));
        double[] eq = run.result().equity();
        assertThat(eq[eq.length - 1]).isCloseTo(10_000 + pnl1 + pnl2, within(1e-8));
        assertThat(run.fills()).hasSize(4);
        assertThat(run.fills().get(3).forced()).isTrue();
        assertThat(run.holdingBars()).containsExactly(2, 2);
        // Sanity of the hand numbers themselves: pnl1 = 976.0479... − 5 − 5.976... ≈ 965.07.
        assertThat(pnl1).isCloseTo(965.0718, within(1e-3));
    }

    @Test
    void warmUpBarsWithoutFeaturesAreOutsideTheWindowAndTakeNoDecision() {
        BarSeries bars = TestBars.hourly(new double[] {100, 100, 100, 101, 102}, new double[] {100, 100, 100, 102, 103});
        Execution ex = new Execution(1000, 0, 0, 0, Sizing.FIXED_UNITS, 1);
        BacktestRun run = new EventBacktester().runProbabilities(bars, TestBars.probabilities("--BHH"), engine(false), ex, 8766);
        assertThat(run.firstBar()).isEqualTo(2);
        assertThat(run.result().equity()).hasSize(3);
        assertThat(run.decisions()).containsExactly(-1, -1, 0, 1, -1);
        // Bought at bar 3's open 101, closed by force at 103.
        assertThat(run.result().trades().get(0).pnl()).isCloseTo(2, within(EPS));
    }

    @Test
    void noEntryIsMadeOnceEquityIsGone() {
        // No costs, 10 units. Long at bar 1's open 100, flipped at bar 2's open 1 (pnl −990, cash 10) into a short
        // of 10 at 1; the price jumps to 200 and the BUY at bar 3's close covers at bar 4's open 200 (pnl −1990):
        // cash −1980. The new long and the later SELL find no equity and are not entered.
        BarSeries bars = TestBars.hourly(new double[] {100, 100, 1, 200, 200, 200}, new double[] {100, 1, 200, 200, 200, 200});
        Execution ex = new Execution(1000, 0, 0, 0, Sizing.FIXED_UNITS, 10);
        BacktestRun run = new EventBacktester().runProbabilities(bars, TestBars.probabilities("BSHBSH"), engine(true), ex, 8766);
        assertThat(run.result().trades()).extracting(Trade::pnl).containsExactly(-990.0, -1990.0);
        assertThat(run.fills()).hasSize(4);
        double[] eq = run.result().equity();
        assertThat(eq[eq.length - 1]).isEqualTo(1000 - 990 - 1990.0);
    }
}
