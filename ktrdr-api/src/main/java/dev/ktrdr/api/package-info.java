/**
 * The contracts of the whole ktrdr-java pipeline: value types ({@link dev.ktrdr.api.Timeframe},
 * {@link dev.ktrdr.api.Symbol}, {@link dev.ktrdr.api.BarSeries}, {@link dev.ktrdr.api.FeatureMatrix},
 * {@link dev.ktrdr.api.Label}), configuration records, the stage interfaces and the exception hierarchy
 * rooted at {@link dev.ktrdr.api.KtrdrException}.
 *
 * <pre>
 * BarSource → Resampler → IndicatorEngine → FuzzyEngine → TimeframeAligner → FeatureBuilder + Labeler
 *   → sampler → ModelTrainer → TradingModel ⇄ ModelCodec → ModelStore
 *   → UniversalModelLoader → DecisionEngine → Backtester          (ProgressListener throughout)
 * </pre>
 *
 * <p>Time rules: timestamps are UTC epoch milliseconds; a bar is stamped with its open time and becomes
 * known at its close time; nothing computed for a decision at instant t uses a bar whose close time is
 * after t.
 */
package dev.ktrdr.api;
