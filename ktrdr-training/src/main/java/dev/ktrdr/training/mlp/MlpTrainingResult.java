package dev.ktrdr.training.mlp;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of an MLP training run.
 *
 * @param model the trained model, holding the weights of {@code bestEpoch}
 * @param history one entry per epoch run, in order
 * @param bestEpoch the index in {@code history} (counted from 0) of the epoch whose weights the model holds: the
 *     lowest validation loss (the last epoch when
 *     there is no validation set)
 * @param stoppedEarly true when early stopping ended the run before the epoch limit
 * @param provenance how the model was made (also in {@link MlpModel#provenance()})
 */
public record MlpTrainingResult(MlpModel model, List<EpochStats> history, int bestEpoch, boolean stoppedEarly,
                                Map<String, String> provenance) implements ModelFit {
    /** Checks presence and copies the collections. */
    public MlpTrainingResult {
        Objects.requireNonNull(model, "model");
        history = List.copyOf(history);
        provenance = Map.copyOf(provenance);
    }
}
