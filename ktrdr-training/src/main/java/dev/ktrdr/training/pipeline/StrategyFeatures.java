package dev.ktrdr.training.pipeline;

import dev.ktrdr.api.FeatureBuilder;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.FuzzyEngine;
import dev.ktrdr.api.IndicatorEngine;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.StalenessPolicy;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TimeframeAligner;
import dev.ktrdr.data.LookaheadFreeAligner;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.fuzzy.BatchFuzzyEngine;
import dev.ktrdr.fuzzy.frame.FeatureFrameConfig;
import dev.ktrdr.fuzzy.frame.MultiTimeframeFeatureBuilder;
import dev.ktrdr.indicators.CatalogIndicatorEngine;
import dev.ktrdr.training.features.ContextFeatures;
import dev.ktrdr.training.features.FeatureColumns;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import dev.ktrdr.training.strategy.StrategyOverrides;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The feature pipeline of a strategy for one symbol, as {@link StrategyTrainer} trains on it and as a
 * backtest or a live host must feed the model: the {@link MultiTimeframeFeatureBuilder} (indicators →
 * input transforms → memberships per timeframe, aligned on the base timeframe without looking ahead)
 * followed by the strategy's {@link ContextFeatures}. The symbol's per-symbol overrides are applied
 * before anything is built, so a universal model gets each symbol's own fuzzy parameters.
 *
 * <p>The strategy's date range is not applied here: the caller chooses the bars. Immutable and
 * thread-safe; equality is identity (a {@link dev.ktrdr.training.backtest.FeatureCache} reuses matrices
 * built by the same instance).
 */
public final class StrategyFeatures implements FeatureBuilder {
    private final Strategy strategy;
    private final MultiTimeframeFeatureBuilder frame;
    private final ContextFeatures context;
    private final Timeframe base;

    private StrategyFeatures(Strategy strategy, MultiTimeframeFeatureBuilder frame, ContextFeatures context, Timeframe base) {
        this.strategy = strategy;
        this.frame = frame;
        this.context = context;
        this.base = base;
    }

    /**
     * The pipeline with the library's engines ({@link CatalogIndicatorEngine}, {@link BatchFuzzyEngine},
     * {@link LookaheadFreeAligner}).
     *
     * @param strategy the strategy as loaded (overrides not yet applied)
     * @param symbol the symbol whose overrides apply
     * @param timeframes the timeframes, in the model's order
     * @param base the base timeframe, one of them
     * @return the pipeline
     * @throws dev.ktrdr.api.ConfigurationException naming the YAML path of a bad indicator or fuzzy set
     */
    public static StrategyFeatures of(Strategy strategy, SymbolInfo symbol, List<Timeframe> timeframes, Timeframe base) {
        return of(strategy, symbol, timeframes, base, new CatalogIndicatorEngine(strategy.catalog()), new BatchFuzzyEngine(),
                new LookaheadFreeAligner());
    }

    /**
     * @param strategy the strategy as loaded (overrides not yet applied)
     * @param symbol the symbol whose overrides apply
     * @param timeframes the timeframes, in the model's order
     * @param base the base timeframe, one of them
     * @param indicators computes indicators
     * @param fuzzy evaluates memberships
     * @param aligner aligns timeframes without looking ahead
     * @return the pipeline
     * @throws dev.ktrdr.api.ConfigurationException naming the YAML path of a bad indicator or fuzzy set
     */
    public static StrategyFeatures of(Strategy strategy, SymbolInfo symbol, List<Timeframe> timeframes, Timeframe base,
                                      IndicatorEngine indicators, FuzzyEngine fuzzy, TimeframeAligner aligner) {
        Strategy s = StrategyOverrides.resolve(strategy, symbol).strategy();
        return resolved(s, timeframes, base, indicators, fuzzy, aligner);
    }

    /** For a strategy whose overrides were already applied. */
    static StrategyFeatures resolved(Strategy s, List<Timeframe> timeframes, Timeframe base, IndicatorEngine indicators,
                                     FuzzyEngine fuzzy, TimeframeAligner aligner) {
        // the strategy's typed parts, validated when it was loaded
        FeatureFrameConfig config = new FeatureFrameConfig(timeframes, base, s.indicatorSpecs(), s.fuzzySetSpecs(),
                StrategyLoader.featureInputs(s.nnInputs()), StalenessPolicy.DROP_ROW);
        MultiTimeframeFeatureBuilder frame = new MultiTimeframeFeatureBuilder(config, Objects.requireNonNull(indicators),
                Objects.requireNonNull(fuzzy), Objects.requireNonNull(aligner), i -> Optional.of(Calendars.byId(i.calendarId())));
        return new StrategyFeatures(s, frame, ContextFeatures.fromStrategy(s.model().features()), base);
    }

    /**
     * @return the indicator catalogue the strategy was validated in (the standard one unless the host
     *     loaded it with its own); a live pipeline streams its indicators from it
     */
    public dev.ktrdr.indicators.IndicatorCatalog catalog() {
        return strategy.catalog();
    }

    /** @return the strategy with this symbol's overrides applied */
    public Strategy strategy() {
        return strategy;
    }

    /** @return the multi-timeframe fuzzy part */
    public MultiTimeframeFeatureBuilder frame() {
        return frame;
    }

    /** @return the context features appended after the fuzzy columns (possibly {@link ContextFeatures#NONE}) */
    public ContextFeatures context() {
        return context;
    }

    /** @return the base timeframe */
    public Timeframe base() {
        return base;
    }

    /**
     * @return the fuzzy columns' names; the built matrix has the context columns after them
     */
    public FeatureSpec fuzzySpec() {
        return frame.featureSpec();
    }

    @Override
    public FeatureMatrix build(MultiTimeframeBars bars) {
        return context.append(frame.build(bars), bars.get(base));
    }

    /**
     * {@link #build} for a feature shard: the same values, without the rows before {@code fromMillis}, held
     * column by column ({@link ContextFeatures#columns}) instead of as a row-major matrix.
     *
     * @param bars the symbol's bars on every timeframe
     * @param fromMillis rows before this time (UTC epoch ms) are dropped; {@code Long.MIN_VALUE} for none
     * @return the columns
     */
    public FeatureColumns buildColumns(MultiTimeframeBars bars, long fromMillis) {
        return context.columns(frame.buildColumns(bars), bars.get(base), fromMillis);
    }
}
