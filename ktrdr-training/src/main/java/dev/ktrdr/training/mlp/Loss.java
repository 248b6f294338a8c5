package dev.ktrdr.training.mlp;

import dev.ktrdr.api.ConfigurationException;

import java.util.Locale;

/**
 * The training loss over the softmax output. Both honour per-class weights: a batch's loss is the weighted
 * sum of its rows' losses divided by the sum of their weights (PyTorch's {@code reduction='mean'} with
 * {@code weight}).
 */
public enum Loss {
    /** Cross-entropy: {@code -log p_y}. */
    CROSS_ENTROPY("cross_entropy"),
    /** Focal loss (Lin et al. 2017): {@code -(1 - p_y)^gamma log p_y}; gamma 0 is cross-entropy. */
    FOCAL("focal");

    private final String id;

    Loss(String id) {
        this.id = id;
    }

    /** @return the lower-case id used in strategy files */
    public String id() {
        return id;
    }

    /**
     * @param text an id, case-insensitive
     * @return the loss
     * @throws ConfigurationException with path {@code loss} listing the valid ids
     */
    public static Loss parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (Loss l : values()) {
            if (l.id.equals(t)) {
                return l;
            }
        }
        throw new ConfigurationException("loss", "'" + text + "' is not a loss; valid: cross_entropy, focal");
    }
}
