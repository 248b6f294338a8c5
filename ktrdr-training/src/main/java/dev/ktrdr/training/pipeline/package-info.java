/**
 * The strategy-driven training path ({@link dev.ktrdr.training.pipeline.StrategyTrainer}), from strategy text and bars to model artefacts.
 */
package dev.ktrdr.training.pipeline;
