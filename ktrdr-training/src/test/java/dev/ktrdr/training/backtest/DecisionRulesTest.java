package dev.ktrdr.training.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.DecisionEngine;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DecisionRulesTest {
    private static final long H = 3_600_000L;
    private static final DecisionConfig OPEN = DecisionConfig.DEFAULTS.withConfidenceThreshold(0.5)
            .withSeparation(Duration.ZERO, 0).withPositionAwareness(false).withAllowShort(true);

    private static Label buy(RuleDecisionEngine e, int bar, int position) {
        return e.decide(bar, bar * H, 0.7, 0.2, 0.1, position, 100, 100);
    }

    private static Label sell(RuleDecisionEngine e, int bar, int position) {
        return e.decide(bar, bar * H, 0.1, 0.2, 0.7, position, 100, 100);
    }

    @Test
    void theMostProbableClassIsTheCandidateAndHoldStaysHold() {
        RuleDecisionEngine e = RuleDecisionEngine.of(OPEN);
        assertThat(buy(e, 0, 0)).isEqualTo(Label.BUY);
        assertThat(sell(e, 1, 0)).isEqualTo(Label.SELL);
        assertThat(e.decide(2, 2 * H, 0.2, 0.6, 0.2, 0, 1, 1)).isEqualTo(Label.HOLD);
    }

    @Test
    void aSignalBelowTheConfidenceThresholdIsHeldBack() {
        RuleDecisionEngine e = RuleDecisionEngine.of(OPEN.withConfidenceThreshold(0.6));
        assertThat(e.decide(0, 0, 0.59, 0.3, 0.11, 0, 1, 1)).isEqualTo(Label.HOLD);
        assertThat(e.decide(1, H, 0.60, 0.3, 0.10, 0, 1, 1)).isEqualTo(Label.BUY);
    }

    @Test
    void positionAwarenessRefusesABuyWhileLongAndASellWhileShort() {
        RuleDecisionEngine aware = RuleDecisionEngine.of(OPEN.withPositionAwareness(true));
        assertThat(buy(aware, 0, 1)).isEqualTo(Label.HOLD);
        assertThat(sell(aware, 1, -1)).isEqualTo(Label.HOLD);
        assertThat(sell(aware, 2, 1)).isEqualTo(Label.SELL);
        assertThat(buy(aware, 3, -1)).isEqualTo(Label.BUY);
        RuleDecisionEngine unaware = RuleDecisionEngine.of(OPEN);
        assertThat(buy(unaware, 0, 1)).isEqualTo(Label.BUY);
        assertThat(sell(unaware, 1, -1)).isEqualTo(Label.SELL);
    }

    @Test
    void shortingFromFlatCanBeForbiddenWhileASellStillExitsALong() {
        RuleDecisionEngine e = RuleDecisionEngine.of(OPEN.withAllowShort(false));
        assertThat(sell(e, 0, 0)).isEqualTo(Label.HOLD);
        assertThat(sell(e, 1, 1)).isEqualTo(Label.SELL);
        assertThat(RuleDecisionEngine.of(OPEN).decide(0, 0, 0.1, 0.1, 0.8, 0, 1, 1)).isEqualTo(Label.SELL);
    }

    @Test
    void signalsCloserThanTheMinimumBarSeparationAreHeldBack() {
        RuleDecisionEngine e = RuleDecisionEngine.of(OPEN.withSeparation(Duration.ZERO, 3));
        assertThat(buy(e, 10, 0)).isEqualTo(Label.BUY);
        assertThat(sell(e, 11, 1)).isEqualTo(Label.HOLD);
        assertThat(sell(e, 12, 1)).isEqualTo(Label.HOLD);
        assertThat(sell(e, 13, 1)).isEqualTo(Label.SELL);
        // A held-back signal does not restart the clock: 13 was the last emitted one.
        assertThat(buy(e, 15, 0)).isEqualTo(Label.HOLD);
        assertThat(buy(e, 16, 0)).isEqualTo(Label.BUY);
    }

    @Test
    void signalsCloserThanTheMinimumDurationAreHeldBack() {
        RuleDecisionEngine e = RuleDecisionEngine.of(OPEN.withSeparation(Duration.ofHours(4), 0));
        assertThat(buy(e, 0, 0)).isEqualTo(Label.BUY);
        assertThat(sell(e, 3, 1)).isEqualTo(Label.HOLD);
        assertThat(sell(e, 4, 1)).isEqualTo(Label.SELL);
        e.reset();
        assertThat(sell(e, 5, 1)).isEqualTo(Label.SELL);
    }

    @Test
    void theVolumeFilterNeedsEnoughVolumeButPassesWhenTheAverageIsUnknown() {
        RuleDecisionEngine e = RuleDecisionEngine.of(OPEN.withVolumeFilter(true, 0.8, 20));
        assertThat(e.decide(0, 0, 0.7, 0.2, 0.1, 0, 79, 100)).isEqualTo(Label.HOLD);
        assertThat(e.decide(1, H, 0.7, 0.2, 0.1, 0, 80, 100)).isEqualTo(Label.BUY);
        assertThat(e.decide(2, 2 * H, 0.7, 0.2, 0.1, 0, 0, Double.NaN)).isEqualTo(Label.BUY);
    }

    @Test
    void rulesComposeWithAndOrAndNegate() {
        DecisionRule longOnlyBuys = (signal, state) -> signal == Label.BUY;
        DecisionRule confident = DecisionRules.confidenceAtLeast(0.9);
        RuleDecisionEngine and = new RuleDecisionEngine(longOnlyBuys.and(confident), 20, false);
        RuleDecisionEngine or = new RuleDecisionEngine(longOnlyBuys.or(confident), 20, false);
        RuleDecisionEngine not = new RuleDecisionEngine(longOnlyBuys.negate(), 20, false);
        assertThat(and.decide(0, 0, 0.7, 0.2, 0.1, 0, 1, 1)).isEqualTo(Label.HOLD);
        assertThat(and.decide(1, H, 0.95, 0.05, 0, 0, 1, 1)).isEqualTo(Label.BUY);
        assertThat(or.decide(0, 0, 0.7, 0.2, 0.1, 0, 1, 1)).isEqualTo(Label.BUY);
        assertThat(or.decide(1, H, 0.1, 0.2, 0.7, 0, 1, 1)).isEqualTo(Label.HOLD);
        assertThat(or.decide(2, 2 * H, 0.0, 0.05, 0.95, 0, 1, 1)).isEqualTo(Label.SELL);
        assertThat(not.decide(0, 0, 0.7, 0.2, 0.1, 0, 1, 1)).isEqualTo(Label.HOLD);
        assertThat(not.decide(1, H, 0.1, 0.2, 0.7, 0, 1, 1)).isEqualTo(Label.SELL);
    }

    @Test
    void theApiContextGivesTheSameDecisionAsThePrimitiveCall() {
        RuleDecisionEngine e = RuleDecisionEngine.of(OPEN);
        Label l = e.decide(new DecisionEngine.Context(0, 0, new double[] {0.1, 0.2, 0.7}, 0, 1, 1));
        assertThat(l).isEqualTo(Label.SELL);
    }

    @Test
    void nanProbabilitiesAreABrokenModelNamedByBar() {
        RuleDecisionEngine e = RuleDecisionEngine.of(OPEN);
        assertThatThrownBy(() -> e.decide(7, 0, Double.NaN, 0.5, 0.5, 0, 1, 1))
                .isInstanceOf(ModelException.class).hasMessageContaining("bar 7");
    }
}
