package dev.ktrdr.api;

import java.nio.file.Path;
import java.util.List;

/**
 * Versioned, checksummed, crash-safe model storage (layout in docs/ARCHITECTURE.md, "Model storage"). A
 * version becomes visible only when complete; concurrent writers, threads or processes, get distinct
 * versions; readers verify every checksum and refuse a damaged model naming the file.
 *
 * <p>Implementations are thread-safe and safe against concurrent processes on the same root.
 */
public interface ModelStore {

    /**
     * Writes a new version and makes it the latest of its scope and timeframe set.
     *
     * @param artifacts what to store
     * @return the directory of the new version
     */
    Path save(ModelArtifacts artifacts);

    /**
     * @param versionDirectory a version directory of this store
     * @return the verified, decoded model
     * @throws ModelException naming the file when a checksum fails or the format is unreadable
     */
    StoredModel load(Path versionDirectory);

    /**
     * @param strategy a strategy name
     * @return the complete version directories of that strategy, oldest first per scope
     */
    List<Path> list(String strategy);
}
