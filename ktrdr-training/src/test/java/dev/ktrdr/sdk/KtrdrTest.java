package dev.ktrdr.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.training.live.LiveDecision;
import dev.ktrdr.training.live.LivePipeline;
import dev.ktrdr.training.strategy.StrategyValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedding facade end to end on a synthetic data folder: train, store, resolve, backtest, live. */
class KtrdrTest {
    @TempDir
    static Path dir;
    static Path data;
    static String yaml;

    @BeforeAll
    static void market() throws IOException {
        data = dir.resolve("data");
        SyntheticMarket.Config config = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2020-01-01T00:00:00Z"), 4_000, 42);
        Map<Symbol, BarSeries> series = SyntheticMarket.generate(config);
        SyntheticMarket.writeFolder(data, config, series);
        try (InputStream in = KtrdrTest.class.getResourceAsStream("/strategies/sdk_universal.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void trainsStoresResolvesAnUnseenSymbolAndBacktestsIt() {
        Ktrdr k = Ktrdr.open(data, dir.resolve("models"));
        TrainingReport trained = k.train(StrategyInput.text(yaml, "sdk_universal.yaml"), TrainOptions.DEFAULTS);
        assertThat(trained.strategy()).isEqualTo("sdk_universal");
        assertThat(trained.test().perSymbolFigures().keySet()).extracting(Symbol::value)
                .containsExactly("EURUSD", "GBPUSD", "BTCUSDT");
        assertThat(trained.overall().rows()).isPositive();
        assertThat(trained.edge().point()).isEqualTo(trained.overall().accuracy()
                - Math.max(trained.overall().baselineAccuracy(), trained.overall().momentumAccuracy()));
        assertThat(trained.split().symbols()).hasSize(3);
        assertThat(trained.toJson()).contains("\"baseline_accuracy\"", "\"pooled_majority_accuracy\"", "\"edge_ci_low\"",
                "\"verdict\"", "\"per_symbol\"", "\"split_plan\"");

        Path version = k.store(trained);
        assertThat(version).exists().isDirectory();
        var stored = k.store().readMetadata(version);
        assertThat(stored.strategyVersion()).isEqualTo("3.0");
        assertThat(stored.assetClasses()).extracting(dev.ktrdr.api.AssetClass::id).containsExactly("forex", "crypto");
        assertThat(stored.totalSamples()).isEqualTo(stored.samplesPerSymbol().values().stream()
                .mapToLong(Long::longValue).sum());

        Resolution r = k.resolve("sdk_universal", "ETHUSDT");
        assertThat(r.rung()).isEqualTo(UniversalModelLoader.Rung.UNIVERSAL);
        assertThat(r.unseenSymbol()).isTrue();
        assertThat(r.directory()).isEqualTo(version);
        assertThat(r.deployment()).isEmpty();
        k.deploy("sdk_universal", version.getFileName().toString(), Symbol.of("ETHUSDT"), r.model().timeframes());
        Resolution deployed = k.resolve("sdk_universal", "ETHUSDT");
        assertThat(deployed.deployment()).isEqualTo("deployed-ETHUSDT_1h-4h-1d");
        assertThat(deployed.toJson()).contains("\"deployment\" : \"deployed-ETHUSDT_1h-4h-1d\"");
        assertThat(deployed.directory()).isEqualTo(version);

        BacktestReport bt = k.backtest(r, BacktestOptions.DEFAULTS);
        assertThat(bt.inSampleOverlap()).as("an unseen symbol is out of sample").isFalse();
        assertThat(bt.equity()).hasSize(bt.bars());
        assertThat(bt.equity()[0]).isEqualTo(100_000.0);
        assertThat(bt.figures().tradeCount()).isEqualTo(bt.trades().size());
        assertThat(bt.toJson()).contains("\"rung\" : \"universal\"").contains("\"total_return\"");
        // arrays are copied out: a caller cannot change the report
        bt.equity()[0] = -1;
        assertThat(bt.equity()[0]).isEqualTo(100_000.0);

        Path page = k.writeReport(bt, dir.resolve("report"));
        assertThat(page).exists();
        try (var pngs = Files.list(page.getParent())) {
            assertThat(pngs.filter(f -> f.toString().endsWith(".png")).count()).isGreaterThanOrEqualTo(2);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(k.writeReport(trained, dir.resolve("training-report"))).exists();

        Resolution seen = k.resolve("sdk_universal", "EURUSD");
        assertThat(k.backtest(seen, BacktestOptions.DEFAULTS).inSampleOverlap()).isTrue();
        BacktestReport after = k.backtest(seen, BacktestOptions.DEFAULTS.from(trained.testCut()));
        assertThat(after.inSampleOverlap()).isFalse();
        assertThat(after.from()).isAfterOrEqualTo(trained.testCut());
        Instant end = after.from().plusSeconds(86_400L * 10);
        assertThat(k.backtest(seen, BacktestOptions.DEFAULTS.from(trained.testCut()).to(end)).to()).isBeforeOrEqualTo(end);
    }

    @Test
    void liveReplayTakesTheBacktestsDecisionsFromTheSameStep() {
        Ktrdr k = Ktrdr.open(data, dir.resolve("live-models"));
        TrainingReport trained = k.train(StrategyInput.text(yaml, "sdk_universal.yaml"), TrainOptions.DEFAULTS);
        k.store(trained);
        Resolution r = k.resolve("sdk_universal", "EURUSD");
        assertThat(r.unseenSymbol()).isFalse();
        LivePipeline live = k.live(r);
        assertThat(live.featureSpec()).isEqualTo(r.model().model().featureSpec());
    }

    @Test
    void optionsOverrideTheStrategyAndAreValidatedThroughTheStrategyPath() {
        Ktrdr k = Ktrdr.open(data, dir.resolve("opt-models"));
        TrainingReport trained = k.train(StrategyInput.text(yaml, "sdk_universal.yaml"), TrainOptions.builder()
                .symbols("EURUSD", "BTCUSDT").timeframes(Timeframe.H1, Timeframe.H4).build());
        assertThat(trained.timeframes()).containsExactly(Timeframe.H1, Timeframe.H4);
        assertThat(trained.trainingSymbols()).extracting(Symbol::value).containsExactly("EURUSD", "BTCUSDT");
        assertThatThrownBy(() -> TrainOptions.builder().dateRange(LocalDate.of(2021, 1, 2), LocalDate.of(2021, 1, 1)).build())
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("end_date");
        assertThatThrownBy(() -> k.train(StrategyInput.text(yaml.replace("type: rsi,", "type: rsii,"), "bad.yaml"),
                TrainOptions.DEFAULTS)).isInstanceOf(StrategyValidationException.class).hasMessageContaining("bad.yaml");
        assertThat(k.validate(StrategyInput.text(yaml, "ok.yaml"))).isEmpty();
    }

    @Test
    void aSessionWithoutAStoreTrainsButRefusesToStoreOrResolve() {
        Ktrdr k = Ktrdr.open(DataSource.folder(data));
        TrainingReport trained = k.train(StrategyInput.text(yaml, "sdk_universal.yaml"), TrainOptions.builder()
                .symbols("EURUSD", "GBPUSD").build());
        assertThatThrownBy(() -> k.store(trained)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no model store");
        assertThatThrownBy(() -> k.resolve("sdk_universal", "EURUSD")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void perSymbolTrainingGivesOneReportPerSymbolInOrder() {
        Ktrdr k = Ktrdr.open(data, dir.resolve("per-models"));
        var reports = k.trainAll(StrategyInput.text(yaml.replace("scope: universal", "scope: symbol_specific")
                .replace("  target_symbols: {mode: universal}\n", ""), "s.yaml"),
                TrainOptions.builder().symbols("EURUSD", "GBPUSD").perSymbol(true).build());
        assertThat(reports).extracting(TrainingReport::scope).containsExactly("EURUSD", "GBPUSD");
        assertThat(Files.isDirectory(k.store(reports.get(1)))).isTrue();
    }
}
