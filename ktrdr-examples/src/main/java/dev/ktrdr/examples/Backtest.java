package dev.ktrdr.examples;

import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.training.backtest.BarsPerYear;
import dev.ktrdr.training.backtest.EventBacktester;
import dev.ktrdr.training.backtest.Performance;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Replays a trained model over the bars after its test cut: decide at each 1h bar's close from the
 * model's probabilities and the strategy's {@code decisions:} rules, fill at the next bar's open with
 * commission and slippage, and compare with buy-and-hold over the same bars.
 */
public final class Backtest {
    private Backtest() {
    }

    /**
     * @param result trades, equity curve and performance figures
     * @param windowStart first bar of the replay (the test cut), UTC epoch ms
     */
    public record Result(Backtester.Result result, long windowStart) {
    }

    /** @param args unused */
    public static void main(String[] args) {
        Result r = run(6_000);
        Map<String, Double> m = r.result().metrics();
        System.out.printf("from %s: return %+.2f%% (buy and hold %+.2f%%), Sharpe %.2f, max drawdown %.2f%%, %d trades%n",
                Instant.ofEpochMilli(r.windowStart()), 100 * m.get(Performance.TOTAL_RETURN),
                100 * m.get(Performance.BUY_HOLD_RETURN), m.get(Performance.SHARPE), 100 * m.get(Performance.MAX_DRAWDOWN),
                r.result().trades().size());
    }

    /**
     * @param bars hourly bars of synthetic data
     * @return the backtest over EURUSD's test window
     */
    public static Result run(int bars) {
        String yaml = Examples.resource("quickstart.yaml");
        StrategyTrainer.Run run = new StrategyTrainer().run(new TrainingRequest(yaml, "quickstart.yaml",
                SyntheticMarket.asBarSource(Examples.market(bars, 42)), Examples.infos()::get, List.of(Symbol.of("EURUSD")),
                List.of()), ProgressListener.NONE);
        StrategyTrainer.Prepared eurusd = run.prepared().get(0);
        TradingModel model = run.result().artifacts().model();
        BarSeries base = eurusd.base();
        FeatureMatrix features = eurusd.dataset().features();

        // probabilities per base bar; bars before the test cut get none (NaN), so the replay starts there
        double[] p = EventBacktester.alignToBars(base, features, model.predict(features));
        long cut = eurusd.dataset().time(run.split().of(Symbol.of("EURUSD")).test()[0]);
        for (int i = 0; i < base.size() && base.openTime(i) < cut; i++) {
            Arrays.fill(p, i * Label.COUNT, (i + 1) * Label.COUNT, Double.NaN);
        }
        Backtester.Execution costs = new Backtester.Execution(10_000, 0.0005, 0, 1, Backtester.Sizing.FRACTION_OF_EQUITY, 1.0);
        double barsPerYear = BarsPerYear.estimate(base.openTimes(), base.timeframe(), eurusd.info().calendarId());
        Backtester.Result result = new EventBacktester().runProbabilities(base, p,
                RuleDecisionEngine.of(run.strategy().decisions()), costs, barsPerYear).result();
        return new Result(result, cut);
    }
}
