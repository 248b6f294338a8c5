/**
 * Multi-timeframe fuzzy feature frames: {@link dev.ktrdr.fuzzy.frame.MultiTimeframeFeatureBuilder}
 * (the {@link dev.ktrdr.api.FeatureBuilder}) computes indicators, transforms and memberships on each
 * timeframe's own series and aligns them on the base timeframe through an injected
 * {@link dev.ktrdr.api.TimeframeAligner}; {@link dev.ktrdr.fuzzy.frame.FeatureFrameConfig} says what to
 * build and yields the ordered feature spec {@code {tf}_{set}_{membership}}.
 */
package dev.ktrdr.fuzzy.frame;
