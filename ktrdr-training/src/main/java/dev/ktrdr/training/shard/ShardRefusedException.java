package dev.ktrdr.training.shard;

import dev.ktrdr.api.DataException;
import java.nio.file.Path;

/** A shard that may not be read: missing, of another format, truncated, corrupt or built from another key. */
public final class ShardRefusedException extends DataException {
    private static final long serialVersionUID = 1L;

    /**
     * @param file the shard file
     * @param reason why it is refused, completing "shard FILE ..."
     */
    public ShardRefusedException(Path file, String reason) {
        super("shard " + file + " " + reason);
    }
}
