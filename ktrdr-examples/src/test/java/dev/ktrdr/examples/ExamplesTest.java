package dev.ktrdr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.UniversalModelLoader;
import dev.ktrdr.training.backtest.Performance;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each example program runs on synthetic data and produces what its documentation promises. */
class ExamplesTest {
    @TempDir
    Path dir;

    @Test
    void quickStartTrainsEvaluatesAndStoresAModelForOneSymbol() throws Exception {
        StrategyTrainer.Run run = QuickStart.run(Examples.resource("quickstart.yaml"), dir, 3_000);
        assertThat(run.test().overall().count()).isGreaterThan(200);
        assertThat(run.test().overall().accuracy()).isBetween(0.0, 1.0);
        assertThat(run.result().artifacts().metadata().symbols()).containsExactly(Symbol.of("EURUSD"));
        try (Stream<Path> manifests = Files.walk(dir)) {
            assertThat(manifests.filter(p -> p.getFileName().toString().equals("manifest.json")).count()).isEqualTo(1);
        }
    }

    @Test
    void multiTimeframeFeaturesFromAPrefixEqualTheFullRunsRowsUpToThePrefix() {
        MultiTimeframe.Result r = MultiTimeframe.run(2_500);
        FeatureMatrix full = r.full();
        FeatureMatrix prefix = r.prefix();
        assertThat(full.spec().names()).anyMatch(n -> n.startsWith("1h_")).anyMatch(n -> n.startsWith("4h_"))
                .anyMatch(n -> n.startsWith("1d_"));
        assertThat(prefix.rows()).isGreaterThan(100).isLessThan(full.rows());
        // the prefix's rows are the full run's first rows, value for value: nothing after the cut leaked in
        for (int row = 0; row < prefix.rows(); row++) {
            assertThat(prefix.time(row)).isEqualTo(full.time(row));
            for (int c = 0; c < full.columns(); c++) {
                assertThat(prefix.get(row, c)).as("row %d column %s", row, full.spec().names().get(c)).isEqualTo(full.get(row, c));
            }
        }
    }

    @Test
    void universalModelServesASymbolItNeverSawThroughTheUniversalRung() {
        UniversalModel.Result r = UniversalModel.run(dir, 3_000);
        assertThat(r.resolution().rung()).isEqualTo(UniversalModelLoader.Rung.UNIVERSAL);
        assertThat(r.resolution().unseenSymbol()).isTrue();
        assertThat(r.training().result().artifacts().metadata().symbols()).doesNotContain(Symbol.of("GBPUSD")).hasSize(4);
        assertThat(r.unseen().count()).isGreaterThan(500);
        assertThat(r.unseen().accuracy()).isBetween(0.0, 1.0);
    }

    @Test
    void backtestReplaysOnlyTheTestWindowWithCostsAndABuyAndHoldBenchmark() {
        Backtest.Result r = Backtest.run(4_000);
        Backtester.Result b = r.result();
        assertThat(b.equityTimes()[0]).isEqualTo(r.windowStart());
        for (Backtester.Trade t : b.trades()) {
            assertThat(t.entryTime()).isGreaterThan(r.windowStart());
            assertThat(t.costs()).isPositive();
        }
        assertThat(b.metrics().get(Performance.FINAL_EQUITY)).isEqualTo(b.equity()[b.equity().length - 1]);
        assertThat(b.metrics()).containsKeys(Performance.BUY_HOLD_RETURN, Performance.SHARPE, Performance.MAX_DRAWDOWN);
    }

    @Test
    void liveHostDecidesBarByBarExactlyAsTheBacktest() {
        LiveHost.Result r = LiveHost.run(2_500);
        assertThat(r.decisions()).hasSize(r.batch().length);
        assertThat(r.differing()).isZero();
        assertThat(r.trades()).as("the comparison must cover entries, not only HOLD").isPositive();
        assertThat(r.decisions().stream().filter(d -> d.label() != null).count()).isGreaterThan(1_000);
        assertThat(r.decisions().get(0).label()).as("warm-up bars have no decision").isNull();
        assertThat(r.batch()[r.batch().length - 1]).isEqualTo(Label.NONE);
    }

    @Test
    void customIndicatorJoinsTheCatalogueAndFeedsTheModel() {
        StrategyTrainer.Run run = CustomIndicator.run(2_500);
        assertThat(run.result().artifacts().model().featureSpec().names()).contains("1h_rpos_48_low", "4h_rpos_48_mid",
                "1d_rpos_48_high");
        assertThat(run.test().overall().count()).isGreaterThan(100);
    }
}
