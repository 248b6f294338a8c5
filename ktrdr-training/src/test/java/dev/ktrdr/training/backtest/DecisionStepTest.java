package dev.ktrdr.training.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.Label;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The decision step shared by the backtest and the live pipeline. */
class DecisionStepTest {

    @Test
    void averageVolumeIsExactAndRecoversTheBarAfterAHugeVolumeLeavesTheWindow() {
        int w = 20;
        DecisionStep step = new DecisionStep(new RuleDecisionEngine(DecisionRules.always(), w, false));
        SplittableRandom r = new SplittableRandom(7);
        double[] v = new double[5_000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i == 1_000 ? 1e300 : i == 2_000 ? 1e15 : 1e6 + r.nextDouble() * 1e-3;
        }
        for (int i = 0; i < v.length; i++) {
            step.addVolume(v[i]);
            double avg = step.averageVolume();
            if (i + 1 < w) {
                assertThat(avg).isNaN();
                continue;
            }
            BigDecimal exact = BigDecimal.ZERO;
            for (int j = i - w + 1; j <= i; j++) {
                exact = exact.add(new BigDecimal(v[j]));
            }
            double want = exact.divide(BigDecimal.valueOf(w), MathContext.DECIMAL128).doubleValue();
            assertThat(Math.abs(avg - want)).as("bar " + i).isLessThanOrEqualTo(1e-9 * Math.abs(want));
        }
    }

    @Test
    void aFlatWindowAveragesToExactlyItsValueAndLabelsBecomeTargets() {
        DecisionStep step = new DecisionStep(new RuleDecisionEngine(DecisionRules.always(), 3, false));
        for (int i = 0; i < 5; i++) {
            step.addVolume(0.1);
        }
        assertThat(step.averageVolume()).isEqualTo(0.1);
        assertThat(step.target(Label.BUY, 0)).isEqualTo(1);
        assertThat(step.target(Label.SELL, 1)).isZero();
        assertThat(step.target(Label.HOLD, 1)).isEqualTo(1);
        DecisionStep shorts = new DecisionStep(new RuleDecisionEngine(DecisionRules.always(), 3, true));
        assertThat(shorts.target(Label.SELL, 0)).isEqualTo(-1);
        assertThat(step.decide(4, 0L, 0.8, 0.1, 0.1, 0, 0.1)).isEqualTo(Label.BUY);
    }
}
