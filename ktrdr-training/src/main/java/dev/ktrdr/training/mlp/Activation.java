package dev.ktrdr.training.mlp;

import dev.ktrdr.api.ConfigurationException;

import java.util.Locale;

/**
 * Hidden-layer activation functions of the MLP. The leaky ReLU slope for negative inputs is
 * {@link #LEAKY_SLOPE} (PyTorch's default).
 */
public enum Activation {
    /** max(0, z). */
    RELU("relu"),
    /** tanh(z). */
    TANH("tanh"),
    /** z for z &gt; 0, 0.01 z otherwise. */
    LEAKY_RELU("leaky_relu");

    /** The slope of {@link #LEAKY_RELU} for negative inputs. */
    public static final float LEAKY_SLOPE = 0.01f;

    private final String id;

    Activation(String id) {
        this.id = id;
    }

    /** @return the lower-case id used in strategy files, e.g. {@code leaky_relu} */
    public String id() {
        return id;
    }

    /**
     * @param text an id, case-insensitive ({@code relu}, {@code tanh}, {@code leaky_relu}; {@code leakyrelu} too)
     * @return the activation
     * @throws ConfigurationException with path {@code activation} listing the valid ids
     */
    public static Activation parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        if ("leakyrelu".equals(t)) {
            return LEAKY_RELU;
        }
        for (Activation a : values()) {
            if (a.id.equals(t)) {
                return a;
            }
        }
        throw new ConfigurationException("activation", "'" + text + "' is not an activation; valid: relu, tanh, leaky_relu");
    }
}
