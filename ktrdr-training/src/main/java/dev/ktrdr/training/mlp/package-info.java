/**
 * The multi-layer perceptron of ktrdr-java: a fast trainer over primitive float arrays
 * ({@link dev.ktrdr.training.mlp.MlpTrainer}), the trained {@link dev.ktrdr.api.TradingModel}
 * ({@link dev.ktrdr.training.mlp.MlpModel}) with its scaler and symbol encoding, and its binary format
 * ({@link dev.ktrdr.training.mlp.MlpCodec}, format id {@code ktrdr-mlp}). The sub-package {@code tribuo} plugs the
 * same network into Tribuo's {@code Trainer}/{@code Model} contracts for evaluation, provenance and ONNX export.
 */
package dev.ktrdr.training.mlp;
