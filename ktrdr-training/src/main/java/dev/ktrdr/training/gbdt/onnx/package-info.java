/**
 * ONNX export of tree models ({@code ktrdr-gbdt}) through ONNX-ML's {@code TreeEnsembleClassifier}. Uses the ONNX
 * protobuf classes of {@code tribuo-util-onnx} (an optional dependency, like the Tribuo adapter's).
 */
package dev.ktrdr.training.gbdt.onnx;
