package dev.ktrdr.training.gbdt;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.training.mlp.SymbolEncoding;
import dev.ktrdr.training.strategy.ModelConfig;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a gradient-boosted tree run. Everything that decides the trees is here, so that one config, one
 * set of rows and one seed give the same model bytes.
 *
 * @param numTrees boosting rounds at most, in [1, 10000]
 * @param learningRate shrinkage per round, in (0, 1]
 * @param numLeaves leaves per tree at most, in [2, 4096]
 * @param maxDepth depth per tree at most, in [1, 64], or 0 for no limit
 * @param minDataInLeaf training rows per leaf at least, in [1, 1000000]
 * @param featureFraction share of columns per tree, in (0, 1]
 * @param earlyStoppingRounds rounds without a validation loss lower by more than {@code minDelta} before training
 *     stops, in [1, 10000], or 0 for no early stopping (every round runs and the last is kept)
 * @param minDelta the improvement that counts, ≥ 0
 * @param encoding how the symbol enters the trees: none, one_hot or index (no embedding)
 * @param symbolDropout probability in [0, 1) that a training row's symbol is replaced by the unknown slot
 * @param classWeights inverse-frequency class weights (as the MLP's {@code training.class_weights})
 * @param batchSize the sampler's batch size, whose epoch-0 plan sets each symbol's row weight
 * @param seed the seed (bagging, column sampling, symbol dropout)
 * @param threads native threads, in [1, 64]; with LightGBM's deterministic mode the trees do not depend on it
 */
public record GbdtConfig(int numTrees, double learningRate, int numLeaves, int maxDepth, int minDataInLeaf,
                         double featureFraction, int earlyStoppingRounds, double minDelta, SymbolEncoding.Kind encoding,
                         double symbolDropout, boolean classWeights, int batchSize, long seed, int threads) {
    /** Checks every range; the message names the parameter and its allowed range. */
    public GbdtConfig {
        Objects.requireNonNull(encoding, "encoding");
        range("num_trees", numTrees, 1, 10_000);
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new ConfigurationException("learning_rate", learningRate + " is not in (0, 1]");
        }
        range("num_leaves", numLeaves, 2, 4096);
        range("max_depth", maxDepth, 0, 64);
        range("min_data_in_leaf", minDataInLeaf, 1, 1_000_000);
        if (!(featureFraction > 0 && featureFraction <= 1)) {
            throw new ConfigurationException("feature_fraction", featureFraction + " is not in (0, 1]");
        }
        range("early_stopping_rounds", earlyStoppingRounds, 0, 10_000);
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new ConfigurationException("min_delta", minDelta + " is not a finite number ≥ 0");
        }
        if (encoding == SymbolEncoding.Kind.EMBEDDING) {
            throw new ConfigurationException("symbol_encoding", "embedding is not one of [none, one_hot, index] for trees");
        }
        if (!(symbolDropout >= 0 && symbolDropout < 1)) {
            throw new ConfigurationException("unknown_symbol_dropout", symbolDropout + " is not in [0, 1)");
        }
        range("batch_size", batchSize, 1, 1_000_000);
        range("threads", threads, 1, 64);
    }

    private static void range(String name, int v, int min, int max) {
        if (v < min || v > max) {
            throw new ConfigurationException(name, v + " is not in [" + min + ", " + max + "]");
        }
    }

    /**
     * The settings of a strategy: {@code model.gbdt}, {@code model.symbol_encoding}, {@code training.seed},
     * {@code training.class_weights}, {@code training.batch_size} and {@code training.early_stopping}
     * (enabled: {@code model.gbdt.early_stopping_rounds} rounds of patience with its {@code min_delta}).
     *
     * @param s a strategy (any model type; the boosting parameters of an MLP strategy are the defaults)
     * @return the settings
     */
    public static GbdtConfig of(Strategy s) {
        return of(s, SymbolEncoding.Kind.parse(s.model().symbolEncoding().type()),
                s.model().symbolEncoding().unknownSymbolDropout());
    }

    /**
     * The settings of a strategy with another symbol encoding (e.g. trees beside an MLP strategy whose encoding is an
     * embedding, in {@code experiment compare-modes --gbdt}).
     *
     * @param s a strategy
     * @param encoding none, one_hot or index
     * @param symbolDropout unknown-symbol dropout in [0, 1)
     * @return the settings
     */
    public static GbdtConfig of(Strategy s, SymbolEncoding.Kind encoding, double symbolDropout) {
        ModelConfig.Gbdt g = s.model().gbdt();
        TrainingConfig t = s.training();
        return new GbdtConfig(g.numTrees(), g.learningRate(), g.numLeaves(), g.maxDepth(), g.minDataInLeaf(),
                g.featureFraction(), t.earlyStopping().enabled() ? g.earlyStoppingRounds() : 0, t.earlyStopping().minDelta(),
                encoding, symbolDropout, t.classWeights().equals("inverse_frequency"), t.batchSize(), t.seed(), 2);
    }

    /** @return every setting as text, for provenance ({@code gbdt.*}) */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("num_trees", Integer.toString(numTrees));
        m.put("learning_rate", Double.toString(learningRate));
        m.put("num_leaves", Integer.toString(numLeaves));
        m.put("max_depth", Integer.toString(maxDepth));
        m.put("min_data_in_leaf", Integer.toString(minDataInLeaf));
        m.put("feature_fraction", Double.toString(featureFraction));
        m.put("early_stopping_rounds", Integer.toString(earlyStoppingRounds));
        m.put("min_delta", Double.toString(minDelta));
        m.put("symbol_encoding", encoding.id());
        m.put("symbol_dropout", Double.toString(symbolDropout));
        m.put("class_weights", Boolean.toString(classWeights));
        m.put("batch_size", Integer.toString(batchSize));
        m.put("threads", Integer.toString(threads));
        return m;
    }
}
