package dev.ktrdr.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Runs the whole training path for one or many symbols: strategy → bars → features and labels per
 * symbol (kept paired) → chronological purged splits → sampler → model → evaluation, reporting through
 * a {@link ProgressListener}. Independent symbols are prepared in parallel.
 *
 * <p>Deterministic: the same request (strategy, data, seed) gives identical weights. Implementations
 * are thread-safe; one call uses the threads it is configured with.
 */
@FunctionalInterface
public interface ModelTrainer {

    /**
     * @param request what to train on
     * @param progress receives progress events
     * @return the trained model and everything to store with it
     * @throws ConfigurationException for an invalid strategy (with its YAML path)
     * @throws DataException when bars are missing or invalid
     */
    TrainingResult train(TrainingRequest request, ProgressListener progress);

    /**
     * @param strategyYaml the strategy text, current or older layout
     * @param strategySource where the text came from, for messages (a file name)
     * @param data where bars come from
     * @param symbolInfo asset class, calendar and group of each symbol
     * @param symbols symbols to train on; empty means the strategy's own list
     * @param timeframes timeframes to use; empty means the strategy's own list
     */
    record TrainingRequest(String strategyYaml, String strategySource, BarSource data,
                           Function<Symbol, SymbolInfo> symbolInfo, List<Symbol> symbols, List<Timeframe> timeframes) {
        /**
         * Checks presence and copies the lists.
         *
         * @param strategyYaml the strategy text, current or older layout
         * @param strategySource where the text came from, for messages (a file name)
         * @param data where bars come from
         * @param symbolInfo asset class, calendar and group of each symbol
         * @param symbols symbols to train on; empty means the strategy's own list
         * @param timeframes timeframes to use; empty means the strategy's own list
         */
        public TrainingRequest {
            Objects.requireNonNull(strategyYaml, "strategyYaml");
            Objects.requireNonNull(strategySource, "strategySource");
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(symbolInfo, "symbolInfo");
            symbols = List.copyOf(symbols);
            timeframes = List.copyOf(timeframes);
        }
    }

    /**
     * @param artifacts the model and what to store with it
     * @param summary headline figures: {@code test_accuracy}, {@code baseline_accuracy}, per-symbol
     *     {@code test_accuracy.{SYMBOL}}, {@code generalization_accuracy}, ...
     */
    record TrainingResult(ModelArtifacts artifacts, Map<String, Double> summary) {
        /**
         * Copies the summary.
         *
         * @param artifacts the model and what to store with it
         * @param summary headline figures: {@code test_accuracy}, {@code baseline_accuracy}, per-symbol
         *     {@code test_accuracy.{SYMBOL}}, {@code generalization_accuracy}, ...
         */
        public TrainingResult {
            Objects.requireNonNull(artifacts, "artifacts");
            summary = Map.copyOf(summary);
        }
    }
}
