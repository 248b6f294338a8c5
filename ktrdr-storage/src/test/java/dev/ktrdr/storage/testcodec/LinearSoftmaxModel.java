package dev.ktrdr.storage.testcodec;

import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.TradingModel;

/**
 * A tiny deterministic model for storage tests: probabilities = softmax(W x + b), W of 3 x n. The symbol
 * is ignored (every symbol, seen or not, is served the same way).
 */
public final class LinearSoftmaxModel implements TradingModel {
    private final FeatureSpec spec;
    private final double[] weights;
    private final double[] bias;

    /**
     * @param spec feature names
     * @param weights row-major 3 x n
     * @param bias 3 values
     */
    public LinearSoftmaxModel(FeatureSpec spec, double[] weights, double[] bias) {
        if (weights.length != Label.COUNT * spec.size() || bias.length != Label.COUNT) {
            throw new IllegalArgumentException("weights must be 3 x " + spec.size() + " and bias 3");
        }
        this.spec = spec;
        this.weights = weights.clone();
        this.bias = bias.clone();
    }

    /**
     * @param spec names
     * @param seed seed
     * @return a model with pseudo-random weights
     */
    public static LinearSoftmaxModel random(FeatureSpec spec, long seed) {
        java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
        double[] w = new double[Label.COUNT * spec.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = r.nextDouble(-1, 1);
        }
        return new LinearSoftmaxModel(spec, w, new double[] {r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1)});
    }

    double[] weights() {
        return weights.clone();
    }

    double[] bias() {
        return bias.clone();
    }

    @Override
    public FeatureSpec featureSpec() {
        return spec;
    }

    @Override
    public void predict(double[] features, Symbol symbol, double[] probabilities) {
        int n = spec.size();
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < Label.COUNT; k++) {
            double z = bias[k];
            for (int j = 0; j < n; j++) {
                z += weights[k * n + j] * features[j];
            }
            probabilities[k] = z;
            max = Math.max(max, z);
        }
        double sum = 0;
        for (int k = 0; k < Label.COUNT; k++) {
            probabilities[k] = Math.exp(probabilities[k] - max);
            sum += probabilities[k];
        }
        for (int k = 0; k < Label.COUNT; k++) {
            probabilities[k] /= sum;
        }
    }
}
