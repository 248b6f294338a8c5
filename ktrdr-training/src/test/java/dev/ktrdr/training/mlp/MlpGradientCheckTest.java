package dev.ktrdr.training.mlp;

import dev.ktrdr.api.Symbol;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The backward pass against central finite differences of the loss, for every parameter of small networks
 * (dropout off, as a finite difference needs a deterministic loss).
 */
class MlpGradientCheckTest {
    private static final int ROWS = 7;
    private static final double H = 5e-3;

    private static final class Case {
        final MlpNetwork net;
        final MlpNetwork.Workspace ws;
        final float[][] x;
        final byte[] labels;
        final int[] slots;
        final float[] classWeight;
        final double gamma;

        Case(MlpArchitecture arch, float[] classWeight, double gamma, long seed) {
            this.net = new MlpNetwork(arch);
            this.ws = new MlpNetwork.Workspace(net, ROWS, true, false);
            SplittableRandom rng = new SplittableRandom(seed);
            x = new float[ROWS][net.features];
            labels = new byte[ROWS];
            slots = new int[ROWS];
            for (int b = 0; b < ROWS; b++) {
                for (int i = 0; i < net.features; i++) {
                    x[b][i] = (float) rng.nextGaussian();
                }
                labels[b] = (byte) rng.nextInt(3);
                slots[b] = rng.nextInt(arch.encoding().unknownSlot() + 1);
            }
            this.classWeight = classWeight;
            this.gamma = gamma;
        }

        double loss(float[][] p) {
            double norm = 0;
            for (int b = 0; b < ROWS; b++) {
                System.arraycopy(x[b], 0, ws.x[0][b], 0, net.features);
                ws.labels[b] = labels[b];
                net.writeSymbolColumns(p, ws, b, slots[b]);
                norm += classWeight[labels[b]];
            }
            net.forward(p, ws, ROWS, 0, null);
            double[] stats = new double[2];
            net.lossAndDelta(ws, ROWS, classWeight, norm, gamma, true, stats);
            return stats[0] / norm;
        }

        /** @return the largest relative disagreement between analytic and numeric gradients */
        double check(long seed) {
            float[][] p = net.newRows();
            net.initialize(p, new SplittableRandom(seed));
            // non-zero biases so that every bias path is exercised
            SplittableRandom rng = new SplittableRandom(seed + 1);
            for (int k = 0; k < net.layers; k++) {
                float[] b = p[net.bRow[k]];
                for (int o = 0; o < b.length; o++) {
                    b[o] = (float) (rng.nextGaussian() * 0.3);
                }
            }
            loss(p);
            ws.clearGradient();
            net.backward(p, ws, ROWS, ws.grad);
            float[][] analytic = new float[p.length][];
            for (int r = 0; r < p.length; r++) {
                analytic[r] = ws.grad[r].clone();
            }
            double worst = 0;
            int checked = 0;
            for (int r = 0; r < p.length; r++) {
                for (int j = 0; j < p[r].length; j++) {
                    float keep = p[r][j];
                    p[r][j] = (float) (keep + H);
                    double up = loss(p);
                    p[r][j] = (float) (keep - H);
                    double down = loss(p);
                    p[r][j] = keep;
                    double numeric = (up - down) / (2 * H);
                    double a = analytic[r][j];
                    double err = Math.abs(a - numeric) / (Math.abs(a) + Math.abs(numeric) + 1e-3);
                    worst = Math.max(worst, err);
                    checked++;
                }
            }
            assertThat(checked).isEqualTo(net.paramCount);
            return worst;
        }
    }

    private static MlpArchitecture arch(Activation a, SymbolEncoding enc) {
        return new MlpArchitecture(MlpTestData.spec(4), enc, List.of(6, 5), a);
    }

    private static final float[] EQUAL = {1f, 1f, 1f};

    @Test
    void reluGradientsMatchFiniteDifferences() {
        assertThat(new Case(arch(Activation.RELU, SymbolEncoding.none()), EQUAL, 0, 1).check(11)).isLessThan(1e-2);
    }

    @Test
    void tanhGradientsMatchFiniteDifferences() {
        assertThat(new Case(arch(Activation.TANH, SymbolEncoding.none()), EQUAL, 0, 2).check(12)).isLessThan(1e-2);
    }

    @Test
    void leakyReluGradientsMatchFiniteDifferences() {
        assertThat(new Case(arch(Activation.LEAKY_RELU, SymbolEncoding.none()), EQUAL, 0, 3).check(13)).isLessThan(1e-2);
    }

    @Test
    void embeddingGradientsMatchFiniteDifferences() {
        SymbolEncoding enc = SymbolEncoding.of(SymbolEncoding.Kind.EMBEDDING,
                List.of(Symbol.of("A"), Symbol.of("B"), Symbol.of("C")), 3, 0);
        assertThat(new Case(arch(Activation.TANH, enc), EQUAL, 0, 4).check(14)).isLessThan(1e-2);
    }

    @Test
    void oneHotAndIndexInputsGetGradientsThroughTheFirstLayer() {
        List<Symbol> v = List.of(Symbol.of("A"), Symbol.of("B"), Symbol.of("C"));
        assertThat(new Case(arch(Activation.TANH, SymbolEncoding.of(SymbolEncoding.Kind.ONE_HOT, v, 0, 0)), EQUAL, 0, 5)
                .check(15)).isLessThan(1e-2);
        assertThat(new Case(arch(Activation.TANH, SymbolEncoding.of(SymbolEncoding.Kind.INDEX, v, 0, 0)), EQUAL, 0, 6)
                .check(16)).isLessThan(1e-2);
    }

    @Test
    void focalLossGradientsMatchFiniteDifferences() {
        assertThat(new Case(arch(Activation.TANH, SymbolEncoding.none()), EQUAL, 2.0, 7).check(17)).isLessThan(1e-2);
        assertThat(new Case(arch(Activation.TANH, SymbolEncoding.none()), EQUAL, 0.5, 8).check(18)).isLessThan(1e-2);
    }

    @Test
    void classWeightedGradientsMatchFiniteDifferences() {
        float[] w = {2.5f, 0.4f, 1.3f};
        assertThat(new Case(arch(Activation.LEAKY_RELU, SymbolEncoding.none()), w, 0, 9).check(19)).isLessThan(1e-2);
        assertThat(new Case(arch(Activation.TANH, SymbolEncoding.none()), w, 2.0, 10).check(20)).isLessThan(1e-2);
    }

    @Test
    void aWrongGradientIsDetected() {
        // the check itself must be able to fail: scaling one analytic row breaks the agreement
        Case c = new Case(arch(Activation.TANH, SymbolEncoding.none()), EQUAL, 0, 21);
        float[][] p = c.net.newRows();
        c.net.initialize(p, new SplittableRandom(22));
        c.loss(p);
        c.ws.clearGradient();
        c.net.backward(p, c.ws, ROWS, c.ws.grad);
        float analytic = c.ws.grad[0][0] * 2;
        float keep = p[0][0];
        p[0][0] = (float) (keep + H);
        double up = c.loss(p);
        p[0][0] = (float) (keep - H);
        double down = c.loss(p);
        double numeric = (up - down) / (2 * H);
        assertThat(Math.abs(analytic - numeric)).isGreaterThan(Math.abs(numeric) * 0.5);
    }
}
