package dev.ktrdr.api;

/**
 * Receives progress from long-running work (loading, feature building, training epochs, backtests).
 * Called from worker threads; implementations must be thread-safe and return quickly.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores everything. */
    ProgressListener NONE = event -> { };

    /** @param event what progressed */
    void onProgress(Event event);

    /**
     * @param stage short stage name, e.g. {@code "features"}, {@code "epoch"}
     * @param done units done so far
     * @param total units in all, or -1 when unknown
     * @param message one-line detail, e.g. {@code "EURUSD"} or {@code "val_loss 0.91"}
     */
    record Event(String stage, long done, long total, String message) {
    }
}
