package dev.ktrdr.training.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.api.testing.MarketData;
import dev.ktrdr.data.CalendarResampler;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.training.backtest.BacktestRun;
import dev.ktrdr.training.backtest.DecisionConfig;
import dev.ktrdr.training.backtest.EventBacktester;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import dev.ktrdr.training.pipeline.StrategyFeatures;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.MissingTimeframePolicy;
import dev.ktrdr.data.MultiTimeframeLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The live pipeline against the batch backtest on the same synthetic multi-timeframe bars. */
class LivePipelineTest {
    /** Three timeframes, a multi-output indicator, all three input transforms, context features with a lag. */
    static final String YAML = "name: live_check\n"
            + "version: \"3.0\"\n"
            + "scope: universal\n"
            + "training_data:\n"
            + "  symbols: {mode: multi_symbol, list: [BTCUSDT, ETHUSDT]}\n"
            + "  timeframes: {mode: multi_timeframe, list: [1h, 4h, 1d], base_timeframe: 1h}\n"
            + "deployment:\n"
            + "  target_symbols: {mode: universal}\n"
            + "indicators:\n"
            + "  rsi_14: {type: rsi, period: 14}\n"
            + "  sma_20: {type: sma, period: 20}\n"
            + "  macd_12_26_9: {type: macd, fast_period: 12, slow_period: 26, signal_period: 9}\n"
            + "fuzzy_sets:\n"
            + "  rsi_14: {indicator: rsi_14, low: [0, 30, 50], mid: [30, 50, 70], high: [50, 70, 100]}\n"
            + "  sma_20: {indicator: sma_20, input_transform: {type: price_ratio},"
            + " below: [0.97, 0.99, 1.0], near: [0.99, 1.0, 1.01], above: [1.0, 1.01, 1.03]}\n"
            + "  macd_hist: {indicator: macd_12_26_9.histogram, input_transform: {type: percent_of_price},"
            + " bearish: {type: gaussian, parameters: [-0.2, 0.1]}, bullish: {type: gaussian, parameters: [0.2, 0.1]}}\n"
            + "  rsi_z: {indicator: rsi_14, input_transform: {type: zscore, window: 10},"
            + " low: {type: sigmoid, parameters: [-1, -3]}, high: {type: sigmoid, parameters: [1, 3]}}\n"
            + "model:\n"
            + "  architecture: {hidden_layers: [8]}\n"
            + "  features: {include_price_context: true, lookback_periods: 1}\n"
            + "decisions: {confidence_threshold: 0.36, position_awareness: true, allow_short: true,"
            + " filters: {min_signal_separation: 2}}\n"
            + "training:\n"
            + "  labels: {source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}\n"
            + "  epochs: 2\n"
            + "  batch_size: 64\n";

    static SyntheticMarket.Config config;
    static BarSource source;
    static Map<Symbol, SymbolInfo> infos = new HashMap<>();
    static TradingModel model;
    static Strategy strategy;

    @BeforeAll
    static void train() {
        List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.defaultUniverse();
        config = SyntheticMarket.Config.of(specs, Timeframe.H1, Instant.parse("2024-01-01T00:00:00Z"), 1500, 11);
        source = SyntheticMarket.asBarSource(config);
        SyntheticMarket.infos(specs).forEach(i -> infos.put(i.symbol(), i));
        model = new StrategyTrainer().train(new TrainingRequest(YAML, "live.yaml", source, infos::get,
                List.of(Symbol.of("BTCUSDT"), Symbol.of("ETHUSDT")), List.of()), ProgressListener.NONE).artifacts().model();
        strategy = StrategyLoader.parse(YAML, "live.yaml");
    }

    static MultiTimeframeBars bars(SymbolInfo info) {
        BarSeries h1 = source.load(info.symbol(), Timeframe.H1);
        CalendarResampler r = new CalendarResampler(Calendars.byId(info.calendarId()));
        Map<Timeframe, BarSeries> m = new LinkedHashMap<>();
        m.put(Timeframe.H1, h1);
        m.put(Timeframe.H4, r.resample(h1, Timeframe.H4));
        m.put(Timeframe.D1, r.resample(h1, Timeframe.D1));
        return new MultiTimeframeBars(info, Timeframe.H1, m);
    }

    record Fed(Timeframe tf, int index, long close) {
    }

