package dev.ktrdr.training.strategy;

import java.util.List;
import java.util.Objects;

/**
 * The {@code model:} section: network type and architecture, symbol encoding, multi-symbol sampling
 * and context features. Immutable.
 *
 * @param type the model type: {@code mlp} or {@code gbdt} (gradient-boosted trees)
 * @param architecture the layers (of an {@code mlp})
 * @param symbolEncoding how the symbol enters the network
 * @param multiSymbol how rows of several symbols are combined into batches
 * @param features context features added to the fuzzy memberships
 * @param gbdt the boosting parameters ({@code model.gbdt}; their defaults for an {@code mlp})
 */
public record ModelConfig(String type, Architecture architecture, SymbolEncoding symbolEncoding,
                          MultiSymbol multiSymbol, Features features, Gbdt gbdt) {
    /** Checks presence. */
    public ModelConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(symbolEncoding, "symbolEncoding");
        Objects.requireNonNull(multiSymbol, "multiSymbol");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(gbdt, "gbdt");
    }

    /**
     * An MLP's model section (the boosting parameters at their defaults).
     *
     * @param type the model type
     * @param architecture the layers
     * @param symbolEncoding how the symbol enters the network
     * @param multiSymbol how rows of several symbols are combined
     * @param features context features
     */
    public ModelConfig(String type, Architecture architecture, SymbolEncoding symbolEncoding, MultiSymbol multiSymbol,
                       Features features) {
        this(type, architecture, symbolEncoding, multiSymbol, features, Gbdt.DEFAULTS);
    }

    /** @return true for gradient-boosted trees ({@code type: gbdt}) */
    public boolean isGbdt() {
        return "gbdt".equals(type);
    }

    /**
     * The {@code model.gbdt:} section: gradient-boosted trees (multiclass, softmax over BUY/HOLD/SELL).
     *
     * @param numTrees boosting rounds at most, in [1, 10000]; early stopping may end sooner
     * @param learningRate shrinkage per round, in (0, 1]
     * @param numLeaves leaves per tree at most, in [2, 4096]
     * @param maxDepth depth per tree at most, in [1, 64], or 0 for no limit beyond {@code numLeaves}
     * @param minDataInLeaf training rows per leaf at least, in [1, 1000000]
     * @param featureFraction share of the columns each tree may split on, in (0, 1]
     * @param earlyStoppingRounds rounds without a lower validation loss before training stops, in [1, 10000]
     *     (used when {@code training.early_stopping.enabled}; the model keeps the best round)
     */
    public record Gbdt(int numTrees, double learningRate, int numLeaves, int maxDepth, int minDataInLeaf,
                       double featureFraction, int earlyStoppingRounds) {
        /** The defaults: 500 trees, learning rate 0.05, 31 leaves, no depth limit, 20 rows per leaf, all columns,
         *  stop after 20 rounds without improvement. */
        public static final Gbdt DEFAULTS = new Gbdt(500, 0.05, 31, 0, 20, 1.0, 20);
    }

    /**
     * @param hiddenLayers sizes of the hidden layers, each ≥ 1
     * @param activation {@code relu}, {@code tanh} or {@code leaky_relu}
     * @param dropout dropout rate in [0, 1)
     */
    public record Architecture(List<Integer> hiddenLayers, String activation, double dropout) {
        /** Copies the list. */
        public Architecture {
            hiddenLayers = List.copyOf(hiddenLayers);
            Objects.requireNonNull(activation, "activation");
        }
    }

    /**
     * @param type {@code none}, {@code one_hot}, {@code index} or {@code embedding}
     * @param dim embedding dimension (≥ 1 for an embedding, 0 otherwise)
     * @param unknownSymbolDropout probability in [0, 1) that a training row's symbol is replaced by the
     *     unknown slot, so that the model learns to serve unseen symbols
     */
    public record SymbolEncoding(String type, int dim, double unknownSymbolDropout) {
        /** Checks presence. */
        public SymbolEncoding {
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * @param balanceStrategy {@code concatenate}, {@code interleave}, {@code balanced} or {@code weighted}
     */
    public record MultiSymbol(String balanceStrategy) {
        /** Checks presence. */
        public MultiSymbol {
            Objects.requireNonNull(balanceStrategy, "balanceStrategy");
        }
    }

    /**
     * @param includePriceContext whether context features (returns, range position, volatility, volume
     *     ratio) are appended
     * @param lookbackPeriods number of lagged copies of the memberships appended (0 = none)
     * @param scaleFeatures whether features are standardised by a scaler fitted on the training split
     */
    public record Features(boolean includePriceContext, int lookbackPeriods, boolean scaleFeatures) {
    }
}
