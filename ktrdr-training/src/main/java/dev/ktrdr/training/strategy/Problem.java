package dev.ktrdr.training.strategy;

import java.util.Objects;

/**
 * One problem found in a strategy file: the YAML path of the offending value (e.g.
 * {@code training_data.timeframes.base_timeframe}) and what is wrong with it (the value and the allowed
 * range or set).
 *
 * @param path dotted YAML path; list elements as {@code key[i]}; empty for whole-document problems
 * @param message the value and the allowed range or set
 */
public record Problem(String path, String message) {
    /** Checks presence. */
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path.isEmpty() ? message : path + ": " + message;
    }
}
