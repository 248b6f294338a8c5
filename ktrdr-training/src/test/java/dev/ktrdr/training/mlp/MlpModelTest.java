package dev.ktrdr.training.mlp;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.Symbol;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MlpModelTest {
    private static final MlpModel MODEL = new MlpTrainer(MlpConfig.builder().hiddenSizes(12, 6)
            .symbolEncoding(SymbolEncoding.Kind.EMBEDDING).embeddingDim(3).maxEpochs(3).patience(0).seed(8).build())
            .train(List.of(MlpTestData.xor("A", 300, 2, 1), MlpTestData.xor("B", 300, 2, 2)), List.of()).model();

    @Test
    void concurrentPredictionsEqualSequentialOnes() throws Exception {
        FeatureMatrix fm = MlpTestData.xor("A", 2000, 2, 5).features();
        double[] expected = MODEL.predict(fm);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<double[]>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> MODEL.predict(fm)));
            }
            for (Future<double[]> f : results) {
                assertThat(f.get()).containsExactly(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void predictAllocatesNothingAfterTheFirstCall() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        double[] row = {3.0, 0.2, 0.5, 0.1};
        double[] p = new double[3];
        Symbol a = Symbol.of("A");
        Symbol unseen = Symbol.of("UNSEEN");
        for (int i = 0; i < 20_000; i++) {
            MODEL.predict(row, (i & 1) == 0 ? a : unseen, p);
        }
        long before = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        for (int i = 0; i < 10_000; i++) {
            MODEL.predict(row, (i & 1) == 0 ? a : unseen, p);
        }
        long after = mx.getThreadAllocatedBytes(Thread.currentThread().getId());
        // 10,000 calls; a single boxed value per call would already be 160 kB
        assertThat(after - before).isLessThan(1024);
    }

    @Test
    void badInputsAreRefusedNamingTheProblem() {
        double[] p = new double[3];
        assertThatThrownBy(() -> MODEL.predict(new double[3], Symbol.of("A"), p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 features");
        assertThatThrownBy(() -> MODEL.predict(new double[]{0, Double.NaN, 0, 0}, Symbol.of("A"), p))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("f1");
        assertThatThrownBy(() -> MODEL.predict(new double[4], Symbol.of("A"), new double[2]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("length 3");
        FeatureMatrix other = MlpTestData.xor("A", 5, 1, 1).features();
        assertThatThrownBy(() -> MODEL.predict(other)).isInstanceOf(ModelException.class).hasMessageContaining("f3");
    }

    @Test
    void corruptParametersAreRefused() {
        float[] p = MODEL.parameters();
        p[3] = Float.NaN;
        assertThatThrownBy(() -> new MlpModel(MODEL.architecture(), MODEL.scaler(), p, MODEL.provenance()))
                .isInstanceOf(ModelException.class).hasMessageContaining("parameter 3");
        assertThatThrownBy(() -> new MlpModel(MODEL.architecture(), MODEL.scaler(), new float[3], MODEL.provenance()))
                .isInstanceOf(ModelException.class).hasMessageContaining("parameters");
    }

    @Test
    void layerAccessorsMatchTheFlatLayout() {
        float[] flat = MODEL.parameters();
        float[][] w0 = MODEL.weights(0);
        assertThat(w0).hasNumberOfRows(4 + 3);
        assertThat(w0[0][0]).isEqualTo(flat[0]);
        assertThat(w0[1][0]).isEqualTo(flat[12]);
        assertThat(MODEL.biases(0)[0]).isEqualTo(flat[7 * 12]);
        assertThat(MODEL.embedding(Symbol.of("B"))[0]).isEqualTo(flat[flat.length - 2 * 3]);
    }
}
