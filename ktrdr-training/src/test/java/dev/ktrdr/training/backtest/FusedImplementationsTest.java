package dev.ktrdr.training.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ktrdr.api.Label;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast paths (fused config rule, streaming return statistics) agree with their plain definitions. */
class FusedImplementationsTest {

    @Test
    void theFusedConfigRuleDecidesExactlyAsTheComposedRules() {
        qt().withExamples(200).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            DecisionConfig cfg = DecisionConfig.DEFAULTS.withConfidenceThreshold(rnd.nextDouble())
                    .withPositionAwareness(rnd.nextBoolean()).withAllowShort(rnd.nextBoolean())
                    .withSeparation(Duration.ofHours(rnd.nextInt(4)), rnd.nextInt(4))
                    .withVolumeFilter(rnd.nextBoolean(), rnd.nextDouble() * 2, 20);
            RuleDecisionEngine fused = new RuleDecisionEngine(cfg.rule(), 20, cfg.allowShort());
            RuleDecisionEngine composed = new RuleDecisionEngine(cfg.composedRule(), 20, cfg.allowShort());
            int position = 0;
            for (int i = 0; i < 200; i++) {
                double a = rnd.nextDouble();
                double b = rnd.nextDouble();
                double c = rnd.nextDouble();
                double vol = rnd.nextDouble() * 200;
                double avg = rnd.nextInt(10) == 0 ? Double.NaN : 100;
                Label x = fused.decide(i, i * 3_600_000L, a, b, c, position, vol, avg);
                Label y = composed.decide(i, i * 3_600_000L, a, b, c, position, vol, avg);
                assertThat(x).isEqualTo(y);
                if (x == Label.BUY) {
                    position = 1;
                } else if (x == Label.SELL) {
                    position = cfg.allowShort() ? -1 : 0;
                }
            }
        });
    }

    @Test
    void theReportsStreamingStatisticsEqualTheArrayDefinitions() {
        qt().withExamples(100).forAll(integers().between(3, 300), longs().all()).checkAssert((n, seed) -> {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] eq = new double[n];
            eq[0] = 1000;
            for (int i = 1; i < n; i++) {
                eq[i] = eq[i - 1] * (1 + rnd.nextGaussian() * 0.01);
            }
            Map<String, Double> m = Performance.report(eq, List.of(), new int[0], 1764, eq, 0, 0, 0, 0);
            double[] r = Performance.returns(eq);
            assertThat(m.get(Performance.SHARPE)).isCloseTo(Performance.sharpe(r, 1764), within(1e-9));
            assertThat(m.get(Performance.SORTINO)).isCloseTo(Performance.sortino(r, 1764), within(1e-9));
            assertThat(m.get(Performance.VOLATILITY)).isCloseTo(Performance.standardDeviation(r) * Math.sqrt(1764), within(1e-12));
            assertThat(m.get(Performance.BUY_HOLD_SHARPE)).isCloseTo(Performance.sharpe(r, 1764), within(1e-9));
        });
    }
}
