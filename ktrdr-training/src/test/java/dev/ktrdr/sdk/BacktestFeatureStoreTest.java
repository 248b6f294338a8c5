package dev.ktrdr.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.training.pipeline.StrategyFeatures;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.shard.FeatureShard;
import dev.ktrdr.training.shard.FeatureStore;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backtests through the feature store: the training run's shard is reused, a repeated backtest is bit-identical,
 * damaged or stale shards are rebuilt and never read, and a date-ranged training keeps its shard.
 */
class BacktestFeatureStoreTest {
    static final FileTime STAMP = FileTime.fromMillis(1_000_000L);

    @TempDir
    static Path dir;
    static Path data;
    static Path models;
    static Path trainingCache;
    static String yaml;

    @BeforeAll
    static void trainWithAStore() throws IOException {
        data = dir.resolve("data");
        SyntheticMarket.Config config = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2020-01-01T00:00:00Z"), 3_000, 42);
        Map<Symbol, BarSeries> series = SyntheticMarket.generate(config);
        SyntheticMarket.writeFolder(data, config, series);
        try (InputStream in = BacktestFeatureStoreTest.class.getResourceAsStream("/strategies/sdk_universal.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("epochs: 4", "epochs: 2");
        }
        models = dir.resolve("models");
        trainingCache = dir.resolve("training-cache");
        Ktrdr k = Ktrdr.open(data, models).withFeatureCache(trainingCache);
        k.store(k.train(StrategyInput.text(yaml, "sdk_universal.yaml"), TrainOptions.builder()
                .symbols("EURUSD", "BTCUSDT").build()));
    }

    static List<Path> shards(Path cache) throws IOException {
        if (!Files.isDirectory(cache)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(cache)) {
            return s.filter(p -> p.toString().endsWith(FeatureShard.EXTENSION)).sorted().toList();
        }
    }

    static Path shardOf(Path cache, String symbol) throws IOException {
        List<Path> found = shards(cache).stream().filter(p -> p.getFileName().toString().startsWith(symbol + "-")).toList();
        assertThat(found).as("shards of %s in %s", symbol, cache).hasSize(1);
        return found.get(0);
    }

    /** Stamps every shard so that any rewrite shows; returns each file's identity (a rename gives a new one). */
    static Map<Path, Object> stamp(Path cache) throws IOException {
        Map<Path, Object> ids = new LinkedHashMap<>();
        for (Path f : shards(cache)) {
            Files.setLastModifiedTime(f, STAMP);
            ids.put(f, Files.readAttributes(f, BasicFileAttributes.class).fileKey());
        }
        return ids;
    }

    static void assertUntouched(Map<Path, Object> ids) throws IOException {
        for (Map.Entry<Path, Object> e : ids.entrySet()) {
            assertThat(Files.getLastModifiedTime(e.getKey())).as("%s rewritten", e.getKey()).isEqualTo(STAMP);
            assertThat(Files.readAttributes(e.getKey(), BasicFileAttributes.class).fileKey()).isEqualTo(e.getValue());
        }
    }

    static void assertBitIdentical(BacktestReport a, BacktestReport b) {
        assertThat(b).isEqualTo(a);
        assertThat(b.toJson()).isEqualTo(a.toJson());
        double[] ea = a.equity();
        double[] eb = b.equity();
        assertThat(eb).hasSameSizeAs(ea);
        for (int i = 0; i < ea.length; i++) {
            assertThat(Double.doubleToRawLongBits(eb[i])).as("equity %d", i).isEqualTo(Double.doubleToRawLongBits(ea[i]));
        }
    }

    @Test
    void aBacktestOverTheTrainingDataReusesTheTrainingShardAndRepeatsBitForBit() throws IOException {
        List<Path> before = shards(trainingCache);
        assertThat(before).hasSize(2);
        Map<Path, Object> ids = stamp(trainingCache);
        Ktrdr k = Ktrdr.open(data, models).withFeatureCache(trainingCache);
        Resolution r = k.resolve("sdk_universal", "EURUSD");
        BacktestReport first = k.backtest(r, BacktestOptions.DEFAULTS);
        BacktestReport second = k.backtest(r, BacktestOptions.DEFAULTS);
        // no shard was written: the training run's shard served both backtests
        assertThat(shards(trainingCache)).isEqualTo(before);
        assertUntouched(ids);
        assertBitIdentical(first, second);
        assertThat(first.figures().tradeCount()).isPositive();

        // a store built fresh by the backtest holds the same shard, byte for byte, and gives the same figures
        Path fresh = dir.resolve("fresh-cache");
        BacktestReport built = Ktrdr.open(data, models).withFeatureCache(fresh).backtest(r, BacktestOptions.DEFAULTS);
        assertBitIdentical(first, built);
        assertThat(Files.readAllBytes(shardOf(fresh, "EURUSD"))).isEqualTo(Files.readAllBytes(shardOf(trainingCache, "EURUSD")));
        // a window is cut after the features: it reads the same shard
        BacktestReport window = k.backtest(r, BacktestOptions.DEFAULTS.from(Instant.parse("2020-03-01T00:00:00Z")));
        assertThat(window.bars()).isLessThan(first.bars());
        assertUntouched(ids);
    }

    @Test
    void theStoredFeaturesAreThePipelinesRoundedToFloat32AndCountedAsReusedOrBuilt() {
        Path cache = dir.resolve("unit-cache");
        FeatureStore store = new FeatureStore(cache);
        BacktestFeatures features = new BacktestFeatures(store, new StrategyTrainer().withFeatureStore(store));
        Ktrdr k = Ktrdr.open(data, models);
        Resolution r = k.resolve("sdk_universal", "GBPUSD");
        ModelMetadata meta = r.model().metadata();
        Strategy strategy = StrategyLoader.parse(yaml, "sdk_universal.yaml");
        SymbolInfo info = k.data().info(Symbol.of("GBPUSD"));
        MultiTimeframeBars bars = StrategyTrainer.load(k.data().bars(), info, meta.timeframes(), meta.baseTimeframe());
        FeatureMatrix m1 = features.matrix(strategy, info, meta.timeframes(), meta.baseTimeframe(), bars, k.data().bars(),
                k.data()::info, r.model().model().featureSpec()).orElseThrow();
        assertThat(features.built()).isEqualTo(1);
        assertThat(features.reused()).isZero();
        FeatureMatrix m2 = features.matrix(strategy, info, meta.timeframes(), meta.baseTimeframe(), bars, k.data().bars(),
                k.data()::info, r.model().model().featureSpec()).orElseThrow();
        assertThat(features.built()).as("the second lookup computes nothing").isEqualTo(1);
        assertThat(features.reused()).isEqualTo(1);
        assertThat(m2.times()).isEqualTo(m1.times());
        assertThat(m2.values()).isEqualTo(m1.values());
        // exactly the in-memory pipeline's rows, each value rounded to float32
        FeatureMatrix exact = StrategyFeatures.of(strategy, info, meta.timeframes(), meta.baseTimeframe()).build(bars);
        assertThat(m1.times()).isEqualTo(exact.times());
        assertThat(m1.spec()).isEqualTo(exact.spec());
        double[] v = exact.values();
        double[] got = m1.values();
        for (int i = 0; i < v.length; i++) {
            assertThat(got[i]).isEqualTo((double) (float) v[i]);
        }
        // no store: nothing from it
        assertThat(new BacktestFeatures(null, new StrategyTrainer()).matrix(strategy, info, meta.timeframes(),
                meta.baseTimeframe(), bars, k.data().bars(), k.data()::info, r.model().model().featureSpec())).isEmpty();
    }

    @Test
    void aCorruptShardIsRebuiltNeverRead() throws IOException {
        Path cache = dir.resolve("corrupt-cache");
        Ktrdr k = Ktrdr.open(data, models).withFeatureCache(cache);
        Resolution r = k.resolve("sdk_universal", "BTCUSDT");
        BacktestReport first = k.backtest(r, BacktestOptions.DEFAULTS);
        Path f = shardOf(cache, "BTCUSDT");
        byte[] b = Files.readAllBytes(f);
        // a feature value in the middle of the file: read, it would change the figures
        b[b.length / 2] ^= 0x40;
        Files.write(f, b);
        Files.setLastModifiedTime(f, STAMP);
        BacktestReport again = k.backtest(r, BacktestOptions.DEFAULTS);
        assertBitIdentical(first, again);
        assertThat(Files.getLastModifiedTime(f)).as("rebuilt").isNotEqualTo(STAMP);
        assertThat(FeatureShard.open(f).rows()).isPositive();
        // truncated: the same
        Files.write(f, java.util.Arrays.copyOf(b, b.length - 100));
        assertBitIdentical(first, k.backtest(r, BacktestOptions.DEFAULTS));
        assertThat(Files.size(f)).isEqualTo(b.length);
    }

    @Test
    void otherBarsRebuildTheShardInsteadOfReadingTheOldOne() throws IOException {
        Path cache = dir.resolve("bars-cache");
        Ktrdr k = Ktrdr.open(data, models).withFeatureCache(cache);
        BacktestReport onAll = k.backtest(k.resolve("sdk_universal", "EURUSD"), BacktestOptions.DEFAULTS);
        Path f = shardOf(cache, "EURUSD");
        String oldHash = FeatureShard.open(f).key().barsHash();

        // the same market with fewer bars: another bars hash, the same file name
        Path shorter = dir.resolve("data-shorter");
        SyntheticMarket.Config config = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2020-01-01T00:00:00Z"), 2_600, 42);
        SyntheticMarket.writeFolder(shorter, config, SyntheticMarket.generate(config));
        Ktrdr k2 = Ktrdr.open(shorter, models).withFeatureCache(cache);
        Files.setLastModifiedTime(f, STAMP);
        Resolution r2 = k2.resolve("sdk_universal", "EURUSD");
        BacktestReport onShorter = k2.backtest(r2, BacktestOptions.DEFAULTS);
        assertThat(shards(cache)).containsExactly(f);
        assertThat(Files.getLastModifiedTime(f)).isNotEqualTo(STAMP);
        assertThat(FeatureShard.open(f).key().barsHash()).isNotEqualTo(oldHash);
        assertThat(onShorter.bars()).isLessThan(onAll.bars());
        // what a fresh store gives on these bars
        BacktestReport fresh = Ktrdr.open(shorter, models).withFeatureCache(dir.resolve("bars-fresh"))
                .backtest(r2, BacktestOptions.DEFAULTS);
        assertBitIdentical(fresh, onShorter);
    }

    @Test
    void aPortfolioBacktestWithAStoreEqualsItselfAndReusesItsShards() throws IOException {
        Path cache = dir.resolve("portfolio-cache");
        Ktrdr k = Ktrdr.open(data, models).withFeatureCache(cache);
        List<Symbol> symbols = List.of(Symbol.of("EURUSD"), Symbol.of("BTCUSDT"), Symbol.of("ETHUSDT"));
        PortfolioReport first = k.backtestPortfolio("sdk_universal", symbols, PortfolioBacktestOptions.DEFAULTS);
        assertThat(shards(cache)).hasSize(3);
        Map<Path, Object> ids = stamp(cache);
        PortfolioReport second = k.backtestPortfolio("sdk_universal", symbols, PortfolioBacktestOptions.DEFAULTS);
        assertUntouched(ids);
        assertThat(second.toJson()).isEqualTo(first.toJson());
        assertThat(second.run().equity()).containsExactly(first.run().equity());
        assertThat(second.run().trades()).isEqualTo(first.run().trades());
        // the single-symbol backtest reads the same shards
        BacktestReport single = k.backtest(k.resolve("sdk_universal", "ETHUSDT"), BacktestOptions.DEFAULTS);
        assertThat(single.bars()).isPositive();
        assertUntouched(ids);
    }

    @Test
    void withoutAStoreOrWithFeatureCacheFalseNothingIsWrittenAndTheFiguresAreTheInMemoryOnes() throws IOException {
        Ktrdr plain = Ktrdr.open(data, models);
        Resolution r = plain.resolve("sdk_universal", "EURUSD");
        StrategyInput off = StrategyInput.text(yaml.replace("  seed: 7", "  seed: 7\n  feature_cache: false"), "off.yaml");
        BacktestReport inMemory = plain.backtest(r, off, BacktestOptions.DEFAULTS);
        Path cache = dir.resolve("off-cache");
        BacktestReport withStore = Ktrdr.open(data, models).withFeatureCache(cache).backtest(r, off, BacktestOptions.DEFAULTS);
        assertThat(shards(cache)).isEmpty();
        assertBitIdentical(inMemory, withStore);
        assertBitIdentical(plain.backtest(r, BacktestOptions.DEFAULTS), plain.backtest(r, off, BacktestOptions.DEFAULTS));
    }

    @Test
    void aDateRangedTrainingKeepsItsShardAndTheBacktestsLivesBeside() throws IOException {
        Path cache = dir.resolve("ranged-cache");
        Path rangedModels = dir.resolve("ranged-models");
        Ktrdr k = Ktrdr.open(data, rangedModels).withFeatureCache(cache);
        TrainOptions ranged = TrainOptions.builder().symbols("EURUSD", "BTCUSDT")
                .dateRange(LocalDate.of(2020, 1, 20), LocalDate.of(2020, 4, 10)).build();
        StrategyInput input = StrategyInput.text(yaml, "sdk_universal.yaml");
        k.store(k.train(input, ranged));
        List<Path> training = shards(cache);
        assertThat(training).hasSize(2);
        Map<Path, Object> ids = stamp(cache);

        Resolution r = k.resolve("sdk_universal", "EURUSD");
        BacktestReport first = k.backtest(r, BacktestOptions.DEFAULTS);
        // its shard covers every bar, so it has other settings and its own file; the training shards stay
        assertUntouched(ids);
        List<Path> after = shards(cache);
        assertThat(after).hasSize(3).containsAll(training);
        Path mine = after.stream().filter(p -> !training.contains(p)).findFirst().orElseThrow();
        assertThat(FeatureShard.open(mine).rows()).isGreaterThan(FeatureShard.open(shardOf(training, "EURUSD")).rows());
        assertThat(FeatureShard.open(mine).key().settings()).doesNotContain("start_date");
        BacktestReport second = k.backtest(r, BacktestOptions.DEFAULTS);
        assertBitIdentical(first, second);
        // training again reuses its own shards: the two do not rebuild each other
        Files.setLastModifiedTime(mine, STAMP);
        k.train(input, ranged);
        assertUntouched(ids);
        assertThat(Files.getLastModifiedTime(mine)).isEqualTo(STAMP);
        assertThat(shards(cache)).hasSize(3);
        // a strategy without a date range is used as it is (the training run's key)
        Strategy plain = k.strategy(input);
        assertThat(BacktestFeatures.withoutDateRange(plain)).isSameAs(plain);
    }

    static Path shardOf(List<Path> files, String symbol) {
        return files.stream().filter(p -> p.getFileName().toString().startsWith(symbol + "-")).findFirst().orElseThrow();
    }
}
