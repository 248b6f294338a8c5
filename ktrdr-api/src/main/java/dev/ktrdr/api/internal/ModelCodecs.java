package dev.ktrdr.api.internal;

import dev.ktrdr.api.ModelCodec;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.TradingModel;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The registry of {@link ModelCodec}s found with {@link ServiceLoader} on the class path. Lookups are
 * by format id and version only; nothing is instantiated by a name read from a file.
 *
 * <p>Thread-safe; the codec list is read once.
 */
public final class ModelCodecs {
    private static volatile List<ModelCodec> cached;

    private ModelCodecs() {
    }

    /** @return every registered codec */
    public static List<ModelCodec> all() {
        List<ModelCodec> c = cached;
        if (c == null) {
            List<ModelCodec> found = new ArrayList<>();
            ServiceLoader.load(ModelCodec.class, ModelCodecs.class.getClassLoader()).forEach(found::add);
            c = List.copyOf(found);
            cached = c;
        }
        return c;
    }

    /**
     * @param formatId the format id
     * @param version the format version the bytes were written in
     * @param writtenBy the library version that wrote them, for the message
     * @return the codec that reads them
     * @throws ModelException when no codec has the id, or the version is newer than this library reads
     */
    public static ModelCodec forFormat(String formatId, int version, String writtenBy) {
        for (ModelCodec codec : all()) {
            if (codec.formatId().equals(formatId)) {
                if (version > codec.formatVersion()) {
                    throw new ModelException("model format '" + formatId + "' version " + version
                            + " was written by a newer library version " + writtenBy + "; this library reads up to version "
                            + codec.formatVersion());
                }
                if (version < 1) {
                    throw new ModelException("model format '" + formatId + "' version " + version + " is not valid");
                }
                return codec;
            }
        }
        List<String> ids = new ArrayList<>();
        for (ModelCodec codec : all()) {
            ids.add(codec.formatId() + " v" + codec.formatVersion());
        }
        throw new ModelException("no codec for model format '" + formatId + "'; registered: " + ids
                + " (is ktrdr-training on the class path?)");
    }

    /**
     * @param model a model
     * @return the codec that encodes it
     * @throws ModelException when none can
     */
    public static ModelCodec forModel(TradingModel model) {
        for (ModelCodec codec : all()) {
            if (codec.canEncode(model)) {
                return codec;
            }
        }
        throw new ModelException("no registered codec can encode " + model.getClass().getSimpleName());
    }
}
