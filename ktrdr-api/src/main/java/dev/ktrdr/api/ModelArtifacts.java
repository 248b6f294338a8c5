package dev.ktrdr.api;

import java.util.Objects;

/**
 * Everything a training run hands to a {@link ModelStore}: the model (encoded by its codec), its
 * metadata and the text artefacts stored beside it.
 *
 * @param metadata the model's metadata
 * @param model the trained model
 * @param strategyYaml the exact strategy text used
 * @param scalerJson the scaler fitted on the training split, as JSON
 * @param metricsJson evaluation results (overall, per class, per symbol, generalisation, importance), as JSON
 * @param historyCsv one row per epoch
 */
public record ModelArtifacts(ModelMetadata metadata, TradingModel model, String strategyYaml, String scalerJson,
                             String metricsJson, String historyCsv) {
    /**
     * Checks presence.
     *
     * @param metadata the model's metadata
     * @param model the trained model
     * @param strategyYaml the exact strategy text used
     * @param scalerJson the scaler fitted on the training split, as JSON
     * @param metricsJson evaluation results (overall, per class, per symbol, generalisation, importance), as JSON
     * @param historyCsv one row per epoch
     */
    public ModelArtifacts {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(strategyYaml, "strategyYaml");
        Objects.requireNonNull(scalerJson, "scalerJson");
        Objects.requireNonNull(metricsJson, "metricsJson");
        Objects.requireNonNull(historyCsv, "historyCsv");
    }
}
