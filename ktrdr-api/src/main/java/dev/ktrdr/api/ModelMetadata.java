package dev.ktrdr.api;

import dev.ktrdr.api.internal.SafeNames;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a stored model declares about itself: everything the strategy grammar and the loader need, and
 * how it was made. Written as {@code metadata.json} by ktrdr-storage. Build one with {@link #builder()}
 * (or change one with {@link #toBuilder()}); the builder validates through this record's constructor.
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
 * @param strategyVersion the strategy file's {@code version}; empty when unknown (metadata written before it was kept)
 * @param totalSamples training samples over all symbols, &gt;= 0
 * @param assetClasses the asset classes of the training symbols; empty when unknown (older metadata)
 * @param generalization the leave-one-symbol-out figures, when they were run before the model was stored
 */
public record ModelMetadata(String strategy, ModelScope scope, List<Symbol> symbols, Map<Symbol, Long> samplesPerSymbol,
                            List<Timeframe> timeframes, Timeframe baseTimeframe, Instant dataStart, Instant dataEnd,
                            Deployment deployment, FeatureArchitecture architecture, Map<String, Double> performance,
                            String formatId, int formatVersion, String libraryVersion, Instant createdAt,
                            Map<String, String> provenance, String strategyVersion, long totalSamples,
                            Set<AssetClass> assetClasses, Optional<Generalization> generalization) {
    /**
     * Validates the strategy name and copies the collections.
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
     * @param strategyVersion the strategy file's version, or empty
     * @param totalSamples training samples over all symbols, &gt;= 0
     * @param assetClasses the asset classes of the training symbols, or empty
     * @param generalization the leave-one-symbol-out figures, if run
     */
    public ModelMetadata {
        SafeNames.require("strategy name", strategy, 128);
        Objects.requireNonNull(scope, "scope");
        symbols = List.copyOf(Objects.requireNonNull(symbols, "symbols"));
        samplesPerSymbol = Collections.unmodifiableMap(new LinkedHashMap<>(
                Objects.requireNonNull(samplesPerSymbol, "samplesPerSymbol")));
        timeframes = List.copyOf(Objects.requireNonNull(timeframes, "timeframes"));
        Objects.requireNonNull(baseTimeframe, "baseTimeframe");
        if (!timeframes.contains(baseTimeframe)) {
            throw new IllegalArgumentException("base timeframe " + baseTimeframe + " is not among " + timeframes);
        }
        Objects.requireNonNull(deployment, "deployment");
        Objects.requireNonNull(architecture, "architecture");
        performance = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(performance, "performance")));
        Objects.requireNonNull(formatId, "formatId");
        Objects.requireNonNull(libraryVersion, "libraryVersion");
        Objects.requireNonNull(createdAt, "createdAt");
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(provenance, "provenance")));
        Objects.requireNonNull(strategyVersion, "strategyVersion");
        if (strategyVersion.length() > 64) {
            throw new IllegalArgumentException("strategy version is longer than 64 characters");
        }
        if (totalSamples < 0) {
            throw new IllegalArgumentException("total samples " + totalSamples + " is negative");
        }
        assetClasses = Collections.unmodifiableSet(new TreeSet<>(Objects.requireNonNull(assetClasses, "assetClasses")));
        Objects.requireNonNull(generalization, "generalization");
    }

    /**
     * Metadata without the fields added later (strategy version, total samples, asset classes, generalisation):
     * the total is the sum of the per-symbol samples, the rest unknown.
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
     * @param performance headline figures
     * @param formatId the codec format id of model.bin
     * @param formatVersion the codec format version of model.bin
     * @param libraryVersion the ktrdr-java version that wrote the model
     * @param createdAt when the model was created
     * @param provenance how it was made
     */
    public ModelMetadata(String strategy, ModelScope scope, List<Symbol> symbols, Map<Symbol, Long> samplesPerSymbol,
                         List<Timeframe> timeframes, Timeframe baseTimeframe, Instant dataStart, Instant dataEnd,
                         Deployment deployment, FeatureArchitecture architecture, Map<String, Double> performance,
                         String formatId, int formatVersion, String libraryVersion, Instant createdAt,
                         Map<String, String> provenance) {
        this(strategy, scope, symbols, samplesPerSymbol, timeframes, baseTimeframe, dataStart, dataEnd, deployment,
                architecture, performance, formatId, formatVersion, libraryVersion, createdAt, provenance, "",
                sum(samplesPerSymbol), Set.of(), Optional.empty());
    }

    private static long sum(Map<Symbol, Long> samples) {
        long n = 0;
        for (Long v : Objects.requireNonNull(samples, "samplesPerSymbol").values()) {
            n += v;
        }
        return n;
    }

    /**
     * Leave-one-symbol-out: each training symbol's test rows scored by a model trained on the other symbols, the
     * model's generalisation score, with the per-symbol (majority-class) baseline beside each figure.
     *
     * @param accuracy accuracy over all held-out rows
     * @param baselineAccuracy the held-out symbols' own majority-class baselines, row-weighted
     * @param edge accuracy minus the better of the per-symbol and momentum baselines (NaN when unknown)
     * @param edgeLow lower end of the edge's interval (NaN when unknown)
     * @param edgeHigh upper end of the edge's interval (NaN when unknown)
     * @param perSymbolAccuracy per held-out symbol, its accuracy
     * @param perSymbolBaseline per held-out symbol, its majority-class baseline accuracy
     */
    public record Generalization(double accuracy, double baselineAccuracy, double edge, double edgeLow, double edgeHigh,
                                 Map<Symbol, Double> perSymbolAccuracy, Map<Symbol, Double> perSymbolBaseline) {
        /**
         * Copies the maps; the two maps must name the same symbols.
         *
         * @param accuracy accuracy over all held-out rows
         * @param baselineAccuracy the held-out symbols' own majority-class baselines, row-weighted
         * @param edge accuracy minus the better of the per-symbol and momentum baselines (NaN when unknown)
         * @param edgeLow lower end of the edge's interval (NaN when unknown)
         * @param edgeHigh upper end of the edge's interval (NaN when unknown)
         * @param perSymbolAccuracy per held-out symbol, its accuracy
         * @param perSymbolBaseline per held-out symbol, its majority-class baseline accuracy
         */
        public Generalization {
            perSymbolAccuracy = Collections.unmodifiableMap(new LinkedHashMap<>(perSymbolAccuracy));
            perSymbolBaseline = Collections.unmodifiableMap(new LinkedHashMap<>(perSymbolBaseline));
            if (!perSymbolAccuracy.keySet().equals(perSymbolBaseline.keySet())) {
                throw new IllegalArgumentException("generalization: per-symbol accuracy names " + perSymbolAccuracy.keySet()
                        + " but the per-symbol baseline names " + perSymbolBaseline.keySet());
            }
        }
    }

    /** @return an empty builder; performance and provenance start empty, everything else must be set */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder holding this metadata's values, to make a changed copy */
    public Builder toBuilder() {
        return new Builder().strategy(strategy).scope(scope).symbols(symbols).samplesPerSymbol(samplesPerSymbol)
                .timeframes(timeframes).baseTimeframe(baseTimeframe).dataRange(dataStart, dataEnd)
                .deployment(deployment).architecture(architecture).performance(performance)
                .format(formatId, formatVersion).libraryVersion(libraryVersion).createdAt(createdAt)
                .provenance(provenance).strategyVersion(strategyVersion).totalSamples(totalSamples)
                .assetClasses(assetClasses).generalization(generalization.orElse(null));
    }

    /**
     * Collects the fields of a {@link ModelMetadata} by name. It checks nothing itself: {@link #build()}
     * calls the record's constructor, the one validation path. Not thread-safe; reusable.
     */
    public static final class Builder {
        private String strategy;
        private ModelScope scope;
        private List<Symbol> symbols;
        private Map<Symbol, Long> samplesPerSymbol;
        private List<Timeframe> timeframes;
        private Timeframe baseTimeframe;
        private Instant dataStart;
        private Instant dataEnd;
        private Deployment deployment;
        private FeatureArchitecture architecture;
        private Map<String, Double> performance = Map.of();
        private String formatId;
        private int formatVersion;
        private String libraryVersion;
        private Instant createdAt;
        private Map<String, String> provenance = Map.of();
        private String strategyVersion = "";
        private Long totalSamples; // null: the sum of the per-symbol samples
        private Set<AssetClass> assetClasses = Set.of();
        private Generalization generalization;

        private Builder() {
        }

        /**
         * @param value the strategy file's version (default: empty, unknown)
         * @return this builder
         */
        public Builder strategyVersion(String value) {
            strategyVersion = value;
            return this;
        }

        /**
         * @param value training samples over all symbols (default: the sum of the per-symbol samples)
         * @return this builder
         */
        public Builder totalSamples(long value) {
            totalSamples = value;
            return this;
        }

        /**
         * @param value the asset classes of the training symbols (default: none, unknown)
         * @return this builder
         */
        public Builder assetClasses(Set<AssetClass> value) {
            assetClasses = value;
            return this;
        }

        /**
         * @param value the leave-one-symbol-out figures, or null when not run (default)
         * @return this builder
         */
        public Builder generalization(Generalization value) {
            generalization = value;
            return this;
        }

        /**
         * @param value strategy name
         * @return this builder
         */
        public Builder strategy(String value) {
            strategy = value;
            return this;
        }

        /**
         * @param value whom the model serves
         * @return this builder
         */
        public Builder scope(ModelScope value) {
            scope = value;
            return this;
        }

        /**
         * @param value training symbols, in training order
         * @return this builder
         */
        public Builder symbols(List<Symbol> value) {
            symbols = value;
            return this;
        }

        /**
         * @param value training samples per symbol
         * @return this builder
         */
        public Builder samplesPerSymbol(Map<Symbol, Long> value) {
            samplesPerSymbol = value;
            return this;
        }

        /**
         * @param value timeframes of the features, in configured order
         * @return this builder
         */
        public Builder timeframes(List<Timeframe> value) {
            timeframes = value;
            return this;
        }

        /**
         * @param value the base timeframe, one of {@link #timeframes}
         * @return this builder
         */
        public Builder baseTimeframe(Timeframe value) {
            baseTimeframe = value;
            return this;
        }

        /**
         * @param start first base bar used (inclusive)
         * @param end last base bar used (inclusive)
         * @return this builder
         */
        public Builder dataRange(Instant start, Instant end) {
            dataStart = start;
            dataEnd = end;
            return this;
        }

        /**
         * @param value what the model may serve
         * @return this builder
         */
        public Builder deployment(Deployment value) {
            deployment = value;
            return this;
        }

        /**
         * @param value the feature architecture
         * @return this builder
         */
        public Builder architecture(FeatureArchitecture value) {
            architecture = value;
            return this;
        }

        /**
         * @param value headline figures (default: none)
         * @return this builder
         */
        public Builder performance(Map<String, Double> value) {
            performance = value;
            return this;
        }

        /**
         * @param id the codec format id of model.bin
         * @param version the codec format version of model.bin
         * @return this builder
         */
        public Builder format(String id, int version) {
            formatId = id;
            formatVersion = version;
            return this;
        }

        /**
         * @param value the ktrdr-java version that wrote the model
         * @return this builder
         */
        public Builder libraryVersion(String value) {
            libraryVersion = value;
            return this;
        }

        /**
         * @param value when the model was created
         * @return this builder
         */
        public Builder createdAt(Instant value) {
            createdAt = value;
            return this;
        }

        /**
         * @param value how it was made (default: nothing)
         * @return this builder
         */
        public Builder provenance(Map<String, String> value) {
            provenance = value;
            return this;
        }

        /**
         * @return the metadata, validated by the record's constructor
         * @throws ConfigurationException when the strategy name is not a safe name
         * @throws NullPointerException naming the first required field that was not set
         * @throws IllegalArgumentException when the base timeframe is not among the timeframes
         */
        public ModelMetadata build() {
            return new ModelMetadata(strategy, scope, symbols, samplesPerSymbol, timeframes, baseTimeframe, dataStart,
                    dataEnd, deployment, architecture, performance, formatId, formatVersion, libraryVersion, createdAt,
                    provenance, strategyVersion, totalSamples == null ? sum(samplesPerSymbol) : totalSamples,
                    assetClasses, Optional.ofNullable(generalization));
        }
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
        /**
         * Copies the collections.
         *
         * @param inputSize number of feature columns
         * @param perTimeframe feature columns per timeframe
         * @param symbolEncoding {@code none}, {@code one_hot}, {@code index} or {@code embedding}
         * @param embeddingDim embedding dimension (0 unless the encoding is an embedding)
         * @param featureNames the ordered feature spec
         */
        public FeatureArchitecture {
            perTimeframe = Collections.unmodifiableMap(new LinkedHashMap<>(perTimeframe));
            featureNames = List.copyOf(featureNames);
        }
    }
}
