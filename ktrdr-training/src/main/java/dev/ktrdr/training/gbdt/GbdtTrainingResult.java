package dev.ktrdr.training.gbdt;

import dev.ktrdr.training.mlp.EpochStats;
import dev.ktrdr.training.mlp.ModelFit;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of a tree training run.
 *
 * @param model the trained model, holding the trees of rounds 0 .. {@code bestEpoch}
 * @param history one entry per boosting round run (losses; accuracies, learning rate and gradient norm are NaN
 *     or the configured shrinkage), in order
 * @param bestEpoch the last round kept: the lowest validation loss (the last round without validation rows)
 * @param stoppedEarly true when early stopping ended the run before {@code num_trees} rounds
 * @param provenance how the model was made (also in {@link GbdtModel#provenance()})
 */
public record GbdtTrainingResult(GbdtModel model, List<EpochStats> history, int bestEpoch, boolean stoppedEarly,
                                 Map<String, String> provenance) implements ModelFit {
    /** Checks presence and copies the collections. */
    public GbdtTrainingResult {
        Objects.requireNonNull(model, "model");
        history = List.copyOf(history);
        provenance = Map.copyOf(provenance);
    }
}
