package dev.ktrdr.training.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.backtest.DecisionConfig;
import dev.ktrdr.training.backtest.DecisionStep;
import dev.ktrdr.training.backtest.EventBacktester;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import dev.ktrdr.training.backtest.portfolio.PortfolioBacktester;
import dev.ktrdr.training.backtest.portfolio.PortfolioBook;
import dev.ktrdr.training.backtest.portfolio.PortfolioLeg;
import dev.ktrdr.training.backtest.portfolio.PortfolioOptions;
import dev.ktrdr.training.backtest.portfolio.PortfolioRun;
import dev.ktrdr.training.pipeline.StrategyFeatures;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A live host trading several symbols from one account: it feeds every symbol's bars of every timeframe to
 * its own {@link LivePipeline} in time order, places each decision on a {@link PortfolioBook} and fills at
 * the next open; the account it ends with is the {@link PortfolioBacktester}'s, to the bit.
 */
class PortfolioLiveReplayTest {
    static final List<Timeframe> TFS = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);

    @BeforeAll
    static void train() {
        LivePipelineTest.train();
    }

    /** One host event: a bar completed (fed to the pipeline), or a base bar opened (a fill instant). */
    record Event(long time, int kind, int leg, int seq, LivePipelineTest.Fed fed, int openBar) {
    }

    @Test
    void liveReplayOverThreeSymbolsOfTwoCalendarsEqualsThePortfolioBacktest() {
        List<SymbolInfo> infos = List.of(LivePipelineTest.infos.get(Symbol.of("BTCUSDT")),
                LivePipelineTest.infos.get(Symbol.of("ETHUSDT")), LivePipelineTest.infos.get(Symbol.of("EURUSD")));
        List<MultiTimeframeBars> all = new ArrayList<>();
        List<StrategyFeatures> features = new ArrayList<>();
        List<PortfolioLeg> legs = new ArrayList<>();
        for (SymbolInfo info : infos) {
            MultiTimeframeBars bars = LivePipelineTest.bars(info);
            StrategyFeatures f = StrategyFeatures.of(LivePipelineTest.strategy, info, TFS, Timeframe.H1);
            BarSeries base = bars.get(Timeframe.H1);
            FeatureMatrix m = f.build(bars);
            double[] p = EventBacktester.alignToBars(base, m, EventBacktester.predict(LivePipelineTest.model, m));
            all.add(bars);
            features.add(f);
            legs.add(PortfolioLeg.of(info, base, p, RuleDecisionEngine.of(f.strategy().decisions())));
        }
        PortfolioOptions options = PortfolioOptions.defaults(30_000).withBorrow(true);
        PortfolioRun batch = new PortfolioBacktester().run(legs, options);

        // the host: every completed bar at the instant its data are complete, every base open at its open time;
        // at equal instants completed bars before opens, lower leg first, each symbol's own feed order kept
        List<Event> events = new ArrayList<>();
        for (int l = 0; l < infos.size(); l++) {
            List<LivePipelineTest.Fed> order = LivePipelineTest.feedOrder(all.get(l));
            for (int k = 0; k < order.size(); k++) {
                events.add(new Event(order.get(k).close(), 0, l, k, order.get(k), -1));
            }
            BarSeries base = all.get(l).get(Timeframe.H1);
            for (int i = 0; i < base.size(); i++) {
                events.add(new Event(base.openTime(i), 1, l, i, null, i));
            }
        }
        events.sort(Comparator.comparingLong(Event::time).thenComparingInt(Event::kind).thenComparingInt(Event::leg)
                .thenComparingInt(Event::seq));
        PortfolioBook book = new PortfolioBook(legs, options);
        List<LivePipeline> pipes = new ArrayList<>();
        List<DecisionStep> targets = new ArrayList<>();
        List<byte[]> decided = new ArrayList<>();
        int[] first = new int[infos.size()];
        Arrays.fill(first, -1);
        for (int l = 0; l < infos.size(); l++) {
            DecisionConfig d = features.get(l).strategy().decisions();
            pipes.add(new LivePipeline(features.get(l), LivePipelineTest.model, infos.get(l), RuleDecisionEngine.of(d)));
            targets.add(new DecisionStep(RuleDecisionEngine.of(d)));
            byte[] none = new byte[all.get(l).get(Timeframe.H1).size()];
            Arrays.fill(none, Label.NONE);
            decided.add(none);
        }
        boolean closedAtInstant = false;
        for (int e = 0; e < events.size(); e++) {
            Event ev = events.get(e);
            int l = ev.leg();
            BarSeries base = all.get(l).get(Timeframe.H1);
            if (ev.kind() == 1) {
                if (first[l] >= 0) {
                    book.open(l, ev.openBar(), base.openTime(ev.openBar()), base.open(ev.openBar()));
                }
            } else {
                LivePipelineTest.Fed f = ev.fed();
                BarSeries s = all.get(l).get(f.tf());
                int k = f.index();
                LiveDecision d = pipes.get(l).onBar(f.tf(), s.openTime(k), f.close(), s.open(k), s.high(k), s.low(k),
                        s.close(k), s.volume(k));
                if (f.tf() == Timeframe.H1) {
                    if (first[l] < 0 && d.probabilities() != null) {
                        first[l] = k;
                    }
                    if (first[l] >= 0) {
                        boolean last = k == base.size() - 1;
                        book.close(l, k, base.closeTime(k), base.close(k), last);
                        closedAtInstant = true;
                        if (!last && d.label() != null) {
                            // the pipeline's position is the book's: every order filled
                            assertThat(d.position()).isEqualTo(book.position(l));
                            decided.get(l)[k] = d.decisionIndex();
                            book.order(l, targets.get(l).target(d.label(), book.position(l)), k);
                        }
                    }
                }
            }
            boolean instantEnds = e + 1 == events.size() || events.get(e + 1).time() != ev.time()
                    || events.get(e + 1).kind() != 0;
            if (closedAtInstant && instantEnds) {
                book.mark(ev.time());
                closedAtInstant = false;
            }
        }
        PortfolioRun live = PortfolioRun.of(legs, book, decided, first);
        assertThat(live.equity()).containsExactly(batch.equity());
        assertThat(live.trades()).isEqualTo(batch.trades());
        assertThat(live.fills()).isEqualTo(batch.fills());
        assertThat(live).isEqualTo(batch);
        // trading on every symbol, shorts paying borrow
        for (int l = 0; l < infos.size(); l++) {
            assertThat(batch.perSymbol().get(l).trades()).as(infos.get(l).symbol().value()).isPositive();
        }
        assertThat(batch.metrics().get(PortfolioRun.BORROW_PAID)).isPositive();
    }
}
