package dev.ktrdr.training.strategy;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.Deployment;
import dev.ktrdr.api.FuzzySetSpec;
import dev.ktrdr.api.IndicatorSpec;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.indicators.IndicatorCatalog;
import dev.ktrdr.training.backtest.DecisionConfig;
import dev.ktrdr.training.mlp.Activation;
import dev.ktrdr.training.mlp.MlpConfig;
import dev.ktrdr.training.mlp.Optimizer;
import dev.ktrdr.training.mlp.SymbolEncoding;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A validated strategy, in the current (v3) layout whatever layout the file used (older files are
 * migrated in memory first, see {@link StrategyMigrator}). Built only by {@link StrategyLoader}, which
 * reports every problem of a file at once. Immutable and thread-safe.
 *
 * <p>Every section is typed and validated in one pass by the loader: indicators through the indicator
 * catalogue (type, parameter names, kinds and ranges), fuzzy sets through their constructors (shapes,
 * parameter counts and order, input transforms, indicator outputs), {@code nn_inputs} against the sets and
 * timeframes, decisions, labels, split and model. A strategy that loads builds its feature pipeline, labels
 * and decision rules without a configuration error. The {@code indicators} and {@code fuzzy_sets}
 * sections are also kept as trees, for {@link StrategyOverrides}.
 *
 * @param name strategy name (a safe name: it becomes part of model paths)
 * @param description free text, empty when absent
 * @param version the layout version of this (normalised) strategy, always {@code "3.0"}
 * @param scope whom the trained model serves
 * @param trainingData symbols, timeframes and date range to train on
 * @param deployment which symbols and timeframes the model may serve
 * @param indicators the {@code indicators} section, keyed by indicator id, in file order
 * @param fuzzySets the {@code fuzzy_sets} section, keyed by set id, in file order
 * @param nnInputs which fuzzy sets enter the network on which timeframes; empty means every set on every timeframe
 * @param model network architecture, symbol encoding, multi-symbol sampling and context features
 * @param decisions decision rules, for the backtest and live decisions
 * @param training labels, split and hyper-parameters (from {@code training:}, or {@code model.training:} in
 *     the older layout)
 * @param overrides per asset class and per symbol patches
 * @param raw the whole normalised tree (what {@link StrategyOverrides} patches)
 * @param indicatorSpecs the indicators, validated by the catalogue, in file order
 * @param fuzzySetSpecs the fuzzy sets, validated, in file order
 * @param warnings settings that are accepted but have no effect, with their paths (see {@link Problem})
 * @param catalog the indicator catalogue the indicators were validated in (the standard one unless the
 *     loader was given another); equal strategies share it
 */
