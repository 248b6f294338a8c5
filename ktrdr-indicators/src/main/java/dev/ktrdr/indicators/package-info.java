/**
 * Technical indicators for ktrdr-java: the {@link dev.ktrdr.indicators.IndicatorCatalog} of
 * {@link dev.ktrdr.indicators.IndicatorDefinition}s (built-in and user-registered), configured
 * {@link dev.ktrdr.indicators.Indicator}s with a batch form over {@code double[]} and an allocation-free
 * streaming form ({@link dev.ktrdr.indicators.IndicatorStream}), the strategy-section parser
 * {@link dev.ktrdr.indicators.IndicatorSpecs} and the {@link dev.ktrdr.api.IndicatorEngine}
 * implementation {@link dev.ktrdr.indicators.CatalogIndicatorEngine}.
 *
 * <p>Every value at bar t depends on bars 0..t only (the look-ahead guarantee), which the module's
 * contract test checks for every catalogue entry by prefix invariance.
 */
package dev.ktrdr.indicators;
