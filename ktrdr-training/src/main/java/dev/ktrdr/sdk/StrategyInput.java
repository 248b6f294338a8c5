package dev.ktrdr.sdk;

import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyYaml;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A strategy as a host hands it over: a file, its text, or a typed {@link Strategy}. Either is validated through the one
 * strategy validation path when a {@link Ktrdr} call uses it; every problem is reported at once with
 * its YAML path.
 *
 * @param yaml the strategy text (either layout)
 * @param source where it came from (a file name), for messages
 */
public record StrategyInput(String yaml, String source) {
    /** Checks presence. */
    public StrategyInput {
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(source, "source");
    }

    /**
     * @param file a strategy file
     * @return its text, read with the library's bounded reader
     * @throws dev.ktrdr.api.ConfigurationException when it cannot be read
     */
    public static StrategyInput file(Path file) {
        return new StrategyInput(StrategyYaml.readText(file), file.toString());
    }

    /**
     * @param yaml strategy text
     * @param source a name for messages
     * @return the input
     */
    public static StrategyInput text(String yaml, String source) {
        return new StrategyInput(yaml, source);
    }

    /**
     * @param strategy a typed strategy (as {@link dev.ktrdr.training.strategy.StrategyLoader} builds it)
     * @return its normalised tree as text; validated again when used
     */
    public static StrategyInput of(Strategy strategy) {
        return new StrategyInput(StrategyYaml.write(strategy.raw()), strategy.name() + " (typed)");
    }
}
