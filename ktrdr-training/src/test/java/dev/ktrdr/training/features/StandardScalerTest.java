package dev.ktrdr.training.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.training.TestBars;
import dev.ktrdr.training.labels.ZigZagForwardLabeler;
import dev.ktrdr.training.split.ChronologicalSplitter;
import dev.ktrdr.training.split.SplitPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardScalerTest {

    @Test
    void fittedOnTrainingRowsOnlyWhateverTheLaterRowsHold() {
        int n = 102;
        double[] close = new double[n];
        for (int i = 0; i < n; i++) {
            close[i] = 100 + (i % 2);
        }
        BarSeries s = TestBars.closes("X", close);
        long[] t = s.openTimes();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // training rows hold 1 and 3; later rows hold huge values that must not move the scaler
            v[i] = i < 48 ? (i % 2 == 0 ? 1 : 3) : 1e6;
        }
        FeatureMatrix m = new FeatureMatrix(s.symbol(), new FeatureSpec(List.of("1h_x_a")), t, v);
        SymbolDataset d = SymbolDataset.pair(m, new ZigZagForwardLabeler(0.001, 2, 1).label(s));
        SplitPlan p = new ChronologicalSplitter(0.5, 0.25, 0.25).split(List.of(d));
        int[] train = p.of(s.symbol()).train();
        assertThat(train[train.length - 1]).isEqualTo(47); // 100 labelled rows, cut at row 50, purge 2
        StandardScaler sc = StandardScaler.fit(StackedRows.of(List.of(d), List.of(train)));
        // train rows 0..(len-1): alternating 1, 3 -> mean 2, population std 1 (even count)
        assertThat(train.length % 2).isZero();
        assertThat(sc.mean()).containsExactly(2.0);
        assertThat(sc.std()).containsExactly(1.0);
        FeatureMatrix scaled = sc.transform(m);
        assertThat(scaled.get(0, 0)).isEqualTo(-1.0);
        assertThat(scaled.get(1, 0)).isEqualTo(1.0);
    }

    @Test
    void jsonRoundTripAndRefusals() {
        StandardScaler sc = new StandardScaler(new FeatureSpec(List.of("a", "b")), new double[] {1.5, -2}, new double[] {0.5, 1});
        assertThat(StandardScaler.fromJson(sc.toJson())).isEqualTo(sc);
        assertThatThrownBy(() -> StandardScaler.fromJson(sc.toJson().replace("\"version\":1", "\"version\":9")))
                .isInstanceOf(ModelException.class).hasMessageContaining("version 9");
        assertThatThrownBy(() -> sc.transform(new FeatureMatrix(dev.ktrdr.api.Symbol.of("X"), new FeatureSpec(List.of("a", "c")),
                new long[] {1}, new double[] {1, 2}))).isInstanceOf(ModelException.class).hasMessageContaining("'c'");
    }
}
