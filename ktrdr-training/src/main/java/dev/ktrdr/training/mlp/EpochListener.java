package dev.ktrdr.training.mlp;

/**
 * Receives each finished epoch of {@link MlpTrainer}, after the epoch's validation pass, for per-epoch
 * analytics (precision and recall per class, accuracy per symbol, cheap permutation importance). Called on
 * the training thread; training waits for it, so it should be cheap.
 */
@FunctionalInterface
public interface EpochListener {
    /** A listener that does nothing. */
    EpochListener NONE = (stats, view) -> { };

    /**
     * @param stats the epoch's figures
     * @param view the epoch's validation predictions and weights; valid only during this call
     */
    void onEpoch(EpochStats stats, EpochView view);
}
