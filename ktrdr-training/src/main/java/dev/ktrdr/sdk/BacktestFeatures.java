package dev.ktrdr.sdk;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.LookaheadFreeAligner;
import dev.ktrdr.fuzzy.BatchFuzzyEngine;
import dev.ktrdr.indicators.CatalogIndicatorEngine;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.shard.FeatureShard;
import dev.ktrdr.training.shard.FeatureStore;
import dev.ktrdr.training.shard.ShardKey;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import dev.ktrdr.training.strategy.StrategyOverrides;
import dev.ktrdr.training.strategy.StrategyYaml;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The feature rows of a backtest read from the session's feature store: the symbol's shard, keyed like a
 * training run's (symbol, {@link FeatureStore#settingsOf} of the strategy with the symbol's overrides and the
 * library's engines, {@link ShardKey#hashBars} of the bars the backtest reads), reused when key and checksum
 * match, else built first by the training pipeline ({@link StrategyTrainer#prepare}, which writes the shard a
 * training run on these bars would write, labels included) and then read.
 *
 * <p>A backtest reads every bar the data source has, whatever the strategy's {@code training_data.start_date}
 * and {@code end_date}; so its key is that of the strategy <em>without</em> its date range. When the training
 * run had no date range the key is the training run's, and a backtest over the same data reuses the training
 * shard without recomputing anything. When it had one, the backtest's shard has other settings and so another
 * file name: it lives beside the training shard instead of replacing it (they would otherwise rebuild each
 * other on every alternation). Each symbol and feature setting still has one file, replaced in place when the
 * bars change, so new bars do not add files.
 *
 * <p>Values: the shard's float32 values, widened to double (exact), whether the shard was just built or reused;
 * so a second backtest gives bit-identical figures to the first. These differ from the in-memory pipeline's
 * doubles (no store, or a {@link dev.ktrdr.training.live.LivePipeline}) by the float32 rounding of each feature
 * (round to nearest: relative error at most 2<sup>-24</sup> in float's normal range, values below about
 * 1.2e-38 in magnitude lose more), which may flip a decision whose probability sits at a threshold.
 * A model trained with the store was trained on exactly these float32 values.
 *
 * <p>Not used (empty result) when there is no store, when the strategy sets {@code training.feature_cache:
 * false}, or for tree models ({@code model.type: gbdt}): training keeps no shards for them either.
 *
 * <p>Thread-safe: distinct symbols use distinct files, and shard writes are atomic.
 */
final class BacktestFeatures {
    /**
     * The engines' identities in shard keys: those of {@code new StrategyTrainer()} and of
     * {@link dev.ktrdr.training.pipeline.StrategyFeatures#of(Strategy, SymbolInfo, List, Timeframe)}, in the
     * order training names them.
     */
    static final List<String> ENGINES = List.of(CatalogIndicatorEngine.class.getName(), BatchFuzzyEngine.class.getName(),
            LookaheadFreeAligner.class.getName());

    private final FeatureStore store; // null: no store
    private final StrategyTrainer trainer; // a trainer with that store: builds a missing shard as training does
    private final AtomicLong reused = new AtomicLong();
    private final AtomicLong built = new AtomicLong();

    /**
     * @param store the feature store, or null for none
     * @param trainer a trainer with the library's engines and that store
     */
    BacktestFeatures(FeatureStore store, StrategyTrainer trainer) {
        this.store = store;
        this.trainer = Objects.requireNonNull(trainer, "trainer");
    }

    /** @return the store, or null */
    FeatureStore store() {
        return store;
    }

    /**
     * @param strategy the strategy whose features feed the model (overrides not yet applied)
     * @param info the symbol
     * @param timeframes the model's timeframes, in its order
     * @param base the model's base timeframe
     * @param bars the bars the backtest reads (every bar of the source, no date range)
     * @param source where {@code bars} came from (the training pipeline reloads them from it to build a shard)
     * @param symbolInfo symbol information of the source
     * @param expected the model's feature spec
     * @return the feature rows from the store, or empty when no store applies (the caller builds them in memory)
     * @throws dev.ktrdr.api.ModelException naming the first differing feature when the shard's spec differs
     */
    Optional<FeatureMatrix> matrix(Strategy strategy, SymbolInfo info, List<Timeframe> timeframes, Timeframe base,
                                   MultiTimeframeBars bars, dev.ktrdr.api.BarSource source,
                                   Function<dev.ktrdr.api.Symbol, SymbolInfo> symbolInfo, FeatureSpec expected) {
        if (store == null) {
            return Optional.empty();
        }
        Strategy whole = withoutDateRange(strategy);
        Strategy resolved = StrategyOverrides.resolve(whole, info).strategy();
        // the condition under which StrategyTrainer.prepare uses the store
        if (!resolved.training().scale().featureCache() || resolved.model().isGbdt()) {
            return Optional.empty();
        }
        ShardKey key = new ShardKey(info.symbol(), FeatureStore.settingsOf(resolved, timeframes, base, ENGINES),
                ShardKey.hashBars(bars));
        FeatureStore.Lookup found = store.find(key);
        FeatureShard shard;
        if (found.shard().isPresent()) {
            reused.incrementAndGet();
            shard = found.shard().get();
        } else {
            trainer.prepare(whole, new TrainingRequest(StrategyYaml.write(whole.raw()), info.symbol() + " backtest",
                    source, symbolInfo, List.of(info.symbol()), timeframes), info, timeframes, base);
            built.incrementAndGet();
            FeatureStore.Lookup again = store.find(key);
            shard = again.shard().orElseThrow(() -> new IllegalStateException(info.symbol()
                    + ": the feature shard the training pipeline just wrote has another key or changed ("
                    + again.reason() + "); the backtest would not read the features it expects"));
        }
        FeatureMatrix m = shard.features();
        expected.requireSameAs(m.spec());
        return Optional.of(m);
    }

    /** @return lookups answered by a stored shard */
    long reused() {
        return reused.get();
    }

    /** @return shards built (computed and written) */
    long built() {
        return built.get();
    }

    /** The strategy without {@code training_data.start_date} and {@code end_date}: a backtest reads every bar. */
    static Strategy withoutDateRange(Strategy s) {
        if (!(s.raw().get("training_data") instanceof Map<?, ?> td)
                || (!td.containsKey("start_date") && !td.containsKey("end_date"))) {
            return s;
        }
        Map<String, Object> tree = new LinkedHashMap<>(s.raw());
        Map<Object, Object> copy = new LinkedHashMap<>(td);
        copy.remove("start_date");
        copy.remove("end_date");
        tree.put("training_data", copy);
        return StrategyLoader.fromTree(cast(tree), s.name() + " (without its date range)", s.catalog());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<String, ?> tree) {
        return (Map<String, Object>) tree;
    }
}
