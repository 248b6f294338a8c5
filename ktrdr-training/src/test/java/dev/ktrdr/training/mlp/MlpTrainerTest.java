package dev.ktrdr.training.mlp;

import dev.ktrdr.api.internal.BalancedMultiSymbolSampler;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MlpTrainerTest {

    private static MlpConfig.Builder small() {
        return MlpConfig.builder().hiddenSizes(16, 8).dropout(0.1).batchSize(32).maxEpochs(8).patience(0).seed(5)
                .learningRate(0.01);
    }

    @Test
    void sameSeedAndDataGiveBitIdenticalWeights() {
        List<SymbolRows> train = List.of(MlpTestData.xor("A", 600, 3, 1), MlpTestData.xor("B", 400, 3, 2));
        List<SymbolRows> val = List.of(MlpTestData.xor("A", 200, 3, 3));
        MlpConfig cfg = small().symbolEncoding(SymbolEncoding.Kind.EMBEDDING).embeddingDim(3).symbolDropout(0.1)
                .dropout(0.2).build();
        MlpTrainingResult a = new MlpTrainer(cfg).train(train, val);
        MlpTrainingResult b = new MlpTrainer(cfg).train(train, val);
        assertThat(a.model().parameters()).isEqualTo(b.model().parameters());
        float[] pa = a.model().parameters();
        float[] pb = b.model().parameters();
        for (int i = 0; i < pa.length; i++) {
            assertThat(Float.floatToRawIntBits(pa[i])).isEqualTo(Float.floatToRawIntBits(pb[i]));
        }
        MlpTrainingResult c = new MlpTrainer(cfg.toBuilder().seed(6).build()).train(train, val);
        assertThat(Arrays.equals(c.model().parameters(), pa)).isFalse();
    }

    @Test
    void twoThreadsPerBatchAreDeterministicAndLearn() {
        List<SymbolRows> train = List.of(MlpTestData.xor("A", 2000, 2, 1));
        List<SymbolRows> val = List.of(MlpTestData.xor("A", 500, 2, 9));
        MlpConfig cfg = small().threads(2).batchSize(64).maxEpochs(30).learningRate(0.02).build();
        MlpTrainingResult a = new MlpTrainer(cfg).train(train, val);
        MlpTrainingResult b = new MlpTrainer(cfg).train(train, val);
        assertThat(a.model().parameters()).isEqualTo(b.model().parameters());
        assertThat(MlpTestData.accuracy(a.model(), val, null)).isGreaterThan(0.8);
    }

    @Test
    void validationFiguresDoNotDependOnTheThreadsThatComputeThem() {
        // batches of one row: a second thread's part of each batch is empty, so 1 and 3 threads train the same
        // weights, while the validation pass (4 batches of 512 rows and a short one) is spread over the threads
        List<SymbolRows> train = List.of(MlpTestData.xor("A", 300, 2, 1), MlpTestData.xor("B", 200, 2, 4));
        List<SymbolRows> val = List.of(MlpTestData.xor("A", 1200, 2, 9), MlpTestData.xor("B", 1000, 2, 8));
        MlpConfig one = small().batchSize(1).maxEpochs(3).dropout(0).symbolEncoding(SymbolEncoding.Kind.EMBEDDING)
                .embeddingDim(2).build();
        MlpTrainingResult a = new MlpTrainer(one).train(train, val);
        MlpTrainingResult b = new MlpTrainer(one.toBuilder().threads(3).build()).train(train, val);
        assertThat(b.model().parameters()).isEqualTo(a.model().parameters());
        for (int e = 0; e < a.history().size(); e++) {
            EpochStats x = a.history().get(e);
            EpochStats y = b.history().get(e);
            assertThat(Double.doubleToRawLongBits(y.validationLoss())).as("epoch %d loss", e)
                    .isEqualTo(Double.doubleToRawLongBits(x.validationLoss()));
            assertThat(y.validationAccuracy()).as("epoch %d accuracy", e).isEqualTo(x.validationAccuracy());
            assertThat(x.validationLoss()).isFinite();
        }
    }

    @Test
    void learnsXorLikeDataWellAboveChance() {
        List<SymbolRows> train = List.of(MlpTestData.xor("A", 3000, 2, 1));
        List<SymbolRows> val = List.of(MlpTestData.xor("A", 1000, 2, 2));
        MlpTrainingResult r = new MlpTrainer(small().maxEpochs(40).learningRate(0.02).build()).train(train, val);
        // the majority class holds about 45% of the rows; a linear model cannot separate XOR
        assertThat(MlpTestData.accuracy(r.model(), val, null)).isGreaterThan(0.85);
        assertThat(r.history()).hasSizeLessThanOrEqualTo(40);
        assertThat(r.history().get(r.history().size() - 1).trainLoss()).isLessThan(r.history().get(0).trainLoss());
    }

    @Test
    void everyOptimizerAndActivationLearns() {
        List<SymbolRows> train = List.of(MlpTestData.xor("A", 1500, 0, 1));
        List<SymbolRows> val = List.of(MlpTestData.xor("A", 400, 0, 2));
        for (Optimizer o : Optimizer.values()) {
            for (Activation a : Activation.values()) {
                double lr = o == Optimizer.SGD ? 0.05 : 0.01;
                MlpTrainingResult r = new MlpTrainer(small().optimizer(o).activation(a).learningRate(lr).maxEpochs(25)
                        .patience(5).build()).train(train, val);
                assertThat(MlpTestData.accuracy(r.model(), val, null)).as(o + " " + a).isGreaterThan(0.75);
            }
        }
    }

    @Test
    void earlyStoppingRestoresTheBestWeightsNotTheLast() {
        List<SymbolRows> train = List.of(MlpTestData.noise("A", 300, 10, 1));
        List<SymbolRows> val = List.of(MlpTestData.noise("A", 300, 10, 2));
        MlpConfig cfg = MlpConfig.builder().hiddenSizes(128, 64).dropout(0).learningRate(0.01).batchSize(16)
                .maxEpochs(60).patience(5).seed(3).build();
        MlpTrainingResult r = new MlpTrainer(cfg).train(train, val);
        int last = r.history().size() - 1;
        assertThat(r.stoppedEarly()).isTrue();
        assertThat(r.bestEpoch()).isEqualTo(last - 5);
        double bestVal = r.history().get(r.bestEpoch()).validationLoss();
        for (EpochStats e : r.history()) {
            assertThat(e.validationLoss()).isGreaterThanOrEqualTo(bestVal);
        }
        double lastVal = r.history().get(last).validationLoss();
        assertThat(lastVal).isGreaterThan(bestVal + 1e-3);
        // the returned model reproduces the best epoch's validation loss, not the last one's
        double recomputed = MlpTestData.crossEntropy(r.model(), val);
        assertThat(recomputed).isCloseTo(bestVal, within(1e-5));
        assertThat(Math.abs(recomputed - lastVal)).isGreaterThan(1e-3);
    }

    @Test
    void minDeltaIgnoresTinyImprovements() {
        List<SymbolRows> train = List.of(MlpTestData.xor("A", 500, 1, 1));
        List<SymbolRows> val = List.of(MlpTestData.xor("A", 200, 1, 2));
        MlpTrainingResult r = new MlpTrainer(small().maxEpochs(50).patience(2).minDelta(10).build()).train(train, val);
        // no epoch can improve by 10 nats, so the run stops after the first epoch plus patience
        assertThat(r.history()).hasSize(3);
        assertThat(r.bestEpoch()).isZero();
    }

    @Test
    void embeddingWithUnknownSlotServesAnUnseenSymbol() {
        List<SymbolRows> train = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            train.add(MlpTestData.xor("S" + s, 800, 1, 10 + s));
        }
        List<SymbolRows> val = List.of(MlpTestData.xor("S0", 300, 1, 30));
        MlpConfig cfg = small().maxEpochs(40).learningRate(0.02).symbolEncoding(SymbolEncoding.Kind.EMBEDDING)
                .embeddingDim(4).symbolDropout(0.3).build();
        MlpModel model = new MlpTrainer(cfg).train(train, val).model();
        Symbol unseen = Symbol.of("NEVER_SEEN");
        assertThat(model.knows(unseen)).isFalse();
        assertThat(model.slotOf(unseen)).isEqualTo(4);
        List<SymbolRows> fresh = List.of(MlpTestData.xor("NEVER_SEEN", 500, 1, 99));
        assertThat(MlpTestData.accuracy(model, fresh, null)).isGreaterThan(0.8);
        double[] p = new double[3];
        double[] row = new double[3];
        fresh.get(0).features().copyRow(0, row, 0);
        model.predict(row, unseen, p);
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1.0, within(1e-12));
        assertThat(model.embedding(unseen)).hasSize(4);
        assertThat(model.embedding(unseen)).isNotEqualTo(model.embedding(Symbol.of("S0")));
    }

    @Test
    void classWeightsAndFocalLossChangeTheResult() {
        List<SymbolRows> train = List.of(MlpTestData.xor("A", 600, 1, 1));
        float[] plain = new MlpTrainer(small().build()).train(train, List.of()).model().parameters();
        float[] weighted = new MlpTrainer(small().classWeights(true).build()).train(train, List.of()).model().parameters();
        float[] focal = new MlpTrainer(small().loss(Loss.FOCAL).focalGamma(2).build()).train(train, List.of()).model()
                .parameters();
        assertThat(Arrays.equals(plain, weighted)).isFalse();
        assertThat(Arrays.equals(plain, focal)).isFalse();
    }

    @Test
    void unlabelledRowsAreNeverTrainedOn() {
        SymbolRows base = MlpTestData.xor("A", 400, 1, 1);
        byte[] labels = base.labels();
        byte[] some = labels.clone();
        for (int i = 0; i < some.length; i += 2) {
            some[i] = Label.NONE;
        }
        FeatureMatrix fm = base.features();
        int[] keep = new int[200];
        for (int i = 0; i < 200; i++) {
            keep[i] = 2 * i + 1;
        }
        // the same rows without the NONE ones must give the same model
        double[] values = new double[200 * fm.columns()];
        long[] times = new long[200];
        byte[] kept = new byte[200];
        for (int i = 0; i < 200; i++) {
            times[i] = fm.time(keep[i]);
            fm.copyRow(keep[i], values, i * fm.columns());
            kept[i] = labels[keep[i]];
        }
        SymbolRows only = new SymbolRows(new FeatureMatrix(fm.symbol(), fm.spec(), times, values), kept);
        MlpConfig cfg = small().maxEpochs(3).build();
        float[] a = new MlpTrainer(cfg).train(List.of(new SymbolRows(fm, some)), List.of()).model().parameters();
        float[] b = new MlpTrainer(cfg).train(List.of(only), List.of()).model().parameters();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void batchPlanRowsOutsideTheTrainingSetAreRefused() {
        List<SymbolRows> train = List.of(MlpTestData.xor("A", 50, 1, 1));
        BalancedMultiSymbolSampler bad = (rows, size, epoch) -> new int[][]{{0, 1, 50}};
        assertThatThrownBy(() -> new MlpTrainer(small().build()).train(train, List.of(), bad, null, ProgressListener.NONE))
                .isInstanceOf(ModelException.class).hasMessageContaining("row 50");
    }

    @Test
    void batchPlanDecidesWhichRowsAreTrainedOn() {
        List<SymbolRows> train = List.of(MlpTestData.xor("A", 100, 1, 1), MlpTestData.xor("B", 100, 1, 2));
        int[][] seenCounts = new int[1][];
        BalancedMultiSymbolSampler firstSymbolOnly = (rows, size, epoch) -> {
            seenCounts[0] = rows.clone();
            return new int[][]{{0, 1, 2, 3}, {4, 5, 6, 7}};
        };
        List<ProgressListener.Event> events = new ArrayList<>();
        MlpTrainingResult r = new MlpTrainer(small().maxEpochs(2).build()).train(train, List.of(), firstSymbolOnly,
                "strategy: x", events::add);
        assertThat(seenCounts[0]).containsExactly(100, 100);
        assertThat(events).hasSize(2).allMatch(e -> e.stage().equals("epoch"));
        assertThat(r.history()).hasSize(2);
        assertThat(r.provenance()).containsKeys(MlpProvenance.STRATEGY_SHA256, "data_sha256.A", "data_sha256.B",
                "seed", "tribuo_version", "java_version", "mlp.learning_rate");
    }

    @Test
    void differentFeatureSpecsAreRefusedNamingTheFeature() {
        SymbolRows a = MlpTestData.xor("A", 50, 1, 1);
        SymbolRows b = MlpTestData.xor("B", 50, 2, 1);
        assertThatThrownBy(() -> new MlpTrainer(small().build()).train(List.of(a, b), List.of()))
                .isInstanceOf(ModelException.class).hasMessageContaining("B").hasMessageContaining("f3");
    }

    @Test
    void theEpochListenerSeesTheValidationPassPredictionsAndTheEpochsWeights() {
        List<SymbolRows> train = List.of(MlpTestData.xor("A", 600, 2, 1), MlpTestData.xor("B", 400, 2, 2));
        List<SymbolRows> val = List.of(MlpTestData.xor("A", 150, 2, 3), MlpTestData.xor("B", 120, 2, 4));
        List<EpochStats> seen = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        MlpTrainingResult r = new MlpTrainer(small().build()).train(train, val, null, null, ProgressListener.NONE,
                (stats, view) -> {
                    seen.add(stats);
                    byte[] pred = view.validationPredictions();
                    MlpModel snapshot = view.model();
                    double[] row = new double[2 + 2];
                    double[] p = new double[Label.COUNT];
                    int k = 0;
                    int ok = 0;
                    for (SymbolRows sr : val) {
                        byte[] labels = sr.labels();
                        for (int i = 0; i < sr.features().rows(); i++) {
                            if (labels[i] == Label.NONE) {
                                continue;
                            }
                            sr.features().copyRow(i, row, 0);
                            snapshot.predict(row, sr.features().symbol(), p);
                            int arg = 0;
                            for (int c = 1; c < Label.COUNT; c++) {
                                if (p[c] > p[arg]) {
                                    arg = c;
                                }
                            }
                            if (arg != pred[k]) {
                                problems.add("epoch " + stats.epoch() + " row " + k);
                            }
                            ok += pred[k] == labels[i] ? 1 : 0;
                            k++;
                        }
                    }
                    if (k != pred.length) {
                        problems.add("epoch " + stats.epoch() + ": " + pred.length + " predictions for " + k + " rows");
                    }
                    if ((double) ok / k != stats.validationAccuracy()) {
                        problems.add("epoch " + stats.epoch() + ": accuracy " + (double) ok / k + " vs "
                                + stats.validationAccuracy());
                    }
                });
        assertThat(seen).isEqualTo(r.history());
        assertThat(problems).isEmpty();
    }
}
