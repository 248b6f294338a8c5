package dev.ktrdr.training.strategy;

/** The layouts of strategy files. */
public enum StrategyLayout {
    /**
     * The current (v3) layout: {@code training_data}, indicators keyed by id, fuzzy sets with an
     * {@code indicator} reference, hyper-parameters under {@code training}.
     */
    CURRENT,
    /**
     * The older layout (versions 1.x and 2.x): a {@code data:} block, indicators as a list, fuzzy sets
     * keyed by indicator name, hyper-parameters under {@code model.training}.
     */
    LEGACY
}
