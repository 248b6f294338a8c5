package dev.ktrdr.training.mlp;

import dev.ktrdr.api.ConfigurationException;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything that shapes an MLP training run. Build one with {@link #builder()} (defaults as in the Python
 * original: 64-32 ReLU, dropout 0.2, Adam 0.001, batch 32, 100 epochs, patience 10). Every value is checked
 * here, once, and a bad one raises a {@link ConfigurationException} whose path is the parameter name
 * (e.g. {@code dropout}) and whose message gives the allowed range.
 *
 * @param hiddenSizes widths of the hidden layers, in order, each 1..65536 (may be empty: softmax regression)
 * @param activation hidden-layer activation
 * @param dropout inverted dropout probability on every hidden layer's output, [0, 1)
 * @param optimizer update rule
 * @param learningRate step size, (0, 10]
 * @param momentum SGD momentum, [0, 1)
 * @param beta1 Adam's first-moment decay, [0, 1)
 * @param beta2 Adam's second-moment decay, [0, 1)
 * @param epsilon Adam and RMSProp denominator term, (0, 1]
 * @param rmsAlpha RMSProp's squared-gradient decay, [0, 1)
 * @param weightDecay L2 coefficient added to every parameter's gradient, [0, 1]
 * @param gradientClipNorm largest global gradient L2 norm; larger gradients are scaled down to it; 0 = off
 * @param loss cross-entropy or focal loss
 * @param focalGamma focal loss exponent, [0, 10]; ignored for cross-entropy
 * @param classWeights when true, each class is weighted by n / (3 · count) over the training rows (inverse
 *     frequency, scikit-learn's "balanced")
 * @param batchSize rows per mini-batch for the default batch plan, 1..1048576
 * @param maxEpochs most epochs to run, 1..100000
 * @param patience epochs without a validation-loss improvement larger than {@code minDelta} before stopping;
 *     0 = never stop early
 * @param minDelta the smallest decrease of validation loss that counts as an improvement, ≥ 0
 * @param seed the seed of every random choice (initial weights, dropout, symbol dropout, shuffling)
 * @param symbolEncoding how the row's symbol enters the network
 * @param embeddingDim embedding width for {@link SymbolEncoding.Kind#EMBEDDING}, 1..1024; ignored otherwise
 * @param symbolDropout probability in [0, 1) of training a row as the unknown symbol
 * @param threads threads that share one mini-batch, 1..{@value #MAX_THREADS}; every setting is deterministic
 *     (the parts' gradients are summed in a fixed order), but runs on different thread counts differ because
 *     each part draws its own dropout stream and float sums group differently
 */
public record MlpConfig(List<Integer> hiddenSizes, Activation activation, double dropout, Optimizer optimizer,
                        double learningRate, double momentum, double beta1, double beta2, double epsilon,
                        double rmsAlpha, double weightDecay, double gradientClipNorm, Loss loss, double focalGamma,
                        boolean classWeights, int batchSize, int maxEpochs, int patience, double minDelta, long seed,
                        SymbolEncoding.Kind symbolEncoding, int embeddingDim, double symbolDropout, int threads) {

    /** The most threads one mini-batch is shared between. */
    public static final int MAX_THREADS = 64;

    /** Validates every parameter and copies the list. */
    public MlpConfig {
        hiddenSizes = List.copyOf(Objects.requireNonNull(hiddenSizes, "hiddenSizes"));
        for (int i = 0; i < hiddenSizes.size(); i++) {
            int h = hiddenSizes.get(i);
            if (h < 1 || h > 65536) {
                throw new ConfigurationException("hidden_layers[" + i + "]", h + " is not in [1, 65536]");
            }
        }
        require(activation != null, "activation", "is missing");
        range("dropout", dropout, 0, true, 1, false);
        require(optimizer != null, "optimizer", "is missing");
        range("learning_rate", learningRate, 0, false, 10, true);
        range("momentum", momentum, 0, true, 1, false);
        range("beta1", beta1, 0, true, 1, false);
        range("beta2", beta2, 0, true, 1, false);
        range("epsilon", epsilon, 0, false, 1, true);
        range("rms_alpha", rmsAlpha, 0, true, 1, false);
        range("weight_decay", weightDecay, 0, true, 1, true);
        range("gradient_clip_norm", gradientClipNorm, 0, true, 1e9, true);
        require(loss != null, "loss", "is missing");
        range("focal_gamma", focalGamma, 0, true, 10, true);
        if (batchSize < 1 || batchSize > 1 << 20) {
            throw new ConfigurationException("batch_size", batchSize + " is not in [1, 1048576]");
        }
        if (maxEpochs < 1 || maxEpochs > 100_000) {
            throw new ConfigurationException("epochs", maxEpochs + " is not in [1, 100000]");
        }
        if (patience < 0 || patience > 100_000) {
            throw new ConfigurationException("early_stopping.patience", patience + " is not in [0, 100000]");
        }
        range("early_stopping.min_delta", minDelta, 0, true, 1e9, true);
        require(symbolEncoding != null, "symbol_encoding", "is missing");
        if (symbolEncoding == SymbolEncoding.Kind.EMBEDDING && (embeddingDim < 1 || embeddingDim > 1024)) {
            throw new ConfigurationException("symbol_encoding.embedding_dim", embeddingDim + " is not in [1, 1024]");
        }
        range("symbol_encoding.symbol_dropout", symbolDropout, 0, true, 1, false);
        if (threads < 1 || threads > MAX_THREADS) {
            throw new ConfigurationException("threads", threads + " is not in [1, " + MAX_THREADS + "]");
        }
    }

    private static void require(boolean ok, String path, String message) {
        if (!ok) {
            throw new ConfigurationException(path, message);
        }
    }

    private static void range(String path, double v, double lo, boolean loIn, double hi, boolean hiIn) {
        boolean ok = !Double.isNaN(v) && (loIn ? v >= lo : v > lo) && (hiIn ? v <= hi : v < hi);
        if (!ok) {
            throw new ConfigurationException(path, v + " is not in " + (loIn ? "[" : "(") + lo + ", " + hi
                    + (hiIn ? "]" : ")"));
        }
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this configuration's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.hiddenSizes = hiddenSizes;
        b.activation = activation;
        b.dropout = dropout;
        b.optimizer = optimizer;
        b.learningRate = learningRate;
        b.momentum = momentum;
        b.beta1 = beta1;
        b.beta2 = beta2;
        b.epsilon = epsilon;
        b.rmsAlpha = rmsAlpha;
        b.weightDecay = weightDecay;
        b.gradientClipNorm = gradientClipNorm;
        b.loss = loss;
        b.focalGamma = focalGamma;
        b.classWeights = classWeights;
        b.batchSize = batchSize;
        b.maxEpochs = maxEpochs;
        b.patience = patience;
        b.minDelta = minDelta;
        b.seed = seed;
        b.symbolEncoding = symbolEncoding;
        b.embeddingDim = embeddingDim;
        b.symbolDropout = symbolDropout;
        b.threads = threads;
        return b;
    }

    /**
     * @return every setting as text, keyed by its strategy-file name, sorted (for provenance and reports)
     */
    public Map<String, String> describe() {
        Map<String, String> m = new TreeMap<>();
        m.put("hidden_layers", hiddenSizes.toString());
        m.put("activation", activation.id());
        m.put("dropout", Double.toString(dropout));
        m.put("optimizer", optimizer.id());
        m.put("learning_rate", Double.toString(learningRate));
        m.put("momentum", Double.toString(momentum));
        m.put("beta1", Double.toString(beta1));
        m.put("beta2", Double.toString(beta2));
        m.put("epsilon", Double.toString(epsilon));
        m.put("rms_alpha", Double.toString(rmsAlpha));
        m.put("weight_decay", Double.toString(weightDecay));
        m.put("gradient_clip_norm", Double.toString(gradientClipNorm));
        m.put("loss", loss.id());
        m.put("focal_gamma", Double.toString(focalGamma));
        m.put("class_weights", classWeights ? "inverse_frequency" : "none");
        m.put("batch_size", Integer.toString(batchSize));
        m.put("epochs", Integer.toString(maxEpochs));
        m.put("early_stopping.patience", Integer.toString(patience));
        m.put("early_stopping.min_delta", Double.toString(minDelta));
        m.put("seed", Long.toString(seed));
        m.put("symbol_encoding", symbolEncoding.id());
        m.put("symbol_encoding.embedding_dim", Integer.toString(embeddingDim));
        m.put("symbol_encoding.symbol_dropout", Double.toString(symbolDropout));
        m.put("threads", Integer.toString(threads));
        return m;
    }

    /**
     * Collects settings for {@link MlpConfig}; {@link #build()} validates them. Not thread-safe; use one per
     * thread.
     */
    public static final class Builder {
        private List<Integer> hiddenSizes = List.of(64, 32);
        private Activation activation = Activation.RELU;
        private double dropout = 0.2;
        private Optimizer optimizer = Optimizer.ADAM;
        private double learningRate = 0.001;
        private double momentum = 0.9;
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-8;
        private double rmsAlpha = 0.99;
        private double weightDecay = 0;
        private double gradientClipNorm = 0;
        private Loss loss = Loss.CROSS_ENTROPY;
        private double focalGamma = 2;
        private boolean classWeights;
        private int batchSize = 32;
        private int maxEpochs = 100;
        private int patience = 10;
        private double minDelta = 0;
        private long seed = 42;
        private SymbolEncoding.Kind symbolEncoding = SymbolEncoding.Kind.NONE;
        private int embeddingDim = 8;
        private double symbolDropout = 0;
        private int threads = 1;

        private Builder() {
        }

        /**
         * @param sizes hidden layer widths
         * @return this
         */
        public Builder hiddenSizes(int... sizes) {
            this.hiddenSizes = java.util.Arrays.stream(sizes).boxed().collect(java.util.stream.Collectors.toList());
            return this;
        }

        /**
         * @param sizes hidden layer widths
         * @return this
         */
        public Builder hiddenSizes(List<Integer> sizes) {
            this.hiddenSizes = sizes;
            return this;
        }

        /**
         * @param v activation
         * @return this
         */
        public Builder activation(Activation v) {
            this.activation = v;
            return this;
        }

        /**
         * @param v dropout probability
         * @return this
         */
        public Builder dropout(double v) {
            this.dropout = v;
            return this;
        }

        /**
         * @param v optimizer
         * @return this
         */
        public Builder optimizer(Optimizer v) {
            this.optimizer = v;
            return this;
        }

        /**
         * @param v learning rate
         * @return this
         */
        public Builder learningRate(double v) {
            this.learningRate = v;
            return this;
        }

        /**
         * @param v SGD momentum
         * @return this
         */
        public Builder momentum(double v) {
            this.momentum = v;
            return this;
        }

        /**
         * @param b1 Adam beta1
         * @param b2 Adam beta2
         * @return this
         */
        public Builder betas(double b1, double b2) {
            this.beta1 = b1;
            this.beta2 = b2;
            return this;
        }

        /**
         * @param v Adam / RMSProp epsilon
         * @return this
         */
        public Builder epsilon(double v) {
            this.epsilon = v;
            return this;
        }

        /**
         * @param v RMSProp alpha
         * @return this
         */
        public Builder rmsAlpha(double v) {
            this.rmsAlpha = v;
            return this;
        }

        /**
         * @param v L2 weight decay
         * @return this
         */
        public Builder weightDecay(double v) {
            this.weightDecay = v;
            return this;
        }

        /**
         * @param v gradient clip norm, 0 = off
         * @return this
         */
        public Builder gradientClipNorm(double v) {
            this.gradientClipNorm = v;
            return this;
        }

        /**
         * @param v loss
         * @return this
         */
        public Builder loss(Loss v) {
            this.loss = v;
            return this;
        }

        /**
         * @param v focal gamma
         * @return this
         */
        public Builder focalGamma(double v) {
            this.focalGamma = v;
            return this;
        }

        /**
         * @param v inverse-frequency class weights on or off
         * @return this
         */
        public Builder classWeights(boolean v) {
            this.classWeights = v;
            return this;
        }

        /**
         * @param v batch size
         * @return this
         */
        public Builder batchSize(int v) {
            this.batchSize = v;
            return this;
        }

        /**
         * @param v most epochs
         * @return this
         */
        public Builder maxEpochs(int v) {
            this.maxEpochs = v;
            return this;
        }

        /**
         * @param v early-stopping patience, 0 = off
         * @return this
         */
        public Builder patience(int v) {
            this.patience = v;
            return this;
        }

        /**
         * @param v early-stopping minimum improvement
         * @return this
         */
        public Builder minDelta(double v) {
            this.minDelta = v;
            return this;
        }

        /**
         * @param v seed
         * @return this
         */
        public Builder seed(long v) {
            this.seed = v;
            return this;
        }

        /**
         * @param v symbol encoding
         * @return this
         */
        public Builder symbolEncoding(SymbolEncoding.Kind v) {
            this.symbolEncoding = v;
            return this;
        }

        /**
         * @param v embedding dimension
         * @return this
         */
        public Builder embeddingDim(int v) {
            this.embeddingDim = v;
            return this;
        }

        /**
         * @param v symbol dropout probability
         * @return this
         */
        public Builder symbolDropout(double v) {
            this.symbolDropout = v;
            return this;
        }

        /**
         * @param v threads per batch, 1..{@value MlpConfig#MAX_THREADS}
         * @return this
         */
        public Builder threads(int v) {
            this.threads = v;
            return this;
        }

        /**
         * @return the validated configuration
         * @throws ConfigurationException naming the first bad parameter
         */
        public MlpConfig build() {
            return new MlpConfig(hiddenSizes, activation, dropout, optimizer, learningRate, momentum, beta1, beta2,
                    epsilon, rmsAlpha, weightDecay, gradientClipNorm, loss, focalGamma, classWeights, batchSize,
                    maxEpochs, patience, minDelta, seed, symbolEncoding, embeddingDim, symbolDropout, threads);
        }
    }
}
