package dev.ktrdr.training.onnx;

import ai.onnx.proto.OnnxMl;
import dev.ktrdr.api.StoredModel;

/**
 * Turns one kind of stored model into an ONNX model. Exporters are keyed by the codec format id that
 * {@code metadata.json} records ({@code format_id}, e.g. {@code ktrdr-mlp}); {@link OnnxExport} picks the exporter
 * of a stored model by it, so another model type plugs in with {@link OnnxExport#with(OnnxExporter)}.
 *
 * <p>The contract every exporter keeps, so that a host treats all exported models alike:
 * <ul>
 *   <li>input {@value OnnxModels#FEATURES_INPUT}: float {@code [batch, F]}, the raw (unscaled) feature row in the
 *       order of the metadata property {@value OnnxModels#FEATURE_SPEC_KEY}; any scaler is folded into the graph;</li>
 *   <li>input {@value OnnxModels#SYMBOL_INPUT} (only for models that encode the symbol): string {@code [batch]},
 *       mapped inside the graph to the model's slot, an unknown symbol to the unknown-symbol slot
 *       ({@link OnnxModels#symbolSlot});</li>
 *   <li>output {@value OnnxModels#PROBABILITIES_OUTPUT}: float {@code [batch, 3]}, BUY, HOLD, SELL;</li>
 *   <li>metadata properties from {@link OnnxModels#metadataProperties}: feature spec, symbol map, classes,
 *       strategy, timeframes.</li>
 * </ul>
 * Build the graph with Tribuo's {@code org.tribuo.util.onnx.ONNXContext} and finish it with
 * {@link OnnxModels#model}. Implementations are stateless and thread-safe.
 */
public interface OnnxExporter {
    /** @return the codec format id of the models this exporter handles, as {@code metadata.json} records it */
    String formatId();

    /**
     * @param model a stored model whose metadata names {@link #formatId()}
     * @return the ONNX model, in the contract above
     * @throws dev.ktrdr.api.ModelException when this model cannot be exported (saying why)
     */
    OnnxMl.ModelProto export(StoredModel model);
}