public record Strategy(String name, String description, String version, Scope scope, TrainingData trainingData,
                       Deployment deployment, Map<String, Object> indicators, Map<String, Object> fuzzySets,
                       List<NnInput> nnInputs, ModelConfig model, DecisionConfig decisions, TrainingConfig training,
                       Overrides overrides, Map<String, Object> raw, List<IndicatorSpec> indicatorSpecs,
                       List<FuzzySetSpec> fuzzySetSpecs, List<Problem> warnings, IndicatorCatalog catalog) {

    /** The current layout version. */
    public static final String CURRENT_VERSION = "3.0";

    /** Checks presence and freezes the collections. */
    public Strategy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(trainingData, "trainingData");
        Objects.requireNonNull(deployment, "deployment");
        indicators = Trees.freeze(indicators);
        fuzzySets = Trees.freeze(fuzzySets);
        nnInputs = List.copyOf(nnInputs);
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(decisions, "decisions");
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(overrides, "overrides");
        raw = Trees.freeze(raw);
        indicatorSpecs = List.copyOf(indicatorSpecs);
        fuzzySetSpecs = List.copyOf(fuzzySetSpecs);
        warnings = List.copyOf(warnings);
        Objects.requireNonNull(catalog, "catalog");
    }

    /**
     * The MLP trainer's settings from {@code model} and {@code training}. The loader builds it once, so a
     * strategy that loads never fails here.
     *
     * @return the trainer configuration
     */
    public MlpConfig mlpConfig() {
        TrainingConfig t = training;
        ModelConfig m = model;
        return MlpConfig.builder()
                .hiddenSizes(m.architecture().hiddenLayers())
                .activation(Activation.parse(m.architecture().activation()))
                .dropout(m.architecture().dropout())
                .optimizer(Optimizer.parse(t.optimizer()))
                .learningRate(t.learningRate())
                .weightDecay(t.weightDecay())
                .gradientClipNorm(t.gradientClip())
                .classWeights(t.classWeights().equals("inverse_frequency"))
                .batchSize(t.batchSize())
                .maxEpochs(t.epochs())
                .patience(t.earlyStopping().enabled() ? t.earlyStopping().patience() : 0)
                .minDelta(t.earlyStopping().minDelta())
                .seed(t.seed())
                .symbolEncoding(SymbolEncoding.Kind.parse(m.symbolEncoding().type()))
                .embeddingDim(m.symbolEncoding().type().equals("embedding") ? m.symbolEncoding().dim() : 1)
                .symbolDropout(m.symbolEncoding().unknownSymbolDropout())
                .threads(t.scale().resolvedThreads())
                .build();
    }

    /** Whom a strategy's model serves. */
    public enum Scope {
        /** Any allowed symbol, including symbols not trained on. */
        UNIVERSAL("universal"),
        /** A group of symbols, e.g. one asset class. */
        SYMBOL_GROUP("symbol_group"),
        /** One symbol. */
        SYMBOL_SPECIFIC("symbol_specific");

        private final String id;

        Scope(String id) {
            this.id = id;
        }

        /** @return the id used in files */
        public String id() {
            return id;
        }
    }

    /**
     * @param symbols which symbols
     * @param timeframes which timeframes, and the base one
     * @param historyRequired bars of history the indicators need before the first usable row, ≥ 0
     * @param startDate first date to train on, inclusive, if limited
     * @param endDate last date to train on, inclusive, if limited
     */
    public record TrainingData(SymbolSelection symbols, TimeframeSelection timeframes, int historyRequired,
                               Optional<LocalDate> startDate, Optional<LocalDate> endDate) {
        /** Checks presence. */
        public TrainingData {
            Objects.requireNonNull(symbols, "symbols");
            Objects.requireNonNull(timeframes, "timeframes");
            Objects.requireNonNull(startDate, "startDate");
            Objects.requireNonNull(endDate, "endDate");
        }
    }

    /**
     * The training symbols: one symbol, a list, or every available symbol of some asset classes.
     *
     * @param mode single or multi-symbol
     * @param list the listed symbols, in file order (empty when selected by asset class only)
     * @param assetClasses asset classes to select from the available symbols (empty when listed)
     */
    public record SymbolSelection(Mode mode, List<Symbol> list, Set<AssetClass> assetClasses) {
        /** Symbol modes. */
        public enum Mode {
            /** One symbol. */
            SINGLE,
            /** Several symbols. */
            MULTI_SYMBOL
        }

        /** Copies the collections. */
        public SymbolSelection {
            Objects.requireNonNull(mode, "mode");
            list = List.copyOf(list);
            assetClasses = Set.copyOf(assetClasses);
        }

        /**
         * Resolves the selection against the symbols a caller has data for.
         *
         * @param available the symbols available, with their asset classes
         * @return the listed symbols, or the available symbols of the selected asset classes in the
         *     order given; never both filters silently: a listed symbol outside the asset classes is kept
         */
        public List<Symbol> resolve(Collection<SymbolInfo> available) {
            if (!list.isEmpty()) {
                return list;
            }
            List<Symbol> out = new ArrayList<>();
            for (SymbolInfo info : available) {
                if (assetClasses.contains(info.assetClass())) {
                    out.add(info.symbol());
                }
            }
            return Collections.unmodifiableList(out);
        }
    }

    /**
     * @param mode single or multi-timeframe
     * @param list timeframes in configured order (the feature order)
     * @param base the base timeframe, one of the list
     */
    public record TimeframeSelection(Mode mode, List<Timeframe> list, Timeframe base) {
        /** Timeframe modes. */
        public enum Mode {
            /** One timeframe. */
            SINGLE,
            /** Several timeframes aligned on the base. */
            MULTI_TIMEFRAME
        }

        /** Copies the list. */
        public TimeframeSelection {
            Objects.requireNonNull(mode, "mode");
            list = List.copyOf(list);
            Objects.requireNonNull(base, "base");
        }
    }

    /**
     * One entry of {@code nn_inputs}.
     *
     * @param fuzzySet the fuzzy set id
     * @param timeframes the timeframes it enters on; empty means all ({@code timeframes: all})
     */
    public record NnInput(String fuzzySet, List<Timeframe> timeframes) {
        /** Copies the list. */
        public NnInput {
            Objects.requireNonNull(fuzzySet, "fuzzySet");
            timeframes = List.copyOf(timeframes);
        }
    }
}
