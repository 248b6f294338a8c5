/**
 * Internal: for the library's own modules; no compatibility promise; hosts must not use it.
 *
 * <p>Holds what the library's modules share but a host must not touch: in-place column reads
 * ({@link dev.ktrdr.api.internal.UnsafeColumns}), the model codec registry
 * ({@link dev.ktrdr.api.internal.ModelCodecs}), the one validation path for names that become path parts
 * ({@link dev.ktrdr.api.internal.SafeNames}) and the training sampler contract
 * ({@link dev.ktrdr.api.internal.BalancedMultiSymbolSampler}). Any of it may change or go in any release;
 * it is left out of the published javadoc.
 */
package dev.ktrdr.api.internal;
