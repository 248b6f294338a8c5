package dev.ktrdr.training.onnx;

import ai.onnx.proto.OnnxMl;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.io.AtomicFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Exports stored models to ONNX through the {@link OnnxExporter} registered for the model's format id
 * ({@code metadata.json}'s {@code format_id}). {@link #defaults()} knows the MLP; another model type adds its
 * exporter with {@link #with(OnnxExporter)}:
 * <pre>{@code
 * OnnxExport export = OnnxExport.defaults().with(new TreeOnnxExporter());
 * export.write(store.load(versionDir), Path.of("model.onnx"));
 * }</pre>
 * Immutable and thread-safe.
 */
public final class OnnxExport {
    private final Map<String, OnnxExporter> exporters;

    private OnnxExport(Map<String, OnnxExporter> exporters) {
        this.exporters = Map.copyOf(exporters);
    }

    /** @return the exporters of the library's own model types (the MLP and the gradient-boosted trees) */
    public static OnnxExport defaults() {
        return new OnnxExport(Map.of()).with(new MlpOnnxExporter())
                .with(new dev.ktrdr.training.gbdt.onnx.GbdtOnnxExporter());
    }

    /**
     * @param exporter an exporter; it replaces one registered for the same format id
     * @return a registry with it
     */
    public OnnxExport with(OnnxExporter exporter) {
        Objects.requireNonNull(exporter, "exporter");
        Map<String, OnnxExporter> copy = new LinkedHashMap<>(exporters);
        copy.put(Objects.requireNonNull(exporter.formatId(), "formatId"), exporter);
        return new OnnxExport(copy);
    }

    /** @return the format ids that can be exported, sorted (a stable order for messages and listings) */
    public Set<String> formats() {
        return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(exporters.keySet()));
    }

    /**
     * @param model a stored model
     * @return its ONNX model
     * @throws ModelException when no exporter knows its format id (naming those that are known) or the exporter
     *     refuses the model
     */
    public OnnxMl.ModelProto export(StoredModel model) {
        String format = model.metadata().formatId();
        OnnxExporter exporter = exporters.get(format);
        if (exporter == null) {
            throw OnnxModels.refuse(model, "no ONNX exporter for model format '" + format + "'; known: "
                    + new java.util.TreeSet<>(exporters.keySet()));
        }
        return exporter.export(model);
    }

    /**
     * Exports and writes the file atomically (a reader never sees half a file; a failure leaves no file).
     *
     * @param model a stored model
     * @param file the {@code .onnx} file to write (replaced if present)
     * @return the number of bytes written
     * @throws ModelException as {@link #export}
     * @throws UncheckedIOException when the file cannot be written
     */
    public long write(StoredModel model, Path file) {
        byte[] bytes = export(model).toByteArray();
        try {
            AtomicFiles.writeBytes(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        return bytes.length;
    }
}
