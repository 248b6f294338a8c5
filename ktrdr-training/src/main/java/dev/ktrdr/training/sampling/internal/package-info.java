/**
 * Internal: for the library's own modules; no compatibility promise; hosts must not use it.
 *
 * <p>Mini-batch plans over several symbols' training rows: concatenate, interleave, balanced and weighted.
 * A host chooses the plan through the strategy file ({@code model.multi_symbol.balance_strategy}).
 */
package dev.ktrdr.training.sampling.internal;
