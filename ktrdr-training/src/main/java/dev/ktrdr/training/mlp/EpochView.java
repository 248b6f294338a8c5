package dev.ktrdr.training.mlp;

import java.util.Map;
import java.util.function.Supplier;

/**
 * What an {@link EpochListener} may look at after an epoch: the validation predictions computed by the
 * epoch's validation pass (no second pass), and on request a snapshot model with the epoch's weights.
 * Valid only during {@link EpochListener#onEpoch}; not thread-safe.
 */
public final class EpochView {
    private final byte[] validationPredictions;
    private final Supplier<float[]> parameters;
    private final MlpArchitecture architecture;
    private final StandardScaler scaler;
    private MlpModel model;

    EpochView(byte[] validationPredictions, MlpArchitecture architecture, StandardScaler scaler,
              Supplier<float[]> parameters) {
        this.validationPredictions = validationPredictions;
        this.architecture = architecture;
        this.scaler = scaler;
        this.parameters = parameters;
    }

    /**
     * The predicted class (argmax; ties: the lowest index) of every labelled validation row, in the order of
     * the validation lists given to {@link MlpTrainer} (symbol by symbol, rows labelled {@code NONE} left out).
     *
     * @return a copy; empty when there is no validation set
     */
    public byte[] validationPredictions() {
        return validationPredictions.clone();
    }

    /**
     * A model with this epoch's weights (not the best ones), built on the first call (one copy of the
     * parameters), e.g. for permutation importance on a validation sample.
     *
     * @return the snapshot model (empty provenance)
     */
    public MlpModel model() {
        if (model == null) {
            model = new MlpModel(architecture, scaler, parameters.get(), Map.of());
        }
        return model;
    }
}
