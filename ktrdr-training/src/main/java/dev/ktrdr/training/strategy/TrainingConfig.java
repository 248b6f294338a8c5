package dev.ktrdr.training.strategy;

import java.util.Objects;

/**
 * The {@code training:} section (in the older layout, hyper-parameters under {@code model.training} are
 * merged in: they reach the trainer here). Immutable.
 *
 * @param method {@code supervised}
 * @param labels how rows are labelled
 * @param split chronological train / validation / test fractions
 * @param epochs maximum epochs, ≥ 1
 * @param batchSize rows per mini-batch, ≥ 1
 * @param learningRate optimiser step size, &gt; 0
 * @param optimizer {@code adam}, {@code sgd} or {@code rmsprop}
 * @param earlyStopping early stopping on validation loss
 * @param seed the random seed (weights, dropout, shuffles)
 * @param weightDecay L2 weight decay, ≥ 0
 * @param gradientClip largest gradient norm, 0 = off
 * @param classWeights {@code none} or {@code inverse_frequency}
 * @param walkForward walk-forward evaluation, if configured
 * @param minRowsPerSplit {@code training.min_rows_per_split}: the least number of training rows every symbol
 *     must keep after the split and its purge, and the least number of rows of the validation set (when early
 *     stopping is on) and of the test set; training refuses a split below it. Default
 *     {@value #DEFAULT_MIN_ROWS_PER_SPLIT}, range [1, 100000000]
 * @param scale {@code training.samples_per_epoch}, {@code training.threads} and {@code training.feature_cache}
 */
