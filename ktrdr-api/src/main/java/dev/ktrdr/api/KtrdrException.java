package dev.ktrdr.api;

/**
 * Root of the one exception hierarchy of ktrdr-java. Unchecked: a caller catches the subclass it can
 * act on ({@link DataException}, {@link ConfigurationException}, {@link ModelException}) or this type
 * for everything. Messages are one line and name what was wrong and where (file and line, YAML path,
 * parameter and allowed range).
 */
public class KtrdrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** @param message one line saying what is wrong and where */
    public KtrdrException(String message) {
        super(message);
    }

    /**
     * @param message one line saying what is wrong and where
     * @param cause the underlying failure
     */
    public KtrdrException(String message, Throwable cause) {
        super(message, cause);
    }
}
