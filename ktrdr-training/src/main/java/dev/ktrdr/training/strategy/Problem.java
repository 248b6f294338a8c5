package dev.ktrdr.training.strategy;

import dev.ktrdr.api.ConfigurationException;
import java.util.List;
import java.util.Objects;

/**
 * One problem found in a strategy file: the YAML path of the offending value (e.g.
 * {@code training_data.timeframes.base_timeframe}), what is wrong with it (the value and the allowed
 * range or set) and whether it blocks loading.
 *
 * <p>An {@linkplain Severity#ERROR error} refuses the file. A {@linkplain Severity#WARNING warning} marks
 * a setting that is accepted but has no effect (a key the chosen label source does not read, such as
 * {@code label_lookahead} with {@code zigzag}): the strategy loads, and {@code ktrdr strategy validate},
 * {@code train} and {@code backtest} print it.
 *
 * @param path dotted YAML path; list elements as {@code key[i]}; empty for whole-document problems
 * @param message the value and the allowed range or set
 * @param severity whether it blocks loading
 */
public record Problem(String path, String message, Severity severity) {
    /** Whether a problem blocks loading. */
    public enum Severity {
        /** The file is refused. */
        ERROR,
        /** The setting is accepted but has no effect. */
        WARNING
    }

    /** Checks presence. */
    public Problem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(severity, "severity");
    }

    /**
     * An error.
     *
     * @param path dotted YAML path
     * @param message the value and the allowed range or set
     */
    public Problem(String path, String message) {
        this(path, message, Severity.ERROR);
    }

    /**
     * @param path dotted YAML path
     * @param message why the setting has no effect
     * @return a warning
     */
    public static Problem warning(String path, String message) {
        return new Problem(path, message, Severity.WARNING);
    }

    /**
     * @param e a configuration error of a library part (indicators, fuzzy sets), whose message starts with its path
     * @return it as an error with the same path and the message without the path
     */
    public static Problem of(ConfigurationException e) {
        String m = e.getMessage();
        String prefix = e.path() + ": ";
        return new Problem(e.path(), !e.path().isEmpty() && m.startsWith(prefix) ? m.substring(prefix.length()) : m);
    }

    /** @return true for an error */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * @param problems problems of one file
     * @return the errors among them, in order
     */
    public static List<Problem> errors(List<Problem> problems) {
        return problems.stream().filter(Problem::isError).toList();
    }

    /**
     * @param problems problems of one file
     * @return the warnings among them, in order
     */
    public static List<Problem> warnings(List<Problem> problems) {
        return problems.stream().filter(p -> !p.isError()).toList();
    }

    /** @return {@code path: message}, preceded by {@code warning: } for a warning */
    @Override
    public String toString() {
        String s = path.isEmpty() ? message : path + ": " + message;
        return isError() ? s : "warning: " + s;
    }
}