public record TrainingConfig(String method, LabelConfig labels, DataSplit split, int epochs, int batchSize,
                             double learningRate, String optimizer, EarlyStopping earlyStopping, long seed,
                             double weightDecay, double gradientClip, String classWeights, WalkForwardConfig walkForward,
                             int minRowsPerSplit, Scale scale) {
    /** Default of {@code training.min_rows_per_split}. */
    public static final int DEFAULT_MIN_ROWS_PER_SPLIT = 50;

    /**
     * The configuration with the default {@code min_rows_per_split}.
     *
     * @param method {@code supervised}
     * @param labels how rows are labelled
     * @param split fractions
     * @param epochs maximum epochs
     * @param batchSize rows per mini-batch
     * @param learningRate step size
     * @param optimizer optimiser
     * @param earlyStopping early stopping
     * @param seed random seed
     * @param weightDecay L2 weight decay
     * @param gradientClip largest gradient norm
     * @param classWeights class weights
     * @param walkForward walk-forward evaluation
     */
    public TrainingConfig(String method, LabelConfig labels, DataSplit split, int epochs, int batchSize,
                          double learningRate, String optimizer, EarlyStopping earlyStopping, long seed,
                          double weightDecay, double gradientClip, String classWeights, WalkForwardConfig walkForward) {
        this(method, labels, split, epochs, batchSize, learningRate, optimizer, earlyStopping, seed, weightDecay,
                gradientClip, classWeights, walkForward, DEFAULT_MIN_ROWS_PER_SPLIT);
    }

    /**
     * The configuration with default scale settings ({@link Scale#DEFAULTS}).
     *
     * @param method {@code supervised}
     * @param labels how rows are labelled
     * @param split fractions
     * @param epochs maximum epochs
     * @param batchSize rows per mini-batch
     * @param learningRate step size
     * @param optimizer optimiser
     * @param earlyStopping early stopping
     * @param seed random seed
     * @param weightDecay L2 weight decay
     * @param gradientClip largest gradient norm
     * @param classWeights class weights
     * @param walkForward walk-forward evaluation
     * @param minRowsPerSplit least rows per split
     */
    public TrainingConfig(String method, LabelConfig labels, DataSplit split, int epochs, int batchSize,
                          double learningRate, String optimizer, EarlyStopping earlyStopping, long seed,
                          double weightDecay, double gradientClip, String classWeights, WalkForwardConfig walkForward,
                          int minRowsPerSplit) {
        this(method, labels, split, epochs, batchSize, learningRate, optimizer, earlyStopping, seed, weightDecay,
                gradientClip, classWeights, walkForward, minRowsPerSplit, Scale.DEFAULTS);
    }

    /**
     * Settings for large universes.
     *
     * @param samplesPerEpoch {@code training.samples_per_epoch}: the most rows one epoch draws; an epoch whose
     *     balance strategy would draw no more than this is exactly today's epoch (every row, or for
     *     {@code balanced} the largest symbol's rows), a larger one is capped at this many rows, drawn in
     *     O(symbols + rows drawn). 0 = never capped. Default {@value #DEFAULT_SAMPLES_PER_EPOCH}, range [0, 2^31-1]
     * @param threads {@code training.threads}: threads sharing each mini-batch of the MLP, 1..64, or 0 (the
     *     default) for all cores; the same seed and thread count give identical weights, another thread count
     *     gives other (equally valid) weights
     * @param featureCache {@code training.feature_cache}: whether features are kept in the host's feature
     *     store (a folder of per-symbol shards) and reused when the bars and feature settings are unchanged;
     *     default true (the host decides where the store is; without one, nothing is cached)
     */
    public record Scale(int samplesPerEpoch, int threads, boolean featureCache) {
        /** Default of {@code training.samples_per_epoch}. */
        public static final int DEFAULT_SAMPLES_PER_EPOCH = 2_000_000;
        /** The defaults. */
        public static final Scale DEFAULTS = new Scale(DEFAULT_SAMPLES_PER_EPOCH, 0, true);

        /** Checks ranges. */
        public Scale {
            if (samplesPerEpoch < 0) {
                throw new IllegalArgumentException("training.samples_per_epoch " + samplesPerEpoch + " is negative");
            }
            if (threads < 0 || threads > 64) {
                throw new IllegalArgumentException("training.threads " + threads + " is not in [0, 64]");
            }
        }

        /** @return the MLP threads to use: {@link #threads()}, or for 0 the available processors (at most 64) */
        public int resolvedThreads() {
            return threads > 0 ? threads : Math.max(1, Math.min(64, Runtime.getRuntime().availableProcessors()));
        }
    }

    /** Checks presence. */
    public TrainingConfig {
        Objects.requireNonNull(scale, "scale");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(earlyStopping, "earlyStopping");
        Objects.requireNonNull(classWeights, "classWeights");
        if (minRowsPerSplit < 1 || minRowsPerSplit > 100_000_000) {
            throw new IllegalArgumentException("training.min_rows_per_split " + minRowsPerSplit
                    + " is not in [1, 100000000]");
        }
    }

    /** Label sources. */
    public enum LabelSource {
        /** ZigZag segment labels. */
        ZIGZAG("zigzag"),
        /** ZigZag forward-window labels. */
        ZIGZAG_FORWARD("zigzag_forward"),
        /** Triple-barrier labels. */
        TRIPLE_BARRIER("triple_barrier");

        private final String id;

        LabelSource(String id) {
            this.id = id;
        }

        /** @return the id used in files */
        public String id() {
            return id;
        }
    }

    /**
     * {@code training.labels}. Fields not used by the source keep their defaults.
     *
     * @param source the labeler
     * @param zigzagThreshold relative move that confirms a ZigZag extreme, in (0, 1)
     * @param labelLookahead forward window in base bars ({@code zigzag_forward}); accepted but not used for
     *     {@code zigzag}, whose segment labels reach up to the confirmation of each leg's end (older strategy
     *     files set it there)
     * @param minSwingLength least number of bars from a bar to the extreme of its move ({@code zigzag_forward})
     * @param profitTake upper barrier in multiples of rolling volatility ({@code triple_barrier})
     * @param stopLoss lower barrier in multiples of rolling volatility ({@code triple_barrier})
     * @param verticalBarrier bars until the vertical barrier ({@code triple_barrier})
     * @param volatilityWindow bars in the rolling volatility ({@code triple_barrier})
     */
    public record LabelConfig(LabelSource source, double zigzagThreshold, int labelLookahead, int minSwingLength,
                              double profitTake, double stopLoss, int verticalBarrier, int volatilityWindow) {
        /** Checks presence. */
        public LabelConfig {
            Objects.requireNonNull(source, "source");
        }

        /**
         * @return the forward horizon, in base bars, of the labeler this configures; {@link Integer#MAX_VALUE}
         *     for {@code zigzag}, whose horizon is known only after labelling ({@code Labels.horizon()})
         */
        public int horizon() {
            return source == LabelSource.TRIPLE_BARRIER ? verticalBarrier
                    : source == LabelSource.ZIGZAG ? Integer.MAX_VALUE : labelLookahead;
        }
    }

    /**
     * @param train fraction of rows (by time) for training
     * @param validation fraction for validation
     * @param test fraction for testing; the three sum to 1
     */
    public record DataSplit(double train, double validation, double test) {
    }

    /**
     * @param enabled whether training stops early
     * @param patience epochs without improvement before stopping, ≥ 1
     * @param minDelta least decrease of validation loss that counts as an improvement, ≥ 0
     */
    public record EarlyStopping(boolean enabled, int patience, double minDelta) {
    }

    /**
     * {@code training.walk_forward}.
     *
     * @param enabled whether walk-forward folds are evaluated
     * @param folds number of folds, ≥ 1
     * @param expanding true for an expanding training window, false for a rolling one
     */
    public record WalkForwardConfig(boolean enabled, int folds, boolean expanding) {
    }
}
