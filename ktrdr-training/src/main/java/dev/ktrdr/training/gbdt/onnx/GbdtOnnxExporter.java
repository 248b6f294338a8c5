package dev.ktrdr.training.gbdt.onnx;

import ai.onnx.proto.OnnxMl;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.training.gbdt.GbdtCodec;
import dev.ktrdr.training.gbdt.GbdtModel;
import dev.ktrdr.training.mlp.SymbolEncoding;
import dev.ktrdr.training.onnx.OnnxExporter;
import dev.ktrdr.training.onnx.OnnxModels;
import java.util.List;

/**
 * The registry's exporter of stored tree models (format id {@value GbdtCodec#FORMAT_ID}): the graph of
 * {@link GbdtOnnx} with the metadata properties every exported model carries ({@link OnnxModels#metadataProperties}),
 * so a host reads an exported tree model exactly as an exported MLP. Decoding the stored model needs the tree
 * binding (LightGBM); the export itself reads the model's text and needs no native code. Stateless.
 */
public final class GbdtOnnxExporter implements OnnxExporter {
    @Override
    public String formatId() {
        return GbdtCodec.FORMAT_ID;
    }

    @Override
    public OnnxMl.ModelProto export(StoredModel stored) {
        if (!(stored.model() instanceof GbdtModel)) {
            throw OnnxModels.refuse(stored, "format " + GbdtCodec.FORMAT_ID + " decoded to "
                    + stored.model().getClass().getSimpleName() + ", not a tree model");
        }
        GbdtModel trees = (GbdtModel) stored.model();
        List<dev.ktrdr.api.Symbol> vocabulary = trees.encoding() == SymbolEncoding.Kind.NONE ? List.of() : trees.vocabulary();
        return GbdtOnnx.export(trees, OnnxModels.metadataProperties(stored, trees.encoding().id(), vocabulary));
    }
}
