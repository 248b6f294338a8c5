package dev.ktrdr.training.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ktrdr.api.Backtester.Execution;
import dev.ktrdr.api.Backtester.Sizing;
import dev.ktrdr.api.Backtester.Trade;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.actions.CorporateActions;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A backtest on raw (unadjusted) prices across a 2:1 split, every number worked out by hand: the
 * position doubles its units and halves its entry price at the ex-date, so P&amp;L equals the
 * unadjusted calculation (bought 10 shares, sold 20).
 */
class SplitAdjustmentBacktestTest {
    private static final double EPS = 1e-9;
    private static final Symbol AAPL = Symbol.of("AAPL");

    private static BarSeries daily(String firstDay, double[] opens, double[] closes) {
        int n = opens.length;
        long[] t = new long[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] v = new double[n];
        LocalDate d = LocalDate.parse(firstDay);
        for (int i = 0; i < n; i++) {
            t[i] = d.plusDays(i).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            h[i] = Math.max(opens[i], closes[i]);
            l[i] = Math.min(opens[i], closes[i]);
            v[i] = 100;
        }
        return BarSeries.ofOpenTimes(AAPL, Timeframe.D1, t, opens, h, l, closes, v);
    }

    private static RuleDecisionEngine longOnly() {
        return RuleDecisionEngine.of(DecisionConfig.DEFAULTS.withConfidenceThreshold(0.6)
                .withSeparation(Duration.ZERO, 0).withAllowShort(false));
    }

    @Test
    void aTwoForOneSplitMidPositionKeepsPnlEqualToTheUnadjustedHandCalculation() {
        // Raw prices: the split's ex-date is 2014-06-03 (bar 2), where the price halves.
        BarSeries raw = daily("2014-06-01", new double[] {100, 100, 51, 53}, new double[] {100, 102, 52, 53});
        SplitAdjustment splits = SplitAdjustment.of(List.of(
                new CorporateActions.Action(AAPL, LocalDate.parse("2014-06-03"), CorporateActions.Type.SPLIT, 2)));
        assertThat(splits.ratios(raw)).containsExactly(1, 1, 2, 1);
        Execution ex = new Execution(10_000, 0.001, 1.0, 10, Sizing.FIXED_UNITS, 10);
        BacktestRun run = new EventBacktester().runProbabilities(raw, TestBars.probabilities("BHSH"), longOnly(), ex, 252, splits);

        // Entry: BUY at bar 0's close, filled at bar 1's open 100 × 1.001 = 100.1; 10 shares, notional 1001,
        // commission max(1, 1.001) = 1.001, cash 10000 − 1001 − 1.001 = 8997.999.
        // Split before bar 2's open: 20 shares at an entry price of 50.05; cash unchanged.
        // Exit: SELL at bar 2's close, filled at bar 3's open 53 × 0.999 = 52.947 for 20 shares, notional 1058.94,
        // commission 0.001 × 1058.94 = 1.05894; cash 8997.999 + 1058.94 − 1.05894 = 10055.88006.
        // Unadjusted hand calculation: 20 × 52.947 − 10 × 100.1 − 1.001 − 1.05894 = 55.88006.
        List<Trade> trades = run.result().trades();
        assertThat(trades).hasSize(1);
        Trade t = trades.get(0);
        assertThat(t.units()).isCloseTo(20, within(EPS));
        assertThat(t.entryPrice()).isCloseTo(50.05, within(EPS));
        assertThat(t.exitPrice()).isCloseTo(52.947, within(EPS));
        assertThat(t.costs()).isCloseTo(1.001 + 1.05894, within(EPS));
        assertThat(t.pnl()).isCloseTo(55.88006, within(EPS));
        // Equity at the closes: 10000; 8997.999 + 10 × 102; 8997.999 + 20 × 52 (no jump at the split); cash after the exit.
        assertThat(run.result().equity()).containsExactly(new double[] {10_000, 10_017.999, 10_037.999, 10_055.88006},
                within(1e-7));
        assertThat(run.result().metrics().get(Performance.TOTAL_RETURN)).isCloseTo(55.88006 / 10_000, within(EPS));
        // Buy and hold from bar 0's close 100: one share becomes two, worth 2 × 53 = 106 at the end.
        assertThat(run.result().metrics().get(Performance.BUY_HOLD_RETURN)).isCloseTo(0.06, within(EPS));
        // The fills are at the prices as traded: 10 shares bought, 20 sold.
        assertThat(run.fills()).extracting(Fill::units).containsExactly(10.0, 20.0);

        // Without the split the same raw prices read as a crash: 10 shares sold at 52.947.
        BacktestRun naive = new EventBacktester().runProbabilities(raw, TestBars.probabilities("BHSH"), longOnly(), ex, 252);
        assertThat(naive.result().trades().get(0).pnl()).isCloseTo(10 * (52.947 - 100.1) - 1.001 - 1.0, within(EPS));
    }

    @Test
    void ratiosComeFromTheActionsFileSplitsOnlyAtTheFirstBarOnOrAfterTheExDate() {
        BarSeries raw = daily("2020-01-01", new double[] {10, 10, 10, 10, 10, 10}, new double[] {10, 10, 10, 10, 10, 10});
        CorporateActions actions = new CorporateActions(List.of(
                new CorporateActions.Action(AAPL, LocalDate.parse("2019-12-01"), CorporateActions.Type.SPLIT, 4),
                new CorporateActions.Action(AAPL, LocalDate.parse("2020-01-03"), CorporateActions.Type.SPLIT, 7),
                new CorporateActions.Action(AAPL, LocalDate.parse("2020-01-03"), CorporateActions.Type.DIVIDEND, 0.5),
                new CorporateActions.Action(AAPL, LocalDate.parse("2020-01-05"), CorporateActions.Type.SPLIT, 0.5),
                new CorporateActions.Action(Symbol.of("MSFT"), LocalDate.parse("2020-01-02"), CorporateActions.Type.SPLIT, 3)));
        // Before the series: ignored; 7:1 at bar 2; the dividend is not a split; 1:2 reverse at bar 4.
        assertThat(SplitAdjustment.of(actions, AAPL).ratios(raw)).containsExactly(1, 1, 7, 1, 0.5, 1);
        assertThat(SplitAdjustment.of(actions, Symbol.of("EURUSD")).isEmpty()).isTrue();
        assertThat(SplitAdjustment.units(-3, 7)).isEqualTo(-21);
        assertThat(SplitAdjustment.price(700, 7)).isEqualTo(100);
    }
}
