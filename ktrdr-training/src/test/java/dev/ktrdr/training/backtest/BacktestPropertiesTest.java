package dev.ktrdr.training.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ktrdr.api.Backtester.Execution;
import dev.ktrdr.api.Backtester.Sizing;
import dev.ktrdr.api.Backtester.Trade;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Label;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Invariants of the event loop over random prices, probabilities and settings. */
class BacktestPropertiesTest {

    private record Case(BarSeries bars, double[] p, RuleDecisionEngine engine, Execution ex) {
    }

    private static Case randomCase(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] o = new double[n];
        double[] c = new double[n];
        double price = 100;
        for (int i = 0; i < n; i++) {
            o[i] = price * (1 + (rnd.nextDouble() - 0.5) * 0.01);
            c[i] = o[i] * (1 + (rnd.nextDouble() - 0.5) * 0.04);
            price = c[i];
        }
        double[] p = new double[n * 3];
        int warmUp = rnd.nextInt(Math.max(1, n / 3));
        for (int i = 0; i < n; i++) {
            if (i < warmUp) {
                p[3 * i] = p[3 * i + 1] = p[3 * i + 2] = Double.NaN;
                continue;
            }
            double a = rnd.nextDouble();
            double b = rnd.nextDouble();
            double d = rnd.nextDouble();
            double s = a + b + d;
            p[3 * i] = a / s;
            p[3 * i + 1] = b / s;
            p[3 * i + 2] = d / s;
        }
        DecisionConfig cfg = DecisionConfig.DEFAULTS.withConfidenceThreshold(rnd.nextDouble() * 0.6)
                .withAllowShort(rnd.nextBoolean()).withPositionAwareness(rnd.nextBoolean())
                .withSeparation(Duration.ofHours(rnd.nextInt(3)), rnd.nextInt(3));
        Sizing sizing = Sizing.values()[rnd.nextInt(3)];
        double value = sizing == Sizing.FRACTION_OF_EQUITY ? 0.1 + rnd.nextDouble() : sizing == Sizing.FIXED_NOTIONAL ? 500 : 3;
        Execution ex = new Execution(10_000, rnd.nextDouble() * 0.002, rnd.nextDouble() * 2, rnd.nextDouble() * 20, sizing, value);
        return new Case(TestBars.hourly(o, c), p, RuleDecisionEngine.of(cfg), ex);
    }

    @Test
    void noFillIsEverAtTheDecisionBarOnlyAtTheNextOpen() {
        qt().withExamples(300).forAll(integers().between(2, 80), longs().all()).checkAssert((n, seed) -> {
            Case k = randomCase(n, seed);
            BacktestRun run = new EventBacktester().runProbabilities(k.bars, k.p, k.engine, k.ex, 8766);
            byte[] decided = run.decisions();
            for (Fill f : run.fills()) {
                if (f.forced()) {
                    assertThat(f.bar()).isEqualTo(n - 1);
                    assertThat(f.time()).isEqualTo(k.bars.closeTime(n - 1));
                    assertThat(f.referencePrice()).isEqualTo(k.bars.close(n - 1));
                } else {
                    assertThat(f.bar()).isEqualTo(f.decisionBar() + 1);
                    assertThat(f.time()).isEqualTo(k.bars.openTime(f.bar()));
                    assertThat(f.referencePrice()).isEqualTo(k.bars.open(f.bar()));
                    assertThat(decided[f.decisionBar()]).isIn((byte) Label.BUY.index(), (byte) Label.SELL.index());
                    // Slippage always moves the price against the trader.
                    assertThat(f.side() * (f.price() - f.referencePrice())).isGreaterThanOrEqualTo(0);
                }
            }
            assertThat(decided[n - 1]).isEqualTo(Label.NONE);
        });
    }

    @Test
    void finalEquityIsTheCapitalPlusEveryTradesProfitAfterCosts() {
        qt().withExamples(300).forAll(integers().between(2, 80), longs().all()).checkAssert((n, seed) -> {
            Case k = randomCase(n, seed);
            BacktestRun run = new EventBacktester().runProbabilities(k.bars, k.p, k.engine, k.ex, 8766);
            double sum = 0;
            double costs = 0;
            for (Trade t : run.result().trades()) {
                sum += t.pnl();
                costs += t.costs();
            }
            double[] eq = run.result().equity();
            assertThat(eq[eq.length - 1]).isCloseTo(10_000 + sum, within(1e-6));
            assertThat(run.result().metrics().get(Performance.COMMISSION_PAID)).isCloseTo(costs, within(1e-9));
            assertThat(eq.length).isEqualTo(n - run.firstBar());
        });
    }
}
