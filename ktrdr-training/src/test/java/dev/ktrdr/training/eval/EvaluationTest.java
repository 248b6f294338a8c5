package dev.ktrdr.training.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.TestBars;
import dev.ktrdr.training.TestData;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.labels.ZigZagForwardLabeler;
import dev.ktrdr.training.labels.ZigZagSegmentLabeler;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EvaluationTest {
    static final byte[] ACTUAL = {0, 0, 1, 1, 1, 2};
    static final byte[] PREDICTED = {0, 1, 1, 1, 2, 2};

    @Test
    void metricsByHand() {
        ClassificationMetrics m = ClassificationMetrics.of(ACTUAL, PREDICTED);
        assertThat(m.confusion()).isDeepEqualTo(new long[][] {{1, 1, 0}, {0, 2, 1}, {0, 0, 1}});
        assertThat(m.accuracy()).isEqualTo(4.0 / 6);
        assertThat(m.baseline()).isEqualTo(0.5); // HOLD is 3 of 6
        assertThat(m.precision(Label.BUY)).isEqualTo(1.0);
        assertThat(m.precision(Label.HOLD)).isEqualTo(2.0 / 3);
        assertThat(m.precision(Label.SELL)).isEqualTo(0.5);
        assertThat(m.recall(Label.BUY)).isEqualTo(0.5);
        assertThat(m.recall(Label.HOLD)).isEqualTo(2.0 / 3);
        assertThat(m.recall(Label.SELL)).isEqualTo(1.0);
        for (Label l : Label.values()) {
            assertThat(m.f1(l)).isCloseTo(2.0 / 3, within(1e-15));
        }
        assertThat(m.toString()).isEqualTo("accuracy 66.67% (majority baseline 50.00%) on 6 rows");
        ClassificationMetrics never = ClassificationMetrics.of(new byte[] {0, 1}, new byte[] {1, 1});
        assertThat(never.precision(Label.BUY)).isNaN();
        assertThat(never.recall(Label.SELL)).isNaN();
    }

    @Test
    void perSymbolMetricsUseEachSymbolsOwnBaseline() {
        Evaluation e = Evaluation.of(ACTUAL, PREDICTED, new int[] {0, 0, 0, 1, 1, 1}, List.of(Symbol.of("A"), Symbol.of("B")));
        assertThat(e.perSymbol().get(Symbol.of("A")).accuracy()).isEqualTo(2.0 / 3);
        assertThat(e.perSymbol().get(Symbol.of("A")).baseline()).isEqualTo(2.0 / 3); // BUY 2 of 3
        assertThat(e.perSymbol().get(Symbol.of("B")).baseline()).isEqualTo(2.0 / 3); // HOLD 2 of 3
        Map<String, Double> s = e.summary("test_");
        // baseline_accuracy is per symbol: (2 + 2) / 6; the pooled majority of all six rows is 3 / 6
        assertThat(s).containsEntry("test_accuracy", 4.0 / 6).containsEntry("test_baseline_accuracy", 4.0 / 6)
                .containsEntry("test_pooled_majority_accuracy", 0.5).containsEntry("test_accuracy.B", 2.0 / 3);
        assertThat(e.perSymbolBaseline()).isEqualTo(4.0 / 6);
    }

    @Test
    void expectedCalibrationErrorByHand() {
        double[] p = {0.9, 0.05, 0.05, 0.8, 0.1, 0.1, 0.2, 0.6, 0.2, 0.3, 0.3, 0.4};
        byte[] y = {0, 1, 1, 0};
        // bin (0, .5]: one row, conf .4, wrong -> .25 * .4; bin (.5, 1]: conf mean .76667, accuracy 2/3 -> .75 * .1
        assertThat(Calibration.expectedCalibrationError(p, y, 2)).isCloseTo(0.175, within(1e-12));
    }

    @Test
    void temperatureScalingByHand() {
        double[] t2 = Calibration.applyTemperature(new double[] {0.64, 0.32, 0.04}, 2);
        // square roots 0.8, 0.565685, 0.2 normalised by their sum 1.565685
        assertThat(t2[0]).isCloseTo(0.8 / 1.5656854249, within(1e-9));
        assertThat(t2[2]).isCloseTo(0.2 / 1.5656854249, within(1e-9));
        // Calibrated frequencies (.5, .3, .2) predicted as their normalised squares: the best temperature is 2
        double[] q = {0.25 / 0.38, 0.09 / 0.38, 0.04 / 0.38};
        double[] probs = new double[30];
        byte[] y = {0, 0, 0, 0, 0, 1, 1, 1, 2, 2};
        for (int r = 0; r < 10; r++) {
            System.arraycopy(q, 0, probs, 3 * r, 3);
        }
        assertThat(Calibration.fitTemperature(probs, y)).isCloseTo(2.0, within(1e-4));
        assertThat(Calibration.logLoss(Calibration.applyTemperature(probs, 2), y))
                .isLessThan(Calibration.logLoss(probs, y));
    }

    @Test
    void momentumBaselineByHand() {
        BarSeries s = TestBars.closes("X", 1, 2, 3, 2, 2);
        assertThat(new MomentumBaseline(1).predict(s)).containsExactly(1, 0, 0, 2, 1);
    }

    @Test
    void temperedLogLossIsLogLossOfTheTemperedProbabilitiesBitForBit() {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        int n = 500;
        double[] p = new double[n * 3];
        byte[] actual = new byte[n];
        for (int r = 0; r < n; r++) {
            double a = rng.nextDouble();
            double b = rng.nextDouble();
            // some rows certain (zeros hit the floor), some nearly so
            if (r % 7 == 0) {
                a = 0;
            }
            if (r % 11 == 0) {
                b = 1e-300;
            }
            double sum = a + b + 0.5;
            p[r * 3] = a / sum;
            p[r * 3 + 1] = b / sum;
            p[r * 3 + 2] = 0.5 / sum;
            actual[r] = (byte) rng.nextInt(3);
        }
        double[] logs = new double[p.length];
        for (int i = 0; i < logs.length; i++) {
            logs[i] = Math.log(Math.max(Calibration.FLOOR, p[i]));
        }
        for (double t : new double[] {0.05, 0.3, 1, 1.7, 20}) {
            assertThat(Double.doubleToRawLongBits(Calibration.temperedLogLoss(logs, actual, t))).as("T = " + t)
                    .isEqualTo(Double.doubleToRawLongBits(Calibration.logLoss(Calibration.applyTemperature(p, t), actual)));
        }
        assertThat(Calibration.temperedLogLoss(new double[0], new byte[0], 1)).isNaN();
    }

    @Test
    void momentumRowsInAnyOrderAreTheBaselineAtTheirBars() {
        BarSeries s = TestBars.randomWalk("RW", 7, 400);
        SymbolDataset d = SymbolDataset.pair(TestData.features(s, 0, 0), new ZigZagForwardLabeler(0.01, 20, 1).label(s));
        byte[] all = new MomentumBaseline(5).predict(s);
        int[][] orders = {IntStream.range(0, d.rows()).toArray(), IntStream.range(0, d.rows()).map(r -> d.rows() - 1 - r).toArray(),
            IntStream.range(0, d.rows()).filter(r -> r % 3 != 1).toArray(), {5, 5, 0, 17, 16, 300, 2}};
        for (int[] rows : orders) {
            byte[] got = new MomentumBaseline(5).predictRows(d, s, rows);
            for (int i = 0; i < rows.length; i++) {
                int bar = java.util.Arrays.binarySearch(s.openTimes(), d.time(rows[i]));
                assertThat(got[i]).as("row " + rows[i]).isEqualTo(all[bar]);
            }
        }
    }

    @Test
    void segmentLabelsRewardMomentumOnARandomWalkButForwardLabelsDoNot() {
        // The documented caveat of segment labels, as a test: on a random walk (no edge exists) a 5-bar
        // momentum rule beats the majority class on segment labels by a wide margin, but not on
        // forward-window labels.
        BarSeries s = TestBars.randomWalk("RW", 42, 6000);
        int[] rows = IntStream.range(0, 5000).toArray();
        SymbolDataset seg = SymbolDataset.pair(TestData.features(s, 0, 0), new ZigZagSegmentLabeler(0.02).label(s));
        int[] segRows = IntStream.of(rows).filter(r -> seg.classAt(r) >= 0).toArray();
        ClassificationMetrics segM = new MomentumBaseline(5).evaluate(seg, s, segRows);
        assertThat(segM.edgeOverBaselinePoints()).isGreaterThan(10);
        SymbolDataset fwd = SymbolDataset.pair(TestData.features(s, 0, 0), new ZigZagForwardLabeler(0.01, 20, 1).label(s));
        int[] fwdRows = IntStream.of(rows).filter(r -> fwd.classAt(r) >= 0).toArray();
        ClassificationMetrics fwdM = new MomentumBaseline(5).evaluate(fwd, s, fwdRows);
        assertThat(fwdM.accuracy()).isLessThan(fwdM.baseline() + 0.02);
    }

    @Test
    void embeddingDistancesAndPcaByHand() {
        EmbeddingAnalysis a = EmbeddingAnalysis.of(List.of("a", "b", "c"), new double[][] {{1, 0}, {-1, 0}, {0, 2}});
        assertThat(a.euclidean()[0][1]).isEqualTo(2.0);
        assertThat(a.euclidean()[0][2]).isCloseTo(Math.sqrt(5), within(1e-15));
        assertThat(a.cosine()[0][1]).isEqualTo(2.0);
        assertThat(a.cosine()[0][2]).isEqualTo(1.0);
        // centred: (1,-2/3), (-1,-2/3), (0,4/3); variance along y 24/9 > along x 2
        assertThat(a.coordinates()[0][0]).isCloseTo(-2.0 / 3, within(1e-12));
        assertThat(a.coordinates()[2][0]).isCloseTo(4.0 / 3, within(1e-12));
        assertThat(a.coordinates()[0][1]).isCloseTo(1.0, within(1e-12));
        assertThat(a.coordinates()[1][1]).isCloseTo(-1.0, within(1e-12));
        assertThat(a.explainedVariance()[0]).isCloseTo(24.0 / 42, within(1e-12));
        assertThat(a.explainedVariance()[1]).isCloseTo(18.0 / 42, within(1e-12));
    }

    @Test
    void epochCsvLinesByHand() {
        EpochCsv csv = new EpochCsv(List.of(Symbol.of("EURUSD"), Symbol.of("BTCUSDT")));
        EpochRecord r = new EpochRecord(3, 0.9, 0.5, 1.1, 0.4, new double[] {0.5, 0.25, Double.NaN}, new double[] {1, 0, 0},
                Map.of(Symbol.of("EURUSD"), 0.375), 0.001, 2.5, 1.25);
        assertThat(csv.toCsv(List.of(r))).isEqualTo(
                "epoch,train_loss,train_accuracy,val_loss,val_accuracy,precision_buy,precision_hold,precision_sell,"
                        + "recall_buy,recall_hold,recall_sell,val_accuracy_EURUSD,val_accuracy_BTCUSDT,learning_rate,"
                        + "gradient_norm,seconds\n"
                        + "3,0.9,0.5,1.1,0.4,0.5,0.25,,1.0,0.0,0.0,0.375,,0.001,2.5,1.25\n");
        Evaluation e = Evaluation.of(ACTUAL, PREDICTED, new int[] {0, 0, 0, 1, 1, 1}, List.of(Symbol.of("EURUSD"), Symbol.of("BTCUSDT")));
        EpochRecord fromEval = EpochRecord.of(0, 1, 0.5, 1, e, 0.01, 1, 2);
        assertThat(fromEval.precision()).containsExactly(1.0, 2.0 / 3, 0.5);
        assertThat(fromEval.symbolAccuracy()).containsEntry(Symbol.of("BTCUSDT"), 2.0 / 3);
    }
}
