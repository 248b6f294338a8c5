package dev.ktrdr.api.internal;

import dev.ktrdr.api.ColumnFrame;
import dev.ktrdr.api.ConfigurationException;

/**
 * Read access to a {@link ColumnFrame}'s own storage of a column, without the copy that
 * {@link ColumnFrame#column} makes. For kernels that read large frames at memory speed: the fuzzy
 * engine reads 67 indicator columns of 100,000 rows per call, and copying them first costs 4 ms of a
 * 20 ms budget.
 *
 * <p>Unsafe by contract, as the name says: the reader receives the frame's array and must only read
 * it, and must not keep it after it returns. Writing it would change the frame for every holder and
 * break its immutability. Everything else should use {@link ColumnFrame#column} or
 * {@link ColumnFrame#copyColumn}.
 */
public final class UnsafeColumns {

    /**
     * Reads a column's storage.
     *
     * @param <R> what the reader returns
     */
    @FunctionalInterface
    public interface Reader<R> {
        /**
         * @param column the frame's column, one value per row: read only, do not keep
         * @return the reader's result
         */
        R read(double[] column);
    }

    /**
     * How this class reaches a frame's storage: installed once by {@link ColumnFrame} itself (its own
     * nested class), so the storage stays out of {@link ColumnFrame}'s public surface.
     */
    public interface Storage {
        /**
         * @param frame a frame
         * @param name one of its columns
         * @return the frame's own array of that column
         */
        double[] of(ColumnFrame frame, String name);
    }

    private static volatile Storage storage;

    private UnsafeColumns() {
    }

    /**
     * Called once, by {@link ColumnFrame}'s class initialisation; refuses any other caller.
     *
     * @param access the frame's own storage access, a class nested in {@link ColumnFrame}
     * @throws IllegalStateException when access is not ColumnFrame's own or one is installed already
     */
    public static synchronized void install(Storage access) {
        if (access == null || access.getClass().getNestHost() != ColumnFrame.class) {
            throw new IllegalStateException("column storage access can only be installed by ColumnFrame");
        }
        if (storage != null) {
            throw new IllegalStateException("column storage access is installed already");
        }
        storage = access;
    }

    /**
     * @param <R> the reader's result type
     * @param frame a frame
     * @param name one of its columns
     * @param reader reads the column without modifying or keeping it
     * @return what the reader returns
     * @throws ConfigurationException listing the available columns when the name is unknown
     */
    public static <R> R read(ColumnFrame frame, String name, Reader<R> reader) {
        return reader.read(storage.of(frame, name));
    }
}
