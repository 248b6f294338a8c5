package dev.ktrdr.training.mlp;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;

import java.util.List;
import java.util.Objects;

/**
 * The shape of a network: its feature spec, symbol encoding, hidden widths and activation. The input layer has
 * {@code features + encoding.columns()} units (scaled features, then the encoding's columns, then — for an
 * embedding — the looked-up vector); the output layer has {@link Label#COUNT} units (BUY 0, HOLD 1, SELL 2)
 * followed by a softmax.
 *
 * <p>Parameters live in one {@code float[]}, in this order: for each weight layer k, its weights in
 * input-major order ({@code W[i * out + o]} connects input i to output o), then its biases; finally the
 * embedding table, {@code (N + 1) × dim} row-major, row N being the unknown symbol.
 *
 * @param featureSpec the raw feature names, in input order
 * @param encoding the symbol encoding
 * @param hiddenSizes hidden layer widths
 * @param activation the hidden activation
 */
public record MlpArchitecture(FeatureSpec featureSpec, SymbolEncoding encoding, List<Integer> hiddenSizes,
                              Activation activation) {

    /** Checks presence and widths, copies the list. */
    public MlpArchitecture {
        Objects.requireNonNull(featureSpec, "featureSpec");
        Objects.requireNonNull(encoding, "encoding");
        Objects.requireNonNull(activation, "activation");
        hiddenSizes = List.copyOf(hiddenSizes);
        for (int i = 0; i < hiddenSizes.size(); i++) {
            if (hiddenSizes.get(i) < 1 || hiddenSizes.get(i) > 65536) {
                throw new ConfigurationException("hidden_layers[" + i + "]", hiddenSizes.get(i) + " is not in [1, 65536]");
            }
        }
        if (featureSpec.size() + encoding.columns() == 0) {
            throw new ConfigurationException("features", "the network has no inputs (no features and no symbol encoding)");
        }
    }

    /** @return the number of raw features */
    public int features() {
        return featureSpec.size();
    }

    /** @return layer widths: input, hidden..., output (3) */
    public int[] layerSizes() {
        int[] s = new int[hiddenSizes.size() + 2];
        s[0] = features() + encoding.columns();
        for (int i = 0; i < hiddenSizes.size(); i++) {
            s[i + 1] = hiddenSizes.get(i);
        }
        s[s.length - 1] = Label.COUNT;
        return s;
    }

    /** @return the number of parameters (weights, biases, embedding table) */
    public int parameterCount() {
        int[] s = layerSizes();
        long n = 0;
        for (int k = 0; k + 1 < s.length; k++) {
            n += (long) s[k] * s[k + 1] + s[k + 1];
        }
        n += (long) encoding.embeddingRows() * encoding.embeddingDim();
        if (n > Integer.MAX_VALUE - 16) {
            throw new ConfigurationException("hidden_layers", "the network would have " + n + " parameters; at most "
                    + (Integer.MAX_VALUE - 16) + " fit");
        }
        return (int) n;
    }
}
