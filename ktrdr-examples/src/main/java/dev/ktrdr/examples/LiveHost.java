package dev.ktrdr.examples;

import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.training.backtest.BacktestRun;
import dev.ktrdr.training.backtest.DecisionConfig;
import dev.ktrdr.training.backtest.EventBacktester;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import dev.ktrdr.training.live.LiveDecision;
import dev.ktrdr.training.live.LivePipeline;
import dev.ktrdr.training.pipeline.StrategyFeatures;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A live host: bars arrive one at a time (1h, 4h and 1d bars of one symbol, each when it closes) and a
 * {@link LivePipeline} answers every 1h close with the model's probabilities and the decision, using the
 * indicators' streaming forms. {@link #run} replays the same bars through the batch backtest and counts
 * the bars where live and batch decide differently (there should be none).
 */
public final class LiveHost {
    private static final List<Timeframe> TIMEFRAMES = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);

    private LiveHost() {
    }

    /**
     * @param decisions the live decisions, one per 1h bar
     * @param batch the backtest's decision per 1h bar ({@link Label#NONE} where it took none)
     * @param differing bars (except the last, where the backtest never decides) whose decisions differ
     * @param trades decisions to enter or flip taken live (BUY or SELL)
     */
    public record Result(List<LiveDecision> decisions, byte[] batch, int differing, int trades) {
        /** Copies the decisions and the batch labels. */
        public Result {
            decisions = List.copyOf(decisions);
            batch = batch.clone();
        }

        /** @return a copy of batch */
        @Override
        public byte[] batch() {
            return batch.clone();
        }

        /** Equal when every component is, arrays compared by content. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Result other && Objects.equals(decisions, other.decisions)
                    && Arrays.equals(batch, other.batch) && differing == other.differing && trades == other.trades;
        }

        @Override
        public int hashCode() {
            return Objects.hash(decisions, Arrays.hashCode(batch), differing, trades);
        }

        /** Arrays are shown by type and length. */
        @Override
        public String toString() {
            return "Result[decisions=" + decisions
                    + ", batch=byte[" + batch.length + "]"
                    + ", differing=" + differing
                    + ", trades=" + trades + "]";
        }
    }

    /** A bar to deliver: its timeframe, its index in that series and its close time. */
    private record Delivery(Timeframe timeframe, int index, long close) {
    }

    /** @param args unused */
    public static void main(String[] args) {
        Result r = run(3_000);
        LiveDecision last = r.decisions().get(r.decisions().size() - 1);
        System.out.printf("%d live decisions (%d BUY/SELL), %d differ from the backtest; last: %s at %s%n",
                r.decisions().size(), r.trades(), r.differing(), last.label(), java.time.Instant.ofEpochMilli(last.closeTime()));
    }

    /**
     * @param bars hourly bars of synthetic data
     * @return the live decisions beside the backtest's
     */
    public static Result run(int bars) {
        String yaml = Examples.resource("quickstart.yaml");
        BarSource market = SyntheticMarket.asBarSource(Examples.market(bars, 42));
        SymbolInfo eurusd = Examples.infos().get(Symbol.of("EURUSD"));
        StrategyTrainer.Run trained = new StrategyTrainer().run(new TrainingRequest(yaml, "quickstart.yaml", market,
                Examples.infos()::get, List.of(eurusd.symbol()), TIMEFRAMES), ProgressListener.NONE);
        TradingModel model = trained.result().artifacts().model();
        StrategyFeatures features = StrategyFeatures.of(trained.strategy(), eurusd, TIMEFRAMES, Timeframe.H1);
        DecisionConfig rules = features.strategy().decisions();

        Map<Timeframe, BarSeries> series = new LinkedHashMap<>();
        for (Timeframe tf : TIMEFRAMES) {
            series.put(tf, market.load(eurusd.symbol(), tf));
        }
        MultiTimeframeBars all = new MultiTimeframeBars(eurusd, Timeframe.H1, series);

        // the feed: every bar when it closes; at equal close times the longer bar first, as a broker delivers them
        List<Delivery> feed = new ArrayList<>();
        series.forEach((tf, s) -> {
            for (int i = 0; i < s.size(); i++) {
                feed.add(new Delivery(tf, i, s.closeTime(i)));
            }
        });
        feed.sort(Comparator.comparingLong(Delivery::close).thenComparing(d -> -d.timeframe().millis()));
        LivePipeline live = new LivePipeline(features, model, eurusd, RuleDecisionEngine.of(rules));
        List<LiveDecision> decisions = new ArrayList<>();
        int trades = 0;
        for (Delivery d : feed) {
            LiveDecision decision = live.onBar(d.timeframe(), series.get(d.timeframe()).bar(d.index()));
            if (decision != null) {
                decisions.add(decision);
                trades += decision.label() == Label.BUY || decision.label() == Label.SELL ? 1 : 0;
            }
        }

        BacktestRun batch = new EventBacktester().runDetailed(new Backtester.Request(all, model, features,
                RuleDecisionEngine.of(rules), new Backtester.Execution(10_000, 0.0005, 0, 1,
                Backtester.Sizing.FRACTION_OF_EQUITY, 1.0)));
        byte[] expected = batch.decisions();
        int differing = 0;
        for (int i = 0; i < decisions.size() - 1; i++) {
            differing += decisions.get(i).decisionIndex() == expected[i] ? 0 : 1;
        }
        return new Result(decisions, expected, differing, trades);
    }
}