    /** Every bar of every timeframe in close-time order, higher timeframes first at equal close times. */
    static List<Fed> feedOrder(MultiTimeframeBars bars) {
        List<Fed> all = new ArrayList<>();
        for (Timeframe tf : bars.timeframes()) {
            BarSeries s = bars.get(tf);
            for (int i = 0; i < s.size(); i++) {
                all.add(new Fed(tf, i, s.closeTime(i)));
            }
        }
        all.sort(Comparator.comparingLong(Fed::close).thenComparing(f -> -f.tf().millis()));
        return all;
    }

    /** The bars without 4h bars [from, to): the 1h rows after the hole see a stale 4h bar. */
    static MultiTimeframeBars withHole(MultiTimeframeBars bars, int from, int to) {
        BarSeries h4 = bars.get(Timeframe.H4);
        int n = h4.size() - (to - from);
        long[] ot = new long[n];
        long[] ct = new long[n];
        double[][] v = new double[5][n];
        int k = 0;
        for (int i = 0; i < h4.size(); i++) {
            if (i >= from && i < to) {
                continue;
            }
            ot[k] = h4.openTime(i);
            ct[k] = h4.closeTime(i);
            v[0][k] = h4.open(i);
            v[1][k] = h4.high(i);
            v[2][k] = h4.low(i);
            v[3][k] = h4.close(i);
            v[4][k] = h4.volume(i);
            k++;
        }
        Map<Timeframe, BarSeries> m = new LinkedHashMap<>(bars.series());
        m.put(Timeframe.H4, new BarSeries(h4.symbol(), Timeframe.H4, ot, ct, v[0], v[1], v[2], v[3], v[4]));
        return new MultiTimeframeBars(bars.info(), Timeframe.H1, m);
    }

    void liveEqualsBacktest(String symbol) {
        SymbolInfo info = infos.get(Symbol.of(symbol));
        liveEqualsBacktest(info, bars(info));
    }

    void liveEqualsBacktest(SymbolInfo info, MultiTimeframeBars bars) {
        StrategyFeatures features = StrategyFeatures.of(strategy, info, List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1),
                Timeframe.H1);
        DecisionConfig decisions = DecisionConfig.fromMap(decisionsOf(strategy));
        BacktestRun run = new EventBacktester().runDetailed(new Backtester.Request(bars, model, features,
                RuleDecisionEngine.of(decisions), new Backtester.Execution(10_000, 0.001, 0, 2,
                Backtester.Sizing.FRACTION_OF_EQUITY, 1)));
        FeatureMatrix batch = features.build(bars);
        Map<Long, Integer> rowAt = new HashMap<>();
        for (int r = 0; r < batch.rows(); r++) {
            rowAt.put(batch.time(r), r);
        }

