package dev.ktrdr.training.mlp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Optimizer steps against hand calculations. Reference values: the update formulas (Adam: Kingma and Ba 2015,
 * Algorithm 1 with bias correction; SGD momentum and RMSProp as torch.optim 2.6 documents them) evaluated step by
 * step in Python 3 float64 for p0 = 1, lr = 0.1 and gradients 0.5, -0.2, 0.3.
 */
class OptimizerStateTest {
    private static final float[] GRADS = {0.5f, -0.2f, 0.3f};

    private static float[] run(Optimizer kind, double weightDecay, int steps) {
        OptimizerState s = new OptimizerState(kind, 0.9, 0.999, 1e-8, 0.9, 0.99, weightDecay, new float[][]{{0f}});
        float[][] p = {{1f}};
        float[] trace = new float[steps];
        for (int t = 0; t < steps; t++) {
            s.step(p, new float[][]{{GRADS[t]}}, 0.1);
            trace[t] = p[0][0];
        }
        return trace;
    }

    @Test
    void adamDividesBySquareRootOfSecondMomentWithBiasCorrection() {
        float[] p = run(Optimizer.ADAM, 0, 3);
        assertThat((double) p[0]).isCloseTo(0.900000002, within(1e-6));
        assertThat((double) p[1]).isCloseTo(0.8654394181165108, within(1e-6));
        assertThat((double) p[2]).isCloseTo(0.8109953836811554, within(1e-6));
        // Tribuo 4.3.2's Adam multiplies by sqrt(v): its first step would be 1 - 0.1 * 0.5 * 0.5 = 0.975
        assertThat(p[0]).isLessThan(0.95f);
    }

    @Test
    void adamAddsWeightDecayToTheGradient() {
        float[] p = run(Optimizer.ADAM, 0.1, 2);
        assertThat((double) p[1]).isCloseTo(0.8475190629593703, within(1e-6));
    }

    @Test
    void sgdUsesMomentumBufferStartingAtTheFirstGradient() {
        float[] p = run(Optimizer.SGD, 0, 3);
        assertThat((double) p[0]).isCloseTo(0.95, within(1e-6));
        assertThat((double) p[1]).isCloseTo(0.925, within(1e-6));
        assertThat((double) p[2]).isCloseTo(0.8725, within(1e-6));
    }

    @Test
    void rmsPropDividesByRootMeanSquare() {
        float[] p = run(Optimizer.RMSPROP, 0, 3);
        assertThat((double) p[0]).isCloseTo(2.0e-7, within(1e-6));
        assertThat((double) p[1]).isCloseTo(0.37300205373088113, within(1e-5));
        assertThat((double) p[2]).isCloseTo(-0.11714094758492366, within(1e-5));
    }
}
