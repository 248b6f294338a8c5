package dev.ktrdr.training.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.mlp.MlpModel;
import dev.ktrdr.training.TestBars;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StrategyTrainerTest {
    static final String STRATEGY = "name: canary\n"
            + "version: \"3.0\"\n"
            + "training_data:\n"
            + "  symbols: {mode: multi_symbol, list: [RW1, RW2, RW3, RW4]}\n"
            + "  timeframes: {mode: multi_timeframe, list: [1h, 4h], base_timeframe: 1h}\n"
            + "indicators:\n"
            + "  rsi_14: {type: rsi, period: 14}\n"
            + "  sma_20: {type: sma, period: 20}\n"
            + "fuzzy_sets:\n"
            + "  rsi_14: {indicator: rsi_14, low: [0, 30, 50], mid: [30, 50, 70], high: [50, 70, 100]}\n"
            + "  sma_20:\n"
            + "    indicator: sma_20\n"
            + "    input_transform: {type: price_ratio}\n"
            + "    below: [0.95, 0.99, 1.0]\n"
            + "    above: [1.0, 1.01, 1.05]\n"
            + "model:\n"
            + "  type: mlp\n"
            + "  architecture: {hidden_layers: [16], activation: relu, dropout: 0.1}\n"
            + "  symbol_encoding: {type: embedding, dim: 2, unknown_symbol_dropout: 0.1}\n"
            + "  multi_symbol: {balance_strategy: balanced}\n"
            + "  features: {include_price_context: true, lookback_periods: 1, scale_features: true}\n"
            + "training:\n"
            + "  labels: LABELS\n"
            + "  data_split: {train: 0.6, validation: 0.2, test: 0.2}\n"
            + "  epochs: 12\n"
            + "  batch_size: 64\n"
            + "  learning_rate: 0.003\n"
            + "  early_stopping: {enabled: true, patience: 3, min_delta: 0.0}\n"
            + "  seed: SEED\n";

    /** Random walks on 1h bars; other timeframes are resampled by the trainer. */
    static BarSource randomWalks(long seed, int bars) {
        return (symbol, tf) -> {
            if (tf != Timeframe.H1) {
                throw new DataException("no " + tf + " bars for " + symbol);
            }
            return TestBars.randomWalk(symbol.value(), seed * 31 + symbol.value().hashCode(), bars);
        };
    }

    static SymbolInfo crypto(Symbol s) {
        return new SymbolInfo(s, AssetClass.CRYPTO, "crypto", Optional.empty());
    }

    static StrategyTrainer.Run run(String labels, long seed, BarSource data) {
        String yaml = STRATEGY.replace("LABELS", labels).replace("SEED", Long.toString(seed));
        return new StrategyTrainer().run(new TrainingRequest(yaml, "canary.yaml", data, StrategyTrainerTest::crypto,
                List.of(), List.of()), ProgressListener.NONE);
    }

    @Test
    void leakCanaryRandomWalksAreNotPredictableBeyondTheMajorityClass() {
        // On random walks the forward move is independent of everything a feature can see: any leak in
        // alignment, labels, scaling, splits or sampling would lift test accuracy above the baseline.
        String[] labelers = {"{source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}",
                "{source: triple_barrier, profit_take: 1.5, stop_loss: 1.5, vertical_barrier: 12, volatility_window: 24}"};
        for (String labels : labelers) {
            for (long seed : new long[] {1, 2, 3}) {
                StrategyTrainer.Run r = run(labels, seed, randomWalks(seed, 2500));
                Map<String, Double> s = r.result().summary();
                assertThat(s.get("test_rows")).isGreaterThan(1500.0);
                assertThat(s.get("test_accuracy")).as("%s seed %d: %s", labels, seed, s)
                        .isLessThanOrEqualTo(s.get("test_baseline_accuracy") + 0.02);
            }
        }
    }

    @Test
    void leakCanaryCatchesHigherTimeframeBarsStampedOneBarEarly() {
        // The same random walks, but the source's 4h bars are stamped 4 hours early: each then looks
        // closed while it still holds the next four hours. The canary must see that leak.
        BarSource honest = randomWalks(1, 2500);
        BarSource leaky = (symbol, tf) -> {
            BarSeries h1 = honest.load(symbol, Timeframe.H1);
            if (tf == Timeframe.H1) {
                return h1;
            }
            BarSeries h4 = new dev.ktrdr.data.CalendarResampler(dev.ktrdr.data.calendar.Calendars.crypto()).resample(h1, tf);
            long[] t = h4.openTimes();
            for (int i = 0; i < t.length; i++) {
                t[i] -= tf.millis();
            }
            return BarSeries.ofOpenTimes(symbol, tf, t, h4.opens(), h4.highs(), h4.lows(), h4.closes(), h4.volumes());
        };
        Map<String, Double> s = run("{source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}",
                1, leaky).result().summary();
        assertThat(s.get("test_accuracy")).as("%s", s).isGreaterThan(s.get("test_baseline_accuracy") + 0.02);
    }

    @Test
    void runProducesPairedSplitsEvaluationAndArtifacts() {
        StrategyTrainer.Run r = run("{source: zigzag, zigzag_threshold: 0.01, label_lookahead: 48}", 7, randomWalks(7, 1500));
        assertThat(r.prepared()).hasSize(4);
        for (StrategyTrainer.Prepared p : r.prepared()) {
            BarSeries base = p.base();
            assertThat(p.dataset().symbol()).isEqualTo(base.symbol());
            assertThat(r.split().of(base.symbol()).train()).isNotEmpty();
        }
        var a = r.result().artifacts();
        assertThat(a.metadata().symbols()).extracting(Symbol::value).containsExactly("RW1", "RW2", "RW3", "RW4");
        assertThat(a.metadata().timeframes()).containsExactly(Timeframe.H1, Timeframe.H4);
        assertThat(a.metadata().architecture().featureNames()).contains("1h_rsi_14_low", "4h_sma_20_above", "ctx_return_5",
                "1h_rsi_14_low_lag1");
        assertThat(a.metricsJson()).contains("\"majority_baseline\"").contains("\"momentum_baseline_test\"")
                .contains("\"per_timeframe\"").contains("\"per_time_window\"").contains("\"symbol_embeddings\"")
                .contains("\"<unknown>\"");
        assertThat(r.result().summary()).containsKeys("temperature", "test_expected_calibration_error",
                "test_expected_calibration_error_scaled");
        assertThat(a.scalerJson()).contains("ktrdr-standard-scaler");
        assertThat(a.metadata().formatId()).isEqualTo(dev.ktrdr.api.internal.ModelCodecs.forModel(a.model()).formatId())
                .isEqualTo("ktrdr-mlp");
        assertThat(a.metadata().scope()).isEqualTo(dev.ktrdr.api.ModelScope.UNIVERSAL);
        // segment labels: no cap, the horizon actually used is recorded per symbol
        assertThat(a.metricsJson()).contains("\"label_horizon_bars\"");
        for (StrategyTrainer.Prepared p : r.prepared()) {
            assertThat(p.dataset().horizon()).isPositive();
        }
        assertThat(r.result().summary()).containsKeys("test_accuracy", "test_baseline_accuracy", "test_accuracy.RW3",
                "momentum_test_accuracy", "validation_accuracy");
    }

    @Test
    void historyCsvHasOneFilledRowPerEpochMatchingTheFinalValidationFigures() {
        StrategyTrainer.Run r = run("{source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}",
                5, randomWalks(5, 1500));
        List<String> lines = r.result().artifacts().historyCsv().lines().toList();
        assertThat(lines).hasSize(1 + r.training().history().size());
        List<String> header = List.of(lines.get(0).split(",", -1));
        assertThat(header).containsExactly("epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy",
                "precision_buy", "precision_hold", "precision_sell", "recall_buy", "recall_hold", "recall_sell",
                "val_accuracy_RW1", "val_accuracy_RW2", "val_accuracy_RW3", "val_accuracy_RW4",
                "importance_1h", "importance_4h", "importance_other", "learning_rate", "gradient_norm", "seconds");
        for (int e = 1; e < lines.size(); e++) {
            String[] f = lines.get(e).split(",", -1);
            assertThat(f).hasSize(header.size());
            for (String col : List.of("train_loss", "val_loss", "val_accuracy", "recall_buy", "recall_hold", "recall_sell",
                    "val_accuracy_RW1", "val_accuracy_RW4", "importance_1h", "importance_4h", "importance_other",
                    "learning_rate", "gradient_norm", "seconds")) {
                assertThat(f[header.indexOf(col)]).as("epoch %d %s", e - 1, col).isNotEmpty();
            }
            var stats = r.training().history().get(e - 1);
            assertThat(Double.parseDouble(f[header.indexOf("val_accuracy")])).isEqualTo(stats.validationAccuracy());
            assertThat(Double.parseDouble(f[header.indexOf("learning_rate")])).isEqualTo(0.003);
        }
        // the best epoch's row holds exactly the per-symbol validation accuracy of the final (best) model,
        // so the listener's predictions were matched to the right rows and symbols
        String[] best = lines.get(1 + r.training().bestEpoch()).split(",", -1);
        r.validation().perSymbol().forEach((sym, m) -> assertThat(Double.parseDouble(best[header.indexOf("val_accuracy_" + sym)]))
                .as("%s", sym).isEqualTo(m.accuracy()));
        assertThat(Double.parseDouble(best[header.indexOf("recall_buy")]))
                .isEqualTo(r.validation().overall().recall(dev.ktrdr.api.Label.BUY));
    }

    @Test
    void leaveOneSymbolOutTestsEachHeldOutSymbolOnItsTestRows() {
        String yaml = STRATEGY.replace("LABELS", "{source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, "
                + "min_swing_length: 1}").replace("SEED", "3").replace("epochs: 12", "epochs: 2");
        TrainingRequest req = new TrainingRequest(yaml, "loso.yaml", randomWalks(3, 1200), StrategyTrainerTest::crypto,
                List.of(Symbol.of("RW1"), Symbol.of("RW2"), Symbol.of("RW3")), List.of());
        var loso = new StrategyTrainer().leaveOneSymbolOut(req, ProgressListener.NONE);
        assertThat(loso.keySet()).extracting(Symbol::value).containsExactly("RW1", "RW2", "RW3");
        StrategyTrainer.Run full = new StrategyTrainer().run(req, ProgressListener.NONE);
        for (var e : loso.entrySet()) {
            assertThat(e.getValue().count()).isEqualTo(full.split().of(e.getKey()).test().length);
        }
        Map<String, Double> g = StrategyTrainer.generalizationSummary(loso);
        assertThat(g).containsKeys("generalization_accuracy", "generalization_baseline_accuracy", "generalization_accuracy.RW2");
        long rows = loso.values().stream().mapToLong(m -> m.count()).sum();
        double correct = loso.values().stream().mapToDouble(m -> m.accuracy() * m.count()).sum();
        assertThat(g.get("generalization_accuracy")).isCloseTo(correct / rows, org.assertj.core.api.Assertions.within(1e-12));
        // with the edge: the same held-out rows, each symbol against its own majority and momentum
        StrategyTrainer.Generalization gen = new StrategyTrainer().generalization(req, ProgressListener.NONE);
        assertThat(gen.perSymbol()).isEqualTo(loso);
        Map<String, Double> ge = StrategyTrainer.generalizationSummary(gen);
        assertThat(ge.get("generalization_accuracy")).isEqualTo(gen.edge().figures().accuracy());
        assertThat(ge.get("generalization_baseline_accuracy")).isCloseTo(g.get("generalization_baseline_accuracy"),
                org.assertj.core.api.Assertions.within(1e-12));
        assertThat(ge).containsKeys("generalization_pooled_majority_accuracy", "generalization_momentum_accuracy",
                "generalization_edge", "generalization_edge_ci_low", "generalization_edge_ci_high", "generalization_edge.RW2");
        assertThat(gen.edge().figures().rows()).isEqualTo(rows);

        // metadata: total samples, asset classes trained on, and the held-out figures beside each symbol's baseline
        var md = full.result().artifacts().metadata();
        assertThat(md.totalSamples()).isEqualTo(md.samplesPerSymbol().values().stream().mapToLong(Long::longValue).sum())
                .isPositive();
        assertThat(md.assetClasses()).containsExactly(dev.ktrdr.api.AssetClass.CRYPTO);
        assertThat(md.generalization()).isEmpty();
        var figures = StrategyTrainer.metadataFigures(gen);
        assertThat(figures.accuracy()).isEqualTo(ge.get("generalization_accuracy"));
        assertThat(figures.baselineAccuracy()).isEqualTo(ge.get("generalization_baseline_accuracy"));
        assertThat(figures.edge()).isEqualTo(ge.get("generalization_edge"));
        for (var e : loso.entrySet()) {
            assertThat(figures.perSymbolAccuracy()).containsEntry(e.getKey(), e.getValue().accuracy());
            assertThat(figures.perSymbolBaseline()).containsEntry(e.getKey(), e.getValue().baseline());
        }
    }

    @Test
    void walkForwardFoldsAreEvaluatedWhenConfiguredAndUnsupportedSettingsAreRefused() {
        String yaml = STRATEGY.replace("LABELS", "{source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, "
                + "min_swing_length: 1}").replace("SEED", "4").replace("epochs: 12", "epochs: 2")
                .replace("  seed: 4\n", "  seed: 4\n  walk_forward: {enabled: true, folds: 3, mode: rolling}\n");
        Map<String, Double> s = new StrategyTrainer().run(new TrainingRequest(yaml, "wf.yaml", randomWalks(4, 1200),
                StrategyTrainerTest::crypto, List.of(Symbol.of("RW1"), Symbol.of("RW2")), List.of()), ProgressListener.NONE)
                .result().summary();
        assertThat(s).containsKeys("walk_forward_accuracy", "walk_forward_baseline_accuracy", "walk_forward_accuracy.0",
                "walk_forward_accuracy.2", "walk_forward_pooled_majority_accuracy", "walk_forward_momentum_accuracy",
                "walk_forward_edge", "walk_forward_edge_ci_low", "walk_forward_edge_ci_high", "walk_forward_edge.1",
                "walk_forward_folds_skipped");
        assertThat(s.get("walk_forward_baseline_accuracy")).isGreaterThanOrEqualTo(s.get("walk_forward_pooled_majority_accuracy"));
        assertThat(s.get("walk_forward_edge")).isEqualTo(s.get("walk_forward_accuracy")
                - Math.max(s.get("walk_forward_baseline_accuracy"), s.get("walk_forward_momentum_accuracy")));
        String unscaled = yaml.replace("scale_features: true", "scale_features: false");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StrategyTrainer().run(new TrainingRequest(unscaled,
                        "u.yaml", randomWalks(4, 1200), StrategyTrainerTest::crypto, List.of(), List.of()), ProgressListener.NONE))
                .isInstanceOf(dev.ktrdr.api.ConfigurationException.class)
                .hasMessageContaining("model.features.scale_features: false is not supported");
    }

    @Test
    void eachOlderLayoutHyperParameterChangesTheTrainedWeights() {
        String legacy = "name: legacy\nversion: \"2.0\"\ndata: {symbols: [RW1], timeframes: [1h]}\n"
                + "indicators:\n  - {name: rsi, period: 14}\n"
                + "fuzzy_sets:\n  rsi: {low: [0, 30, 50], high: [50, 70, 100]}\n"
                + "model:\n  type: mlp\n  architecture: {hidden_layers: [8], dropout: 0.0}\n"
                + "  training: {epochs: 4, batch_size: 32, learning_rate: 0.01, optimizer: adam, "
                + "early_stopping: {enabled: true, patience: 3, min_delta: 0.0}}\n"
                + "training:\n  labels: {source: zigzag_forward, zigzag_threshold: 0.005, label_lookahead: 6, "
                + "min_swing_length: 1}\n";
        float[] base = weights(legacy);
        assertThat(weights(legacy)).isEqualTo(base);
        String[][] variants = {{"epochs: 4", "epochs: 2"}, {"batch_size: 32", "batch_size: 16"},
                {"learning_rate: 0.01", "learning_rate: 0.001"}, {"optimizer: adam", "optimizer: rmsprop"},
                {"min_delta: 0.0}", "min_delta: 10.0}"}};
        for (String[] v : variants) {
            assertThat(legacy).contains(v[0]);
            assertThat(weights(legacy.replace(v[0], v[1]))).as(v[1]).isNotEqualTo(base);
        }
    }

    static float[] weights(String yaml) {
        return ((MlpModel) new StrategyTrainer().run(new TrainingRequest(yaml, "legacy.yaml", randomWalks(2, 800),
                StrategyTrainerTest::crypto, List.of(), List.of()), ProgressListener.NONE).training().model()).parameters();
    }

    @Test
    void theSameRequestGivesIdenticalWeightsAndFigures() {
        StrategyTrainer.Run a = run("{source: triple_barrier, profit_take: 1, stop_loss: 1, vertical_barrier: 6, "
                + "volatility_window: 12}", 9, randomWalks(9, 1000));
        StrategyTrainer.Run b = run("{source: triple_barrier, profit_take: 1, stop_loss: 1, vertical_barrier: 6, "
                + "volatility_window: 12}", 9, randomWalks(9, 1000));
        assertThat(((MlpModel) b.training().model()).parameters()).isEqualTo(((MlpModel) a.training().model()).parameters());
        assertThat(b.result().summary()).isEqualTo(a.result().summary());
        assertThat(b.result().artifacts().metricsJson()).isEqualTo(a.result().artifacts().metricsJson());
    }

    @Test
    void dateRangeKeepsHistoryRequiredForWarmUpButTrainsFromTheStartDate() {
        // random walks start 2020-01-06T00:00Z, hourly: 2020-01-20 is bar 336
        String yaml = STRATEGY.replace("LABELS", "{source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 6, "
                + "min_swing_length: 1}").replace("SEED", "1").replace("epochs: 12", "epochs: 1")
                .replace("base_timeframe: 1h}\n", "base_timeframe: 1h}\n  history_required: 100\n"
                        + "  start_date: \"2020-01-20\"\n  end_date: \"2020-02-10\"\n");
        StrategyTrainer.Run r = new StrategyTrainer().run(new TrainingRequest(yaml, "range.yaml", randomWalks(1, 2000),
                StrategyTrainerTest::crypto, List.of(Symbol.of("RW1")), List.of()), ProgressListener.NONE);
        StrategyTrainer.Prepared p = r.prepared().get(0);
        long start = java.time.Instant.parse("2020-01-20T00:00:00Z").toEpochMilli();
        long end = java.time.Instant.parse("2020-02-11T00:00:00Z").toEpochMilli();
        // 100 bars of history before the start date were loaded for warm-up (20 for sma_20 is enough) ...
        assertThat(p.base().openTime(0)).isEqualTo(start - 100 * Timeframe.H1.millis());
        assertThat(p.base().openTime(p.base().size() - 1)).isLessThan(end);
        // ... but the first training row is the start date itself
        assertThat(p.dataset().time(0)).isEqualTo(start);
    }

    @Test
    void everyHyperParameterReachesTheTrainer() {
        String labels = "{source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}";
        String yaml = STRATEGY.replace("LABELS", labels).replace("SEED", "5");
        var base = StrategyTrainer.mlpConfig(dev.ktrdr.training.strategy.StrategyLoader.parse(yaml, "a"));
        assertThat(base.maxEpochs()).isEqualTo(12);
        assertThat(base.batchSize()).isEqualTo(64);
        assertThat(base.learningRate()).isEqualTo(0.003);
        assertThat(base.patience()).isEqualTo(3);
        assertThat(base.seed()).isEqualTo(5);
        assertThat(base.hiddenSizes()).containsExactly(16);
        assertThat(base.embeddingDim()).isEqualTo(2);
        // the same settings under model.training in the older layout reach the trainer too
        String legacy = "name: legacy\nversion: \"2.0\"\ndata: {symbols: [RW1], timeframes: [1h]}\n"
                + "indicators:\n  - {name: rsi, period: 14}\n"
                + "fuzzy_sets:\n  rsi: {low: [0, 30, 50], high: [50, 70, 100]}\n"
                + "model:\n  type: mlp\n  architecture: {hidden_layers: [8]}\n"
                + "  training: {epochs: 3, batch_size: 16, learning_rate: 0.05, optimizer: sgd, "
                + "early_stopping: {enabled: true, patience: 2, min_delta: 0.01}}\n"
                + "training:\n  labels: " + labels + "\n";
        var l = StrategyTrainer.mlpConfig(dev.ktrdr.training.strategy.StrategyLoader.parse(legacy, "l"));
        assertThat(l.maxEpochs()).isEqualTo(3);
        assertThat(l.batchSize()).isEqualTo(16);
        assertThat(l.learningRate()).isEqualTo(0.05);
        assertThat(l.patience()).isEqualTo(2);
        assertThat(l.minDelta()).isEqualTo(0.01);
        assertThat(l.optimizer().name()).isEqualTo("SGD");
        // and changes the trained result: fewer epochs run
        StrategyTrainer.Run r = new StrategyTrainer().run(new TrainingRequest(legacy, "legacy.yaml", randomWalks(1, 1200),
                StrategyTrainerTest::crypto, List.of(), List.of()), ProgressListener.NONE);
        assertThat(r.training().history().size()).isLessThanOrEqualTo(3);
    }
}
