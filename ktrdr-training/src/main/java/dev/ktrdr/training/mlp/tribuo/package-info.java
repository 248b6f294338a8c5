/**
 * The ktrdr MLP behind Tribuo's contracts: {@link dev.ktrdr.training.mlp.tribuo.MlpTribuoTrainer} is a
 * {@code Trainer<Label>} whose models ({@link dev.ktrdr.training.mlp.tribuo.MlpTribuoModel}) work with Tribuo's
 * {@code LabelEvaluator}, carry a Tribuo {@code ModelProvenance} and export to ONNX. Label names must be
 * {@code BUY}, {@code HOLD} and {@code SELL}; the row's symbol travels in the example metadata key
 * {@value dev.ktrdr.training.mlp.tribuo.MlpTribuoTrainer#SYMBOL_METADATA}.
 */
package dev.ktrdr.training.mlp.tribuo;
