package dev.ktrdr.api;

import dev.ktrdr.api.internal.SafeNames;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a stored model declares about itself: everything the strategy grammar and the loader need, and
 * how it was made. Written as {@code metadata.json} by ktrdr-storage.
 *
 * @param strategy strategy name
 * @param scope whom the model serves
 * @param symbols training symbols, in training order
 * @param samplesPerSymbol training samples per symbol
 * @param timeframes timeframes of the features, in configured order
 * @param baseTimeframe the base timeframe
 * @param dataStart first base bar used (inclusive)
 * @param dataEnd last base bar used (inclusive)
 * @param deployment what the model may serve
 * @param architecture the feature architecture
 * @param performance headline figures, e.g. {@code test_accuracy}, {@code baseline_accuracy}
 * @param formatId the codec format id of model.bin
 * @param formatVersion the codec format version of model.bin
 * @param libraryVersion the ktrdr-java version that wrote the model
 * @param createdAt when the model was created
 * @param provenance how it was made: strategy hash, data hashes, seed, versions
 */
public record ModelMetadata(String strategy, ModelScope scope, List<Symbol> symbols, Map<Symbol, Long> samplesPerSymbol,
                            List<Timeframe> timeframes, Timeframe baseTimeframe, Instant dataStart, Instant dataEnd,
                            Deployment deployment, FeatureArchitecture architecture, Map<String, Double> performance,
                            String formatId, int formatVersion, String libraryVersion, Instant createdAt,
                            Map<String, String> provenance) {
    /** Validates the strategy name and copies the collections. */
    public ModelMetadata {
        SafeNames.require("strategy name", strategy, 128);
        Objects.requireNonNull(scope, "scope");
        symbols = List.copyOf(symbols);
        samplesPerSymbol = Collections.unmodifiableMap(new LinkedHashMap<>(samplesPerSymbol));
        timeframes = List.copyOf(timeframes);
        Objects.requireNonNull(baseTimeframe, "baseTimeframe");
        if (!timeframes.contains(baseTimeframe)) {
            throw new IllegalArgumentException("base timeframe " + baseTimeframe + " is not among " + timeframes);
        }
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(architecture, "architecture");
        performance = Collections.unmodifiableMap(new LinkedHashMap<>(performance));
        Objects.requireNonNull(formatId, "formatId");
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance));
    }

    /**
     * @param inputSize number of feature columns
     * @param perTimeframe feature columns per timeframe
     * @param symbolEncoding {@code none}, {@code one_hot}, {@code index} or {@code embedding}
     * @param embeddingDim embedding dimension (0 unless the encoding is an embedding)
     * @param featureNames the ordered feature spec
     */
    public record FeatureArchitecture(int inputSize, Map<Timeframe, Integer> perTimeframe, String symbolEncoding,
                                      int embeddingDim, List<String> featureNames) {
        /** Copies the collections. */
        public FeatureArchitecture {
            perTimeframe = Collections.unmodifiableMap(new LinkedHashMap<>(perTimeframe));
            featureNames = List.copyOf(featureNames);
        }
    }
}
