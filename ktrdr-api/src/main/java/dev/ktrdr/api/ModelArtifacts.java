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
 * @param splitPlanJson the split the model was trained on (rows per symbol per part, purged rows, cuts), as
 *     JSON; empty when the trainer made none (a store then writes no {@code split_plan.json})
 */
public record ModelArtifacts(ModelMetadata metadata, TradingModel model, String strategyYaml, String scalerJson,
                             String metricsJson, String historyCsv, String splitPlanJson) {
    /**
     * Checks presence.
     *
     * @param metadata the model's metadata
     * @param model the trained model
     * @param strategyYaml the exact strategy text used
     * @param scalerJson the scaler fitted on the training split, as JSON
     * @param metricsJson evaluation results (overall, per class, per symbol, generalisation, importance), as JSON
     * @param historyCsv one row per epoch
     * @param splitPlanJson the split plan as JSON, or empty
     */
    public ModelArtifacts {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(strategyYaml, "strategyYaml");
        Objects.requireNonNull(scalerJson, "scalerJson");
        Objects.requireNonNull(metricsJson, "metricsJson");
        Objects.requireNonNull(historyCsv, "historyCsv");
        Objects.requireNonNull(splitPlanJson, "splitPlanJson");
    }

    /**
     * Artifacts without a split plan.
     *
     * @param metadata the model's metadata
     * @param model the trained model
     * @param strategyYaml the exact strategy text used
     * @param scalerJson the scaler, as JSON
     * @param metricsJson evaluation results, as JSON
     * @param historyCsv one row per epoch
     */
    public ModelArtifacts(ModelMetadata metadata, TradingModel model, String strategyYaml, String scalerJson,
                          String metricsJson, String historyCsv) {
        this(metadata, model, strategyYaml, scalerJson, metricsJson, historyCsv, "");
    }
}
