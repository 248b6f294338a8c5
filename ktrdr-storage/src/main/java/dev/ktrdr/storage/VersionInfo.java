package dev.ktrdr.storage;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A complete version directory as listed by {@link FileModelStore}: found by name, without reading or
 * verifying its files.
 *
 * @param strategy the strategy it belongs to
 * @param name its parsed directory name (scope, timeframe set, version)
 * @param directory the version directory
 * @param latest true when the {@code latest-{scope}_{timeframes}} pointer names it
 */
public record VersionInfo(String strategy, VersionName name, Path directory, boolean latest) {
    /** Checks presence. */
    public VersionInfo {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(directory, "directory");
    }
}
