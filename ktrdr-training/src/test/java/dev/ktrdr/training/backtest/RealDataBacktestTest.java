package dev.ktrdr.training.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.Backtester.Execution;
import dev.ktrdr.api.Backtester.Request;
import dev.ktrdr.api.Backtester.Sizing;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.testing.MarketData;
import dev.ktrdr.data.DataFolder;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Annualisation and a whole request-path backtest on the shared market data. */
class RealDataBacktestTest {
    private DataFolder folder;

    @BeforeEach
    void data() {
        folder = new DataFolder(MarketData.folder());
    }

    private double barsPerYear(String symbol, Timeframe tf) {
        BarSeries b = folder.load(Symbol.of(symbol), tf);
        return BarsPerYear.estimate(b.openTimes(), tf, folder.registry().info(Symbol.of(symbol)).calendarId());
    }

    @Test
    void barsPerYearFollowsEachMarketsActualHours() {
        // Forex 1h trades about 24 h × 5 days minus holidays; US equities 7 bars a session; crypto 24/7.
        assertThat(barsPerYear("EURUSD", Timeframe.H1)).isBetween(6100.0, 6300.0);
        assertThat(barsPerYear("AAPL", Timeframe.H1)).isBetween(1740.0, 1770.0);
        assertThat(barsPerYear("BTCUSD", Timeframe.H1)).isBetween(8700.0, 8767.0);
        assertThat(barsPerYear("SPY", Timeframe.D1)).isBetween(250.0, 253.0);
    }

    @Test
    void aMomentumStubRunsThroughTheRequestPathOnEurusd() {
        BarSeries h1 = folder.load(Symbol.of("EURUSD"), Timeframe.H1);
        MultiTimeframeBars bars = new MultiTimeframeBars(folder.registry().info(Symbol.of("EURUSD")), Timeframe.H1,
                Map.of(Timeframe.H1, h1));
        BacktestRequestTest.ReturnFeature features = new BacktestRequestTest.ReturnFeature("1h_ret");
        RuleDecisionEngine engine = RuleDecisionEngine.of(DecisionConfig.DEFAULTS.withConfidenceThreshold(0.6)
                .withAllowShort(true).withSeparation(Duration.ofHours(4), 0));
        BacktestRun run = new EventBacktester().runDetailed(new Request(bars, new BacktestRequestTest.MomentumModel("1h_ret"),
                features, engine, new Execution(100_000, 0.0001, 0, 1, Sizing.FRACTION_OF_EQUITY, 1)));
        Map<String, Double> m = run.result().metrics();
        assertThat(m.get(Performance.BARS_PER_YEAR)).isBetween(6100.0, 6300.0);
        assertThat(m.get(Performance.TRADE_COUNT)).isGreaterThan(1000.0);
        assertThat(m.get(Performance.SHARPE)).isFinite();
        assertThat(m.get(Performance.MAX_DRAWDOWN)).isBetween(0.0, 1.0);
        assertThat(run.result().equity()).hasSize(h1.size() - 2);
        for (Fill f : run.fills()) {
            assertThat(f.forced() || f.bar() == f.decisionBar() + 1).isTrue();
        }
    }
}
