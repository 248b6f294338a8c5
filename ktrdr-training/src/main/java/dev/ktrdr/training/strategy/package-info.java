/**
 * Strategy files: loading either layout with safety limits ({@link dev.ktrdr.training.strategy.StrategyYaml}), the typed, validated model ({@link dev.ktrdr.training.strategy.Strategy}), validation that reports every problem with its YAML path, per-asset-class and per-symbol overrides, and migration of the older layout.
 */
package dev.ktrdr.training.strategy;
