package dev.ktrdr.api;

import dev.ktrdr.api.internal.ModelCodecs;

/**
 * Turns a {@link TradingModel} into bytes and back, for one format id and version. Storage knows models
 * only through codecs: ktrdr-training registers its MLP codec with {@link java.util.ServiceLoader}
 * (file {@code META-INF/services/dev.ktrdr.api.ModelCodec}), and {@link ModelCodecs} finds it by id and
 * version. No Java serialization and no class names read from files.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface ModelCodec {

    /** @return the format id written to metadata, e.g. {@code "ktrdr-mlp"} */
    String formatId();

    /** @return the newest format version this codec writes and reads */
    int formatVersion();

    /**
     * @param model a model
     * @return true when this codec can encode it
     */
    boolean canEncode(TradingModel model);

    /**
     * @param model a model this codec can encode
     * @return its bytes in the current format version
     */
    byte[] encode(TradingModel model);

    /**
     * @param bytes bytes written by this codec, of version ≤ {@link #formatVersion()}
     * @param version the format version they were written in
     * @return the model
     * @throws ModelException when the bytes are damaged or of an unknown version
     */
    TradingModel decode(byte[] bytes, int version);
}
