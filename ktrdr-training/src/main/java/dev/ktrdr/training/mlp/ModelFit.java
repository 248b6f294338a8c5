package dev.ktrdr.training.mlp;

import dev.ktrdr.api.TradingModel;
import java.util.List;
import java.util.Map;

/**
 * What a model trainer of the strategy pipeline hands back, whatever the model type: the MLP's
 * {@link MlpTrainingResult} and the trees' {@code GbdtTrainingResult}.
 */
public interface ModelFit {
    /** @return the trained model */
    TradingModel model();

    /** @return one entry per epoch (MLP) or boosting round (trees), in order */
    List<EpochStats> history();

    /** @return the epoch or round whose model is kept (0-based) */
    int bestEpoch();

    /** @return true when early stopping ended the run before its limit */
    boolean stoppedEarly();

    /** @return how the model was made */
    Map<String, String> provenance();
}
