package dev.ktrdr.api.io;

import java.io.IOException;

/**
 * An input or output file refused before or while it was read or written: not a regular file, larger
 * than a limit, expanding beyond a decompression limit, followed by trailing garbage, or not decodable
 * text. {@link #getMessage()} is one line that names the file; callers wrap it in their own exception
 * type with the message unchanged.
 */
public final class FileRefusedException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param message one line naming the file and the problem */
    public FileRefusedException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file and the problem
     * @param cause the underlying failure
     */
    public FileRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
