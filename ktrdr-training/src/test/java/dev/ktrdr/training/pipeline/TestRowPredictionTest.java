package dev.ktrdr.training.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.training.TestBars;
import dev.ktrdr.training.TestData;
import dev.ktrdr.training.features.StackedRows;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.labels.ZigZagForwardLabeler;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Test-row predictions on several threads equal those on one, bit for bit, whatever the chunking. */
class TestRowPredictionTest {
    /** A deterministic model whose output depends on the whole row and the symbol. */
    static final class Softmax implements TradingModel {
        private final FeatureSpec spec;

        Softmax(FeatureSpec spec) {
            this.spec = spec;
        }

        @Override
        public FeatureSpec featureSpec() {
            return spec;
        }

        @Override
        public void predict(double[] features, Symbol symbol, double[] probabilities) {
            double[] z = new double[3];
            for (int i = 0; i < features.length; i++) {
                z[i % 3] += Math.sin(features[i] * (i + 1) + symbol.value().length());
            }
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                z[c] = Math.exp(z[c]);
                sum += z[c];
            }
            for (int c = 0; c < 3; c++) {
                probabilities[c] = z[c] / sum;
            }
        }
    }

    static StackedRows rows() {
        List<SymbolDataset> datasets = new ArrayList<>();
        List<int[]> selected = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            BarSeries s = TestBars.randomWalk("S" + k, 30 + k, 900 + 100 * k);
            SymbolDataset d = SymbolDataset.pair(TestData.features(s, 0, 0), new ZigZagForwardLabeler(0.01, 20, 1).label(s));
            datasets.add(d);
            selected.add(IntStream.range(0, d.rows()).filter(r -> d.classAt(r) >= 0).toArray());
        }
        return StackedRows.of(datasets, selected);
    }

    @Test
    void anyThreadCountAndChunkGiveTheSameProbabilities() {
        StackedRows rows = rows();
        TradingModel model = new Softmax(rows.spec());
        double[] one = StrategyTrainer.probabilities(model, rows, 1, 1_000_000);
        assertThat(one).hasSize(rows.rows() * 3);
        assertThat(one[0] + one[1] + one[2]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        for (int threads : new int[] {2, 3, 8}) {
            for (int chunk : new int[] {1, 7, 256, rows.rows() - 1}) {
                assertThat(StrategyTrainer.probabilities(model, rows, threads, chunk)).as("%d threads, chunks of %d", threads, chunk)
                        .isEqualTo(one);
            }
        }
    }

    @Test
    void aFailingPredictionFailsTheCallWithItsOwnException() {
        StackedRows rows = rows();
        TradingModel failing = new TradingModel() {
            @Override
            public FeatureSpec featureSpec() {
                return rows.spec();
            }

            @Override
            public void predict(double[] features, Symbol symbol, double[] probabilities) {
                throw new IllegalStateException("model broke on " + symbol);
            }
        };
        assertThatThrownBy(() -> StrategyTrainer.probabilities(failing, rows, 2, 100))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("model broke on");
    }
}
