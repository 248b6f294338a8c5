package dev.ktrdr.training.mlp;

import dev.ktrdr.api.ConfigurationException;

import java.util.Locale;

/**
 * The update rules the MLP trainer offers. Each follows PyTorch 2.x's definition, so that settings carried over
 * from the Python original mean the same thing; weight decay is added to the gradient (L2, "coupled"), as
 * {@code torch.optim}'s {@code weight_decay} does.
 */
public enum Optimizer {
    /**
     * Adam (Kingma and Ba 2015): {@code m = b1 m + (1-b1) g}, {@code v = b2 v + (1-b2) g²},
     * {@code p -= lr · (m / (1-b1^t)) / (sqrt(v / (1-b2^t)) + eps)}.
     */
    ADAM("adam"),
    /** SGD with momentum: {@code buf = mu buf + g} (buf = g on the first step), {@code p -= lr buf}. */
    SGD("sgd"),
    /** RMSProp: {@code s = a s + (1-a) g²}, {@code p -= lr g / (sqrt(s) + eps)}. */
    RMSPROP("rmsprop");

    private final String id;

    Optimizer(String id) {
        this.id = id;
    }

    /** @return the lower-case id used in strategy files */
    public String id() {
        return id;
    }

    /**
     * @param text an id, case-insensitive
     * @return the optimizer
     * @throws ConfigurationException with path {@code optimizer} listing the valid ids
     */
    public static Optimizer parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Optimizer o : values()) {
            if (o.id.equals(t)) {
                return o;
            }
        }
        throw new ConfigurationException("optimizer", "'" + text + "' is not an optimizer; valid: adam, sgd, rmsprop");
    }
}
