package dev.ktrdr.api;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A model as found in a store: where it is, what it declares and the decoded model.
 *
 * @param directory the version directory {@code {root}/{strategy}/{scope}_{timeframes}_v{n}}
 * @param version the version number n
 * @param metadata its metadata
 * @param model the decoded model (checksums verified before decoding)
 */
public record StoredModel(Path directory, int version, ModelMetadata metadata, TradingModel model) {
    /**
     * Checks presence.
     *
     * @param directory the version directory {@code {root}/{strategy}/{scope}_{timeframes}_v{n}}
     * @param version the version number n
     * @param metadata its metadata
     * @param model the decoded model (checksums verified before decoding)
     */
    public StoredModel {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(model, "model");
    }

    /** @return the model's timeframes */
    public List<Timeframe> timeframes() {
        return metadata.timeframes();
    }
}
