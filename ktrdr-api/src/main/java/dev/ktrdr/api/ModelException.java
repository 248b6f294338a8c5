package dev.ktrdr.api;

/**
 * A model that cannot be trained, stored, found or loaded: a checksum mismatch (the message names the
 * file), a format written by a newer library version, a feature spec that does not match what the
 * caller feeds (the message names the first differing feature), or no model in the fallback chain.
 */
public class ModelException extends KtrdrException {
    private static final long serialVersionUID = 1L;

    /** @param message one line: what is wrong and which file or model */
    public ModelException(String message) {
        super(message);
    }

    /**
     * @param message one line: what is wrong and which file or model
     * @param cause underlying failure
     */
    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