        LivePipeline live = new LivePipeline(features, model, info, RuleDecisionEngine.of(decisions));
        List<LiveDecision> out = new ArrayList<>();
        for (Fed f : feedOrder(bars)) {
            BarSeries s = bars.get(f.tf());
            LiveDecision d = live.onBar(f.tf(), s.bar(f.index()));
            if (f.tf() == Timeframe.H1) {
                assertThat(d).isNotNull();
                out.add(d);
            } else {
                assertThat(d).isNull();
            }
        }
        BarSeries base = bars.get(Timeframe.H1);
        assertThat(out).hasSize(base.size());
        byte[] expected = run.decisions();
        int[] counts = new int[Label.COUNT];
        double[] batchRow = new double[batch.columns()];
        for (int i = 0; i < base.size() - 1; i++) {
            LiveDecision d = out.get(i);
            assertThat(d.barIndex()).isEqualTo(i);
            assertThat(d.openTime()).isEqualTo(base.openTime(i));
            Integer r = rowAt.get(base.openTime(i));
            assertThat(d.features() != null).as("bar %d at %s has a feature row (batch: %s)", i, Instant.ofEpochMilli(base.openTime(i)), r != null).isEqualTo(r != null);
            if (r != null) {
                batch.copyRow(r, batchRow, 0);
                double[] liveRow = d.features();
                for (int c = 0; c < batchRow.length; c++) {
                    assertThat(Math.abs(liveRow[c] - batchRow[c])).as("bar %d column %s", i, batch.spec().names().get(c))
                            .isLessThanOrEqualTo(1e-12);
                }
            }
            assertThat(d.decisionIndex()).as("decision at bar %d", i).isEqualTo(expected[i]);
            if (expected[i] >= 0) {
                counts[expected[i]]++;
            }
        }
        // the comparison must cover trading, not only HOLDs
        assertThat(counts[Label.BUY.index()]).isPositive();
        assertThat(counts[Label.SELL.index()]).isPositive();
        assertThat(run.result().trades()).isNotEmpty();
    }

    @SuppressWarnings("unchecked")
    static Map<String, ?> decisionsOf(Strategy s) {
        return (Map<String, ?>) s.raw().get("decisions");
    }

    @Test
    void liveDecisionsEqualTheBacktestsBarByBarOnATrainingSymbol() {
        liveEqualsBacktest("BTCUSDT");
    }

    @Test
    void liveDecisionsEqualTheBacktestsOnASymbolOutsideTrainingWithWeekendGaps() {
        // EURUSD: a forex calendar (weekend closures) and a symbol the model never saw
        liveEqualsBacktest("EURUSD");
    }

    @Test
    void liveDropsTheSameStaleRowsAsTheBatchAligner() {
        SymbolInfo info = infos.get(Symbol.of("ETHUSDT"));
        MultiTimeframeBars holed = withHole(bars(info), 200, 204);
        int batchRows = StrategyFeatures.of(strategy, info, List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1), Timeframe.H1)
                .build(holed).rows();
        int fullRows = StrategyFeatures.of(strategy, info, List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1), Timeframe.H1)
                .build(bars(info)).rows();
        // the hole makes the 4h bar stale for some 1h bars: the batch drops those rows, and live must too
        assertThat(batchRows).isLessThan(fullRows);
        liveEqualsBacktest(info, holed);
    }

    @Test
    void liveEqualsBacktestOnRealEquityBarsWithSessionsAndDailyLabels() {
        // SPY 1h (regular sessions: overnight and weekend gaps), 4h resampled by its calendar, 1d session-date file
        MultiTimeframeBars all = new MultiTimeframeLoader(new DataFolder(MarketData.folder()))
                .load(Symbol.of("SPY"), List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1), Timeframe.H1,
                        MissingTimeframePolicy.FAIL).bars();
        long from = Instant.parse("2019-06-01T00:00:00Z").toEpochMilli();
        Map<Timeframe, BarSeries> recent = new LinkedHashMap<>();
        for (Timeframe tf : all.timeframes()) {
            BarSeries s = all.get(tf);
            int a = 0;
            while (a < s.size() && s.openTime(a) < from) {
                a++;
            }
            recent.put(tf, s.slice(a, s.size()));
        }
        liveEqualsBacktest(all.info(), new MultiTimeframeBars(all.info(), Timeframe.H1, recent));
    }

    @Test
    void outOfOrderBarsAndAForeignModelAreRefused() {
        SymbolInfo info = infos.get(Symbol.of("BTCUSDT"));
        MultiTimeframeBars bars = bars(info);
        StrategyFeatures features = StrategyFeatures.of(strategy, info, List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1),
                Timeframe.H1);
        LivePipeline live = new LivePipeline(features, model, info, RuleDecisionEngine.of(DecisionConfig.DEFAULTS));
        BarSeries h1 = bars.get(Timeframe.H1);
        BarSeries h4 = bars.get(Timeframe.H4);
        for (int i = 0; i < 4; i++) {
            live.onBar(Timeframe.H1, h1.bar(i));
        }
        // the 4h bar closing with the fourth 1h bar should have come before it
        assertThatThrownBy(() -> live.onBar(Timeframe.H4, h4.bar(0))).isInstanceOf(DataException.class)
                .hasMessageContaining("close-time order");
        assertThatThrownBy(() -> live.onBar(Timeframe.H1, h1.bar(2))).isInstanceOf(DataException.class);
        StrategyFeatures twoTf = StrategyFeatures.of(strategy, info, List.of(Timeframe.H1, Timeframe.H4), Timeframe.H1);
        assertThatThrownBy(() -> new LivePipeline(twoTf, model, info, RuleDecisionEngine.of(DecisionConfig.DEFAULTS)))
                .isInstanceOf(ModelException.class);
    }
}
