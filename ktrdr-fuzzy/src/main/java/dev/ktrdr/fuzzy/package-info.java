/**
 * Fuzzy memberships: the membership shapes ({@link dev.ktrdr.fuzzy.MembershipFunction}: triangular,
 * trapezoidal, gaussian, generalized bell, sigmoid, left/right shoulders, one definition of degenerate
 * shapes for single values and arrays), input transforms ({@link dev.ktrdr.fuzzy.InputTransforms}),
 * parsing of the {@code fuzzy_sets:} and {@code nn_inputs:} strategy sections
 * ({@link dev.ktrdr.fuzzy.FuzzyConfig}, {@link dev.ktrdr.fuzzy.NnInputs}) and the
 * {@link dev.ktrdr.api.FuzzyEngine} implementation {@link dev.ktrdr.fuzzy.BatchFuzzyEngine}.
 *
 * <p>Depends on ktrdr-api only. Every membership is in [0,1]; NaN in gives NaN out; row t depends on
 * rows 0..t only.
 */
package dev.ktrdr.fuzzy;
