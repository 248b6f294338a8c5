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
import dev.ktrdr.api.Session;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.api.testing.MarketData;
import dev.ktrdr.data.CalendarResampler;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.MissingTimeframePolicy;
import dev.ktrdr.data.MultiTimeframeLoader;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Every bar of every timeframe in the order a host gets them complete, each with that instant: a base bar at its close, a
     * higher-timeframe bar at the later of its close and the close of the last base bar of its period
     * (brute force: the base bars opening in [open, open + tf) for 4h, of the calendar's trading day for
     * 1d), never before the bar before it; higher timeframes first at equal instants.
     */
    static List<Fed> feedOrder(MultiTimeframeBars bars) {
        BarSeries base = bars.get(bars.base());
        MarketCalendar cal = Calendars.byId(bars.info().calendarId());
        List<Fed> all = new ArrayList<>();
        for (Timeframe tf : bars.timeframes()) {
            BarSeries s = bars.get(tf);
            long prev = Long.MIN_VALUE;
            for (int i = 0; i < s.size(); i++) {
                long u = s.closeTime(i);
                if (tf != bars.base()) {
                    LocalDate label = LocalDate.ofEpochDay(Math.floorDiv(s.openTime(i), 86_400_000L));
                    for (int b = 0; b < base.size(); b++) {
                        long o = base.openTime(b);
                        boolean inside = tf.isIntraday() ? o >= s.openTime(i) && o < s.openTime(i) + tf.millis()
                                : cal.tradingDay(o).equals(label);
                        if (inside) {
                            u = Math.max(u, base.closeTime(b));
                        }
                    }
                }
                u = Math.max(u, prev);
                prev = u;
                all.add(new Fed(tf, i, u));
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
        DecisionConfig decisions = features.strategy().decisions();
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
            int k = f.index();
            // the host stamps each bar with the instant its data are complete
            LiveDecision d = live.onBar(f.tf(), s.openTime(k), f.close(), s.open(k), s.high(k), s.low(k), s.close(k), s.volume(k));
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

    /**
     * A US-equity 1h series whose early-close days hold after-close prints (bars opening 13:00 and
     * 14:00 New York, as the vendor's SPY file has them up to 2008), the daily bars of those data stamped
     * with the calendar's close like a daily file (13:00 on half-days), and 4h resampled from the 1h.
     */
    static MultiTimeframeBars halfDaysWithLatePrints(SymbolInfo info) {
        MarketCalendar cal = Calendars.byId(info.calendarId());
        BarSeries h1 = source.load(info.symbol(), Timeframe.H1);
        List<long[]> times = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (int i = 0; i < h1.size(); i++) {
            times.add(new long[] {h1.openTime(i), h1.closeTime(i)});
            values.add(new double[] {h1.open(i), h1.high(i), h1.low(i), h1.close(i), h1.volume(i)});
            LocalDate day = cal.tradingDay(h1.openTime(i));
            Session session = cal.session(day).orElseThrow();
            boolean lastOfDay = i + 1 == h1.size() || !cal.tradingDay(h1.openTime(i + 1)).equals(day);
            if (session.earlyClose() && lastOfDay) {
                double c = h1.close(i);
                for (int k = 0; k < 2; k++) {
                    long o = session.closeMillis() + k * 3_600_000L;
                    double p = c * (1 + 0.004 * (k + 1));
                    times.add(new long[] {o, o + 3_600_000L});
                    values.add(new double[] {c, p * 1.001, c * 0.999, p, h1.volume(i) * 0.1});
                }
            }
        }
        int n = times.size();
        long[] ot = new long[n];
        long[] ct = new long[n];
        double[][] v = new double[5][n];
        for (int i = 0; i < n; i++) {
            ot[i] = times.get(i)[0];
            ct[i] = times.get(i)[1];
            for (int k = 0; k < 5; k++) {
                v[k][i] = values.get(i)[k];
            }
        }
        BarSeries late = new BarSeries(h1.symbol(), Timeframe.H1, ot, ct, v[0], v[1], v[2], v[3], v[4]);
        CalendarResampler r = new CalendarResampler(cal);
        BarSeries d1 = r.resample(late, Timeframe.D1);
        // a daily file says when its bar closes by the calendar alone
        BarSeries file = new BarSeries(d1.symbol(), Timeframe.D1, d1.openTimes(), CsvBars.closeTimes(d1.openTimes(), Timeframe.D1, cal),
                d1.opens(), d1.highs(), d1.lows(), d1.closes(), d1.volumes());
        Map<Timeframe, BarSeries> m = new LinkedHashMap<>();
        m.put(Timeframe.H1, late);
        m.put(Timeframe.H4, r.resample(late, Timeframe.H4));
        m.put(Timeframe.D1, file);
        return new MultiTimeframeBars(info, Timeframe.H1, m);
    }

    @Test
    void liveEqualsBacktestOnHalfDaysWithAfterClosePrints() {
        SymbolInfo info = infos.get(Symbol.of("SPY"));
        MultiTimeframeBars bars = halfDaysWithLatePrints(info);
        BarSeries h1 = bars.get(Timeframe.H1);
        BarSeries d1 = bars.get(Timeframe.D1);
        MarketCalendar cal = Calendars.byId(info.calendarId());
        // the case is present: base bars open after the 13:00 close of a half-day, inside its daily bar
        int late = 0;
        for (int i = 0; i < h1.size(); i++) {
            Session s = cal.session(cal.tradingDay(h1.openTime(i))).orElseThrow();
            if (s.earlyClose() && h1.openTime(i) >= s.closeMillis()) {
                late++;
            }
        }
        assertThat(late).isGreaterThanOrEqualTo(2);
        // the batch rows of those days use the half-day's daily bar only once its last print has closed
        StrategyFeatures features = StrategyFeatures.of(strategy, info, List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1),
                Timeframe.H1);
        var frame = features.frame().buildFrame(bars);
        long[] rowOpen = frame.sourceOpenTimes(Timeframe.H1);
        long[] dailyOpen = frame.sourceOpenTimes(Timeframe.D1);
        long[] dailyUsable = frame.sourceCloseTimes(Timeframe.D1);
        int heldBack = 0;
        for (int r = 0; r < rowOpen.length; r++) {
            long rowClose = rowOpen[r] + 3_600_000L;
            assertThat(dailyUsable[r]).isLessThanOrEqualTo(rowClose);
            LocalDate day = cal.tradingDay(rowOpen[r]);
            Session s = cal.session(day).orElseThrow();
            if (s.earlyClose() && rowClose >= s.closeMillis() && rowClose < s.closeMillis() + 2 * 3_600_000L) {
                // calendar closed, last print not yet: the previous day's bar
                assertThat(LocalDate.ofEpochDay(Math.floorDiv(dailyOpen[r], 86_400_000L))).isBefore(day);
                heldBack++;
            }
        }
        assertThat(heldBack).as("rows between the calendar's close and the last print").isGreaterThanOrEqualTo(2);
        assertThat(d1.size()).isGreaterThan(40);
        liveEqualsBacktest(info, bars);
    }

    @Test
    void liveEqualsBacktestOnRealHalfDaysWithAfterClosePrints() {
        // SPY 2000-04..2001-01: 2000-07-03 and 2000-11-24 hold prints after the 13:00 close in the 1h file,
        // and the daily file's bars include them
        MultiTimeframeBars all = new MultiTimeframeLoader(new DataFolder(MarketData.folder()))
                .load(Symbol.of("SPY"), List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1), Timeframe.H1,
                        MissingTimeframePolicy.FAIL).bars();
        long from = Instant.parse("2000-04-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2001-01-15T00:00:00Z").toEpochMilli();
        Map<Timeframe, BarSeries> window = new LinkedHashMap<>();
        for (Timeframe tf : all.timeframes()) {
            BarSeries s = all.get(tf);
            int a = 0;
            while (a < s.size() && s.openTime(a) < from) {
                a++;
            }
            int b = a;
            while (b < s.size() && s.openTime(b) < to) {
                b++;
            }
            window.put(tf, s.slice(a, b));
        }
        liveEqualsBacktest(all.info(), new MultiTimeframeBars(all.info(), Timeframe.H1, window));
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
