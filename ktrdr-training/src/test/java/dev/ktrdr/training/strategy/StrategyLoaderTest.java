package dev.ktrdr.training.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Deployment;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StrategyLoaderTest {

    static String resource(String name) {
        try (InputStream in = StrategyLoaderTest.class.getResourceAsStream("/strategies/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void allThreeSharedStrategiesLoadAndValidateCleanly() {
        // written for the Python original: label_lookahead beside zigzag is a leftover, reported but not blocking
        for (String f : List.of("mtf_single.yaml", "universal_multi.yaml", "legacy_v2.yaml")) {
            List<Problem> problems = StrategyLoader.validate(resource(f), f);
            assertThat(problems).as(f).extracting(Problem::toString).containsExactly(LOOKAHEAD_WARNING);
            Strategy s = StrategyLoader.parse(resource(f), f);
            assertThat(s.version()).isEqualTo("3.0");
            assertThat(s.warnings()).isEqualTo(problems);
        }
    }

    static final String LOOKAHEAD_WARNING = "warning: training.labels.label_lookahead: not used by source zigzag (its labels reach up to the bar confirming each leg's end); ignored. Keys of zigzag: [zigzag_threshold]";

    @Test
    void currentLayoutIsReadIntoTypedRecords() {
        Strategy s = StrategyLoader.parse(resource("universal_multi.yaml"), "u");
        assertThat(s.name()).isEqualTo("universal_mean_reversion");
        assertThat(s.scope()).isEqualTo(Strategy.Scope.UNIVERSAL);
        assertThat(s.trainingData().symbols().list()).extracting(Symbol::value)
                .containsExactly("EURUSD", "XAUUSD", "SPY", "AAPL", "IBM", "BTCUSDT", "ETHUSDT");
        assertThat(s.trainingData().timeframes().list()).containsExactly(Timeframe.H1, Timeframe.H4, Timeframe.D1);
        assertThat(s.trainingData().timeframes().base()).isEqualTo(Timeframe.H1);
        assertThat(s.trainingData().historyRequired()).isEqualTo(300);
        assertThat(s.trainingData().startDate()).contains(java.time.LocalDate.of(2010, 1, 1));
        assertThat(s.deployment().mode()).isEqualTo(Deployment.Mode.UNIVERSAL);
        assertThat(s.deployment().supportedTimeframes()).containsExactly(Timeframe.H1, Timeframe.H4, Timeframe.D1);
        assertThat(s.indicators()).containsKeys("rsi_14", "stoch", "bb", "adx_14", "dist_50");
        assertThat(s.fuzzySets()).containsKeys("rsi_14", "stoch_k", "bb_position", "trend_strength", "distance");
        assertThat(s.nnInputs()).hasSize(5);
        assertThat(s.nnInputs().get(0).timeframes()).isEmpty();
        assertThat(s.nnInputs().get(3).timeframes()).containsExactly(Timeframe.H4, Timeframe.D1);
        assertThat(s.model().symbolEncoding()).isEqualTo(new ModelConfig.SymbolEncoding("embedding", 8, 0.1));
        assertThat(s.model().multiSymbol().balanceStrategy()).isEqualTo("balanced");
        assertThat(s.decisions().confidenceThreshold()).isEqualTo(0.55);
        assertThat(s.decisions().minSignalSeparation()).isEqualTo(java.time.Duration.ofHours(4));
        TrainingConfig t = s.training();
        assertThat(t.labels().source()).isEqualTo(TrainingConfig.LabelSource.ZIGZAG);
        assertThat(t.labels().zigzagThreshold()).isEqualTo(0.02);
        assertThat(t.labels().labelLookahead()).as("not read for zigzag: the default").isEqualTo(20);
        assertThat(s.warnings()).extracting(Problem::path).containsExactly("training.labels.label_lookahead");
        assertThat(s.indicatorSpecs()).extracting(dev.ktrdr.api.IndicatorSpec::id)
                .containsExactly("rsi_14", "stoch", "bb", "adx_14", "dist_50");
        assertThat(s.fuzzySetSpecs()).extracting(dev.ktrdr.api.FuzzySetSpec::id)
                .containsExactly("rsi_14", "stoch_k", "bb_position", "trend_strength", "distance");
        assertThat(t.epochs()).isEqualTo(40);
        assertThat(t.batchSize()).isEqualTo(128);
        assertThat(t.earlyStopping()).isEqualTo(new TrainingConfig.EarlyStopping(true, 6, 0.0005));
    }

    @Test
    void olderLayoutHyperParametersUnderModelTrainingReachTheTrainingConfig() {
        Strategy s = StrategyLoader.parse(resource("legacy_v2.yaml"), "legacy");
        assertThat(StrategyMigrator.detect(StrategyYaml.parse(resource("legacy_v2.yaml"), "l"))).isEqualTo(StrategyLayout.LEGACY);
        TrainingConfig t = s.training();
        assertThat(t.epochs()).isEqualTo(100);
        assertThat(t.batchSize()).isEqualTo(32);
        assertThat(t.learningRate()).isEqualTo(0.001);
        assertThat(t.optimizer()).isEqualTo("adam");
        assertThat(t.earlyStopping()).isEqualTo(new TrainingConfig.EarlyStopping(true, 15, 0.001));
        assertThat(t.labels().zigzagThreshold()).isEqualTo(0.05);
        assertThat(s.trainingData().symbols().mode()).isEqualTo(Strategy.SymbolSelection.Mode.SINGLE);
        assertThat(s.trainingData().symbols().list()).containsExactly(Symbol.of("AAPL"));
        assertThat(s.trainingData().timeframes().list()).containsExactly(Timeframe.H1);
        assertThat(s.scope()).isEqualTo(Strategy.Scope.SYMBOL_SPECIFIC);
        assertThat(s.deployment().mode()).isEqualTo(Deployment.Mode.TRAINING_ONLY);
        assertThat(s.indicators().get("rsi")).isEqualTo(Map.of("type", "rsi", "period", 14, "source", "close"));
        assertThat(((Map<?, ?>) s.fuzzySets().get("sma")).get("indicator")).isEqualTo("sma");
        assertThat(s.model().architecture().hiddenLayers()).containsExactly(30, 15, 8);
        assertThat(s.model().features()).isEqualTo(new ModelConfig.Features(true, 2, true));
    }

    @Test
    void changingEachLegacyHyperParameterChangesTheTrainingConfig() {
        String base = resource("legacy_v2.yaml");
        TrainingConfig t0 = StrategyLoader.parse(base, "l").training();
        TrainingConfig t1 = StrategyLoader.parse(base.replace("learning_rate: 0.001", "learning_rate: 0.01")
                .replace("batch_size: 32", "batch_size: 64").replace("epochs: 100", "epochs: 7")
                .replace("patience: 15", "patience: 3").replace("optimizer: adam", "optimizer: sgd"), "l").training();
        assertThat(t1.learningRate()).isEqualTo(0.01).isNotEqualTo(t0.learningRate());
        assertThat(t1.batchSize()).isEqualTo(64);
        assertThat(t1.epochs()).isEqualTo(7);
        assertThat(t1.earlyStopping().patience()).isEqualTo(3);
        assertThat(t1.optimizer()).isEqualTo("sgd");
    }

    @Test
    void everyProblemIsReportedWithItsYamlPath() {
        String bad = resource("mtf_single.yaml")
                .replace("base_timeframe: \"1h\"", "base_timeframe: \"2h\"")
                .replace("epochs: 50", "epochs: 0")
                .replace("batch_size: 64", "batch_size: many")
                .replace("data_split: {train: 0.7, validation: 0.15, test: 0.15}", "data_split: {train: 0.7, validation: 0.2, test: 0.15}")
                .replace("indicator: sma_20", "indicator: sma_50")
                .replace("activation: relu", "activation: sigmoid")
                .replace("confidence_threshold: 0.6", "confidence_treshold: 0.6");
        List<Problem> problems = StrategyLoader.validate(bad, "bad.yaml");
        assertThat(problems).extracting(Problem::toString).contains(
                "training_data.timeframes.base_timeframe: '2h' is not in list [1h, 4h, 1d]",
                "training.epochs: 0 is not in [1, 100000]",
                "training.batch_size: 'many' is not a whole number",
                "fuzzy_sets.sma_20.indicator: 'sma_50' names no indicator; indicators: [rsi_14, macd_12_26_9, sma_20, atr_14]",
                "model.architecture.activation: 'sigmoid' is not one of [relu, tanh, leaky_relu]");
        assertThat(problems).extracting(Problem::path).contains("training.data_split", "decisions.confidence_treshold");
        assertThat(problems).contains(Problem.warning("training.labels.label_lookahead", LOOKAHEAD_WARNING
                .substring("warning: training.labels.label_lookahead: ".length())));
        assertThat(problems).hasSize(8);
        assertThatThrownBy(() -> StrategyLoader.parse(bad, "bad.yaml"))
                .isInstanceOfSatisfying(StrategyValidationException.class, e -> {
                    assertThat(e.problems()).isEqualTo(problems);
                    assertThat(e.getMessage()).startsWith("bad.yaml: 8 problems: ").doesNotContain("\n");
                    assertThat(e.path()).isEqualTo(problems.get(0).path());
                })
                .isInstanceOf(ConfigurationException.class);
    }

    @Test
    void deploymentTimeframesMustBeASubsetOfTheTrainedOnes() {
        String bad = resource("universal_multi.yaml").replace("supported: [\"1h\", \"4h\", \"1d\"]", "supported: [\"1h\", \"15m\"]");
        assertThat(Problem.errors(StrategyLoader.validate(bad, "b"))).extracting(Problem::toString)
                .containsExactly("deployment.target_timeframes.supported[1]: '15m' is not among the trained timeframes [1h, 4h, 1d]");
    }

    @Test
    void modelTrainingInTheCurrentLayoutIsRefusedRatherThanIgnored() {
        String bad = resource("mtf_single.yaml").replace("model:\n  type: mlp\n", "model:\n  type: mlp\n  training: {epochs: 5}\n");
        assertThat(Problem.errors(StrategyLoader.validate(bad, "b"))).extracting(Problem::path).containsExactly("model.training");
    }

    @Test
    void labelSourcesAreTypedWithTheirOwnKeys() {
        String fwd = resource("mtf_single.yaml").replace("labels: {source: zigzag, zigzag_threshold: 0.01, label_lookahead: 20}",
                "labels: {source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 3}");
        TrainingConfig.LabelConfig l = StrategyLoader.parse(fwd, "f").training().labels();
        assertThat(l.source()).isEqualTo(TrainingConfig.LabelSource.ZIGZAG_FORWARD);
        assertThat(l.minSwingLength()).isEqualTo(3);
        assertThat(l.horizon()).isEqualTo(12);
        String tb = resource("mtf_single.yaml").replace("labels: {source: zigzag, zigzag_threshold: 0.01, label_lookahead: 20}",
                "labels: {source: triple_barrier, profit_take: 2.5, stop_loss: 1.5, vertical_barrier: 24, volatility_window: 50}");
        l = StrategyLoader.parse(tb, "t").training().labels();
        assertThat(l.profitTake()).isEqualTo(2.5);
        assertThat(l.stopLoss()).isEqualTo(1.5);
        assertThat(l.horizon()).isEqualTo(24);
        assertThat(l.volatilityWindow()).isEqualTo(50);
        String mixed = resource("mtf_single.yaml").replace("label_lookahead: 20}", "label_lookahead: 20, profit_take: 2}");
        assertThat(StrategyLoader.validate(mixed, "m")).extracting(Problem::toString).containsExactly(LOOKAHEAD_WARNING,
                "warning: training.labels.profit_take: not used by source zigzag; ignored. Keys of zigzag: [zigzag_threshold]");
        assertThat(StrategyLoader.parse(mixed, "m").training().labels().profitTake()).as("not read").isEqualTo(2.0);
        String typo = resource("mtf_single.yaml").replace("label_lookahead: 20}", "label_lookahead: 20, lookahead: 2}");
        assertThat(Problem.errors(StrategyLoader.validate(typo, "m"))).extracting(Problem::toString).containsExactly(
                "training.labels.lookahead: unknown key; known keys here: [label_lookahead, min_swing_length, profit_take, "
                        + "source, stop_loss, vertical_barrier, volatility_window, zigzag_threshold]");
    }

    @Test
    void indicatorTypesAreResolvedInTheCatalogueTheLoaderIsGiven() {
        dev.ktrdr.indicators.IndicatorDefinition rsi = dev.ktrdr.indicators.IndicatorCatalog.builtins().find("rsi");
        dev.ktrdr.indicators.IndicatorCatalog mine = dev.ktrdr.indicators.IndicatorCatalog.builtins().register(
                dev.ktrdr.indicators.IndicatorDefinition.of("house_rsi", List.of(), rsi.category(), "a host's own type",
                        rsi.parameters(), rsi::create));
        String yaml = resource("mtf_single.yaml").replace("type: rsi", "type: house_rsi")
                .replace("training:\n", "overrides:\n  symbols:\n    EURUSD:\n      indicators:\n        rsi_14: {period: 10}\n"
                        + "training:\n");
        assertThat(Problem.errors(StrategyLoader.validate(yaml, "h"))).extracting(Problem::path)
                .containsExactly("indicators.rsi_14.type");
        Strategy s = StrategyLoader.parse(yaml, "h", mine);
        assertThat(s.catalog()).isSameAs(mine);
        assertThat(StrategyLoader.validate(yaml, "h", mine)).isEqualTo(s.warnings());
        Strategy eurusd = StrategyOverrides.resolve(s, new SymbolInfo(Symbol.of("EURUSD"), AssetClass.FOREX, "forex",
                Optional.empty())).strategy();
        assertThat(eurusd.indicatorSpecs().get(0).params()).containsEntry("period", 10);
    }

    @Test
    void symbolsCanBeSelectedByAssetClass() {
        String sel = resource("universal_multi.yaml").replace("list: [EURUSD, XAUUSD, SPY, AAPL, IBM, BTCUSDT, ETHUSDT]",
                "asset_classes: [crypto, fx]");
        Strategy s = StrategyLoader.parse(sel, "s");
        List<SymbolInfo> available = List.of(info("BTCUSDT", AssetClass.CRYPTO), info("SPY", AssetClass.EQUITY),
                info("EURUSD", AssetClass.FOREX));
        assertThat(s.trainingData().symbols().resolve(available)).extracting(Symbol::value).containsExactly("BTCUSDT", "EURUSD");
    }

    @Test
    void aliasBombsAndDeepNestingAreRefused() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'z'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            bomb.append("]\n");
            prev = c;
        }
        assertThatThrownBy(() -> StrategyYaml.parse(bomb.toString(), "bomb.yaml"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("bomb.yaml: line 2: YAML aliases (*a)");
        assertThatThrownBy(() -> StrategyYaml.parse("a: &x [1]\nb: *x\n", "alias.yaml"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("aliases");
        String deep = "a: " + "[".repeat(100) + "]".repeat(100);
        assertThatThrownBy(() -> StrategyYaml.parse(deep, "deep.yaml")).isInstanceOf(ConfigurationException.class);
        assertThatThrownBy(() -> StrategyYaml.parse("a: 1\na: 2\n", "dup.yaml")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("dup.yaml");
    }

    static SymbolInfo info(String s, AssetClass c) {
        return new SymbolInfo(Symbol.of(s), c, c == AssetClass.CRYPTO ? "crypto" : "forex", Optional.empty());
    }
}
