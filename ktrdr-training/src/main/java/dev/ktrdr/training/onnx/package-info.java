/**
 * ONNX export of stored models: {@link dev.ktrdr.training.onnx.OnnxExport} finds the
 * {@link dev.ktrdr.training.onnx.OnnxExporter} of a model's format id and writes the ONNX file;
 * {@link dev.ktrdr.training.onnx.MlpOnnxExporter} exports the MLP (every symbol encoding, the unknown-symbol slot,
 * the scaler folded into the first layer); {@link dev.ktrdr.training.onnx.OnnxModels} holds what every exporter
 * shares (inputs, the symbol's slot, metadata properties, opsets). Graphs are built with Tribuo's ONNX helpers
 * ({@code org.tribuo:tribuo-util-onnx}, an optional dependency of this module, with its protobuf classes): a host
 * that exports declares it.
 */
package dev.ktrdr.training.onnx;
