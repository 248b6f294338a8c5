package dev.ktrdr.training.strategy;

import java.util.List;
import java.util.Objects;

/**
 * The {@code model:} section: network type and architecture, symbol encoding, multi-symbol sampling
 * and context features. Immutable.
 *
 * @param type the model type; only {@code mlp} is supported
 * @param architecture the layers
 * @param symbolEncoding how the symbol enters the network
 * @param multiSymbol how rows of several symbols are combined into batches
 * @param features context features added to the fuzzy memberships
 */
public record ModelConfig(String type, Architecture architecture, SymbolEncoding symbolEncoding,
                          MultiSymbol multiSymbol, Features features) {
    /** Checks presence. */
    public ModelConfig {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(symbolEncoding, "symbolEncoding");
        Objects.requireNonNull(multiSymbol, "multiSymbol");
        Objects.requireNonNull(features, "features");
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
