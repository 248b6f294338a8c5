package dev.ktrdr.api;

import java.util.Optional;

/**
 * Bad market data: a file that cannot be read, a row that breaks a validation rule, a timeframe
 * that cannot be had. When the problem sits in a file, {@link #file()} and {@link #line()} say where
 * (lines are 1-based and count the header).
 */
public class DataException extends KtrdrException {
    private static final long serialVersionUID = 1L;
    /** The file at fault, or null when none is known. */
    private final String file;
    /** The 1-based line at fault, or 0 when the problem is not about one line. */
    private final long line;

    /** @param message one line: what is wrong */
    public DataException(String message) {
        this(message, null, 0, null);
    }

    /**
     * @param message one line: what is wrong
     * @param cause underlying failure, may be null
     */
    public DataException(String message, Throwable cause) {
        this(message, null, 0, cause);
    }

    /**
     * @param message the full one-line message (it should already name file and line)
     * @param file the file concerned, or null
     * @param line the 1-based line, or 0 when not about one line
     * @param cause underlying failure, may be null
     */
    public DataException(String message, String file, long line, Throwable cause) {
        super(message, cause);
        this.file = file;
        this.line = line;
    }

    /** @return the file concerned, if the problem is in a file */
    public Optional<String> file() {
        return Optional.ofNullable(file);
    }

    /** @return the 1-based line in {@link #file()}, or 0 when the problem is not about one line */
    public long line() {
        return line;
    }
}
