package dev.ktrdr.training.mlp;

/**
 * The running state of one optimizer over a flat parameter array (moments, momentum buffer or squared-gradient
 * average) and its update step. Not thread-safe: one per training run.
 */
final class OptimizerState {
    private final Optimizer kind;
    private final float beta1;
    private final float beta2;
    private final double epsilon;
    private final float momentum;
    private final float rmsAlpha;
    private final float weightDecay;
    private final float[][] m;
    private final float[][] v;
    private long step;

    OptimizerState(MlpConfig c, float[][] shape) {
        this(c.optimizer(), c.beta1(), c.beta2(), c.epsilon(), c.momentum(), c.rmsAlpha(), c.weightDecay(), shape);
    }

    OptimizerState(Optimizer kind, double beta1, double beta2, double epsilon, double momentum, double rmsAlpha,
                   double weightDecay, float[][] shape) {
        this.kind = kind;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = epsilon;
        this.momentum = (float) momentum;
        this.rmsAlpha = (float) rmsAlpha;
        this.weightDecay = (float) weightDecay;
        this.m = zerosLike(shape);
        this.v = kind == Optimizer.SGD ? null : zerosLike(shape);
    }

    private static float[][] zerosLike(float[][] shape) {
        float[][] z = new float[shape.length][];
        for (int r = 0; r < shape.length; r++) {
            z[r] = new float[shape[r].length];
        }
        return z;
    }

    /** @return the number of steps taken */
    long steps() {
        return step;
    }

    /**
     * Applies one update to every parameter row. Weight decay is added to the gradient first (as torch.optim
     * does); {@code g} is not modified.
     */
    void step(float[][] p, float[][] g, double learningRate) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (learningRate / bc1);
        float invSqrtBc2 = (float) (1 / Math.sqrt(bc2));
        for (int r = 0; r < p.length; r++) {
            stepRow(p[r], g[r], m[r], v == null ? null : v[r], learningRate, stepSize, invSqrtBc2);
        }
    }

    private void stepRow(float[] p, float[] g, float[] m, float[] v, double learningRate, float stepSize,
                         float invSqrtBc2) {
        int n = p.length;
        float wd = weightDecay;
        switch (kind) {
            case ADAM: {
                float eps = (float) epsilon;
                float b1 = beta1;
                float b2 = beta2;
                for (int j = 0; j < n; j++) {
                    float gj = g[j] + wd * p[j];
                    float mj = b1 * m[j] + (1 - b1) * gj;
                    float vj = b2 * v[j] + (1 - b2) * gj * gj;
                    m[j] = mj;
                    v[j] = vj;
                    // m̂ / (sqrt(v̂) + eps), with the bias corrections folded into the scalars
                    p[j] -= stepSize * mj / ((float) Math.sqrt(vj) * invSqrtBc2 + eps);
                }
                break;
            }
            case SGD: {
                float lr = (float) learningRate;
                float mu = momentum;
                boolean first = step == 1;
                for (int j = 0; j < n; j++) {
                    float gj = g[j] + wd * p[j];
                    float bj = first ? gj : mu * m[j] + gj;
                    m[j] = bj;
                    p[j] -= lr * bj;
                }
                break;
            }
            default: {
                float lr = (float) learningRate;
                float a = rmsAlpha;
                float eps = (float) epsilon;
                for (int j = 0; j < n; j++) {
                    float gj = g[j] + wd * p[j];
                    float sj = a * v[j] + (1 - a) * gj * gj;
                    v[j] = sj;
                    p[j] -= lr * gj / ((float) Math.sqrt(sj) + eps);
                }
                break;
            }
        }
    }
}
