package dev.ktrdr.training.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegimeDataTest {
    static final String STRATEGY = StrategyTrainerTest.STRATEGY
            .replace("[RW1, RW2, RW3, RW4]", "[EURUSD, GBPUSD, BTCUSDT, ETHUSDT, AAPL, SPY]")
            .replace("epochs: 12", "epochs: 30").replace("patience: 3", "patience: 6")
            .replace("  sma_20: {type: sma, period: 20}\n", "  sma_20: {type: sma, period: 20}\n  sma_100: {type: sma, period: 100}\n")
            .replace("model:\n", "  sma_100:\n    indicator: sma_100\n    input_transform: {type: price_ratio}\n"
                    + "    below: [0.9, 0.97, 1.0]\n    near: [0.98, 1.0, 1.02]\n    above: [1.0, 1.03, 1.1]\nmodel:\n")
            .replace("LABELS", "{source: zigzag_forward, zigzag_threshold: 0.02, label_lookahead: 48, min_swing_length: 1}")
            .replace("SEED", "7")
            // the figures below are one-thread runs (training.threads defaults to all cores; another thread count
            // trains other, equally valid weights: seed 2 on two threads reads +0.8 points)
            + "  threads: 1\n";

    @Test
    void aUniversalModelStaysAboveThePerSymbolBaselineOnRegimeSwitchingData() {
        // Where structure exists (trend regimes lasting ~300 bars) the universal model's test accuracy is above
        // the per-symbol baseline: +5.2 points (seed 1) and +1.5 points (seed 2). Neither is distinguishable from
        // it at 95% (intervals [-2.6, +10.8] and [-5.5, +5.1]: "no edge"); against the pooled majority these runs
        // once read as edges of 8.1 and 5.8 points. Only AAPL and SPY reach the shared test window (their hourly
        // bars cover more days), so the test rows are theirs. The leak canary's positive control is
        // StrategyTrainerTest.leakCanaryCatchesHigherTimeframeBarsStampedOneBarEarly.
        List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.defaultUniverse();
        Map<Symbol, SymbolInfo> infos = new HashMap<>();
        for (SymbolInfo i : SyntheticMarket.infos(specs)) {
            infos.put(i.symbol(), i);
        }
        for (long seed : new long[] {1, 2}) {
            Map<Symbol, BarSeries> bars = SyntheticMarket.generate(new SyntheticMarket.Config(specs, Timeframe.H1,
                    Instant.parse("2022-01-03T00:00:00Z"), 4000, seed, 0.25, 0.35, 300));
            BarSource source = (s, tf) -> {
                if (tf != Timeframe.H1) {
                    throw new DataException("no " + tf + " file");
                }
                return bars.get(s);
            };
            StrategyTrainer.Run run = new StrategyTrainer().run(new TrainingRequest(STRATEGY, "regime.yaml", source, infos::get,
                    List.of(), List.of()), ProgressListener.NONE);
            Map<String, Double> s = run.result().summary();
            assertThat(s.get("test_rows")).isGreaterThan(4000.0);
            assertThat(s.get("test_edge")).as("seed %d: %s", seed, run.testEdge().line()).isGreaterThan(0.01);
            assertThat(s.get("test_baseline_accuracy")).isGreaterThanOrEqualTo(s.get("test_pooled_majority_accuracy"));
        }
    }
}
