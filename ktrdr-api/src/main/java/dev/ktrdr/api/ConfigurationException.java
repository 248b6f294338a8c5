package dev.ktrdr.api;

/**
 * Bad configuration: a strategy file, a parameter or an option. {@link #path()} is the YAML path of
 * the offending value (for example {@code indicators.rsi_14.period}) or the parameter name, and the
 * message says the value and the allowed range or set.
 */
public class ConfigurationException extends KtrdrException {
    private static final long serialVersionUID = 1L;
    /** YAML path or parameter name of the bad value; may be empty. */
    private final String path;

    /**
     * @param path YAML path or parameter name of the bad value; may be empty for whole-document problems
     * @param message what is wrong with it (value and allowed range)
     */
    public ConfigurationException(String path, String message) {
        super(path == null || path.isEmpty() ? message : path + ": " + message);
        this.path = path == null ? "" : path;
    }

    /**
     * @param path YAML path or parameter name of the bad value
     * @param message what is wrong with it
     * @param cause underlying failure
     */
    public ConfigurationException(String path, String message, Throwable cause) {
        super(path == null || path.isEmpty() ? message : path + ": " + message, cause);
        this.path = path == null ? "" : path;
    }

    /** @return the YAML path or parameter name of the bad value, empty if it concerns the whole input */
    public String path() {
        return path;
    }
}
