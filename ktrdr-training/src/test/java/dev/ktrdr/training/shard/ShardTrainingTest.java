package dev.ktrdr.training.shard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Labels;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.mlp.EpochListener;
import dev.ktrdr.training.mlp.MlpConfig;
import dev.ktrdr.training.mlp.MlpModel;
import dev.ktrdr.training.mlp.MlpTrainer;
import dev.ktrdr.training.mlp.MlpTrainingResult;
import dev.ktrdr.training.mlp.StandardScaler;
import dev.ktrdr.training.mlp.SymbolEncoding;
import dev.ktrdr.training.mlp.SymbolRows;
import dev.ktrdr.training.sampling.internal.MultiSymbolSampler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training from mapped shards against training from the same rows in memory. */
class ShardTrainingTest {
    @TempDir
    Path dir;

    /** Per symbol: a shard, its train and validation selections (rows and classes). */
    record Universe(List<FeatureShard> shards, List<int[]> train, List<int[]> val, List<byte[]> classes) {
    }

    Universe universe(int symbols, long seed) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<FeatureShard> shards = new ArrayList<>();
        List<int[]> train = new ArrayList<>();
        List<int[]> val = new ArrayList<>();
        List<byte[]> classes = new ArrayList<>();
        int f = 6;
        List<String> names = new ArrayList<>();
        for (int c = 0; c < f; c++) {
            names.add("1h_f" + c);
        }
        for (int s = 0; s < symbols; s++) {
            Symbol sym = Symbol.of("S" + s);
            int rows = 80 + rnd.nextInt(200);
            long[] t = new long[rows];
            double[] v = new double[rows * f];
            byte[] cls = new byte[rows];
            for (int r = 0; r < rows; r++) {
                t[r] = r * 3_600_000L;
                double x = rnd.nextDouble() * 2 - 1;
                double y = rnd.nextDouble() * 2 - 1;
                v[r * f] = x * 100 + 1e4 * s;
                v[r * f + 1] = y;
                for (int c = 2; c < f; c++) {
                    v[r * f + c] = rnd.nextGaussian() * Math.pow(10, c - 3);
                }
                cls[r] = (byte) (r % 17 == 0 ? Label.NONE : x * y > 0.05 ? 0 : x * y < -0.05 ? 2 : 1);
            }
            FeatureMatrix fm = new FeatureMatrix(sym, new FeatureSpec(names), t, v);
            Labels labels = new Labels(sym, t, cls, 3);
            FeatureStore store = new FeatureStore(dir);
            ShardKey key = new ShardKey(sym, "test", "0".repeat(64));
            shards.add(store.put(key, fm, labels, 0, List.of()));
            int cut = rows * 3 / 4;
            train.add(labelled(cls, 0, cut));
            val.add(labelled(cls, cut, rows));
            classes.add(cls);
        }
        return new Universe(shards, train, val, classes);
    }

    static int[] labelled(byte[] cls, int from, int to) {
        return java.util.stream.IntStream.range(from, to).filter(r -> cls[r] != Label.NONE).toArray();
    }

    /** The in-memory form: the shard's values as a matrix, rows outside the selection labelled NONE. */
    static SymbolRows inMemory(FeatureShard shard, int[] sel, byte[] cls) {
        byte[] y = new byte[shard.rows()];
        Arrays.fill(y, Label.NONE);
        for (int r : sel) {
            y[r] = cls[r];
        }
        return new SymbolRows(shard.features(), y);
    }

    static ShardRows mapped(FeatureShard shard, int[] sel, byte[] cls) {
        byte[] c = new byte[sel.length];
        for (int k = 0; k < sel.length; k++) {
            c[k] = cls[sel[k]];
        }
        return new ShardRows(shard, sel, c);
    }

    static MlpConfig config(int threads) {
        return MlpConfig.builder().hiddenSizes(List.of(16, 8)).batchSize(32).maxEpochs(6).learningRate(0.01)
                .dropout(0.1).seed(42).symbolEncoding(SymbolEncoding.Kind.EMBEDDING).embeddingDim(3)
                .symbolDropout(0.1).classWeights(true).threads(threads).build();
    }

    @Test
    void streamingScalerFitEqualsTheInMemoryFitBitForBit() throws IOException {
        Universe u = universe(5, 1);
        List<FeatureMatrix> matrices = new ArrayList<>();
        List<ShardRows> sources = new ArrayList<>();
        for (int s = 0; s < 5; s++) {
            matrices.add(u.shards().get(s).features());
            sources.add(mapped(u.shards().get(s), u.train().get(s), u.classes().get(s)));
        }
        StandardScaler memory = StandardScaler.fit(matrices, u.train());
        StandardScaler streaming = StandardScaler.fitStreaming(sources);
        assertThat(bits(streaming.mean())).isEqualTo(bits(memory.mean()));
        assertThat(bits(streaming.std())).isEqualTo(bits(memory.std()));
    }

    @Test
    void trainingFromShardsGivesTheSameWeightsAndPredictionsAsInMemoryTraining() throws IOException {
        Universe u = universe(4, 2);
        for (MultiSymbolSampler.Strategy strategy : MultiSymbolSampler.Strategy.values()) {
            List<SymbolRows> trainMem = new ArrayList<>();
            List<SymbolRows> valMem = new ArrayList<>();
            List<ShardRows> trainMap = new ArrayList<>();
            List<ShardRows> valMap = new ArrayList<>();
            for (int s = 0; s < 4; s++) {
                FeatureShard sh = u.shards().get(s);
                trainMem.add(inMemory(sh, u.train().get(s), u.classes().get(s)));
                valMem.add(inMemory(sh, u.val().get(s), u.classes().get(s)));
                trainMap.add(mapped(sh, u.train().get(s), u.classes().get(s)));
                valMap.add(mapped(sh, u.val().get(s), u.classes().get(s)));
            }
            MlpTrainer trainer = new MlpTrainer(config(1));
            MlpTrainingResult memory = trainer.train(trainMem, valMem, new StreamingSampler(strategy, 7, 0), null,
                    ProgressListener.NONE, EpochListener.NONE);
            // every mini-batch gathered from the mapped shards (no in-heap copy) ...
            MlpTrainingResult streaming = trainer.withInHeapBudget(0).trainStreaming(trainMap, valMap,
                    new StreamingSampler(strategy, 7, 0), null, ProgressListener.NONE, EpochListener.NONE);
            // ... or copied from them into the heap once, within the budget: the same weights either way
            MlpTrainingResult copied = trainer.withInHeapBudget(Long.MAX_VALUE).trainStreaming(trainMap, valMap,
                    new StreamingSampler(strategy, 7, 0), null, ProgressListener.NONE, EpochListener.NONE);
            assertThat(streaming.model().parameters()).as(strategy.name()).isEqualTo(memory.model().parameters());
            assertThat(copied.model().parameters()).as(strategy.name()).isEqualTo(memory.model().parameters());
            assertThat(streaming.bestEpoch()).isEqualTo(memory.bestEpoch());
            assertThat(streaming.history()).isEqualTo(memory.history().stream()
                    .map(e -> new dev.ktrdr.training.mlp.EpochStats(e.epoch(), e.trainLoss(), e.trainAccuracy(),
                            e.validationLoss(), e.validationAccuracy(), e.learningRate(), e.gradientNorm(),
                            streaming.history().get(e.epoch()).seconds())).toList());
            // same evaluation figures: every validation row gets the same probabilities
            assertThat(predictions(streaming.model(), valMap)).isEqualTo(predictions(memory.model(), valMap));
        }
    }

    @Test
    void sameSeedAndThreadCountGiveIdenticalWeights() throws IOException {
        Universe u = universe(3, 3);
        List<ShardRows> train = new ArrayList<>();
        List<ShardRows> val = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            train.add(mapped(u.shards().get(s), u.train().get(s), u.classes().get(s)));
            val.add(mapped(u.shards().get(s), u.val().get(s), u.classes().get(s)));
        }
        for (int threads : new int[] {1, 2, 3}) {
            MlpTrainer trainer = new MlpTrainer(config(threads)).withInHeapBudget(0);
            float[] a = trainer.trainStreaming(train, val, new StreamingSampler(MultiSymbolSampler.Strategy.BALANCED, 9,
                    500), null, ProgressListener.NONE, EpochListener.NONE).model().parameters();
            float[] b = trainer.trainStreaming(train, val, new StreamingSampler(MultiSymbolSampler.Strategy.BALANCED, 9,
                    500), null, ProgressListener.NONE, EpochListener.NONE).model().parameters();
            assertThat(b).as(threads + " threads").isEqualTo(a);
            // rows gathered by each worker from the mapped shards, or copied into the heap first: the same weights
            float[] c = trainer.withInHeapBudget(Long.MAX_VALUE).trainStreaming(train, val, new StreamingSampler(
                    MultiSymbolSampler.Strategy.BALANCED, 9, 500), null, ProgressListener.NONE, EpochListener.NONE)
                    .model().parameters();
            assertThat(c).as(threads + " threads, in heap").isEqualTo(a);
        }
    }

    static double[] predictions(MlpModel model, List<ShardRows> rows) {
        List<Double> out = new ArrayList<>();
        double[] p = new double[Label.COUNT];
        for (ShardRows r : rows) {
            double[] x = new double[r.spec().size()];
            for (int k = 0; k < r.rows(); k++) {
                r.copyRow(k, x, 0);
                model.predict(x, r.symbol(), p);
                for (double v : p) {
                    out.add(v);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
