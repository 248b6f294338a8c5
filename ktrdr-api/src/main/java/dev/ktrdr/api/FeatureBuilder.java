package dev.ktrdr.api;

/**
 * Turns one symbol's multi-timeframe bars into its feature matrix: per timeframe, indicators →
 * input transforms → memberships on that timeframe's own series; then aligned on the base timeframe by a
 * {@link TimeframeAligner}; columns named {@code {tf}_{set}_{membership}} in a deterministic order
 * (timeframes as configured, then sets, then memberships), plus any configured context features.
 * Warm-up rows are dropped; no NaN enters the matrix. The row for base bar b depends only on bars that
 * closed at or before b's close (prefix invariance).
 *
 * <p>A builder is configured once (from a strategy) and is then immutable and thread-safe; symbols may
 * be built in parallel.
 */
@FunctionalInterface
public interface FeatureBuilder {

    /**
     * @param bars the symbol's bars on every configured timeframe
     * @return the feature matrix; its spec is the model's feature spec
     */
    FeatureMatrix build(MultiTimeframeBars bars);
}
