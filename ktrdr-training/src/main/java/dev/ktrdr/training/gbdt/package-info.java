/**
 * Gradient-boosted trees ({@code model.type: gbdt}): {@link dev.ktrdr.training.gbdt.GbdtTrainer} trains them on
 * the same feature rows, split, sampler and class weights as the MLP, {@link dev.ktrdr.training.gbdt.GbdtModel}
 * serves them as a {@link dev.ktrdr.api.TradingModel} and {@link dev.ktrdr.training.gbdt.GbdtCodec} stores them
 * ({@code ktrdr-gbdt}). The native booster comes from the optional binding package
 * {@code dev.ktrdr.training.gbdt.lightgbm}; without LightGBM on the class path, training or loading a tree model
 * fails with one {@link dev.ktrdr.api.ModelException} that names the missing artifact.
 */
package dev.ktrdr.training.gbdt;
