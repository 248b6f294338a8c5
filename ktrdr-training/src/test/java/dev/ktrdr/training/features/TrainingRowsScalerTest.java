package dev.ktrdr.training.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.training.TestBars;
import dev.ktrdr.training.labels.ZigZagForwardLabeler;
import dev.ktrdr.training.mlp.StandardScaler;
import dev.ktrdr.training.split.ChronologicalSplitter;
import dev.ktrdr.training.split.SplitPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one scaler ({@link StandardScaler} of the MLP) fitted on a split's training rows, and its JSON form. */
class TrainingRowsScalerTest {

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
        StandardScaler sc = StandardScaler.fit(List.of(m), List.of(train));
        // hand calculation: train rows alternate 1, 3 (an even count) -> mean 2, population std 1
        assertThat(train.length % 2).isZero();
        assertThat(sc.mean()).containsExactly(2.0);
        assertThat(sc.std()).containsExactly(1.0);
        float[] out = new float[1];
        sc.transform(new double[] {1, 3}, 0, out, 0);
        assertThat(out[0]).isEqualTo(-1f);
        sc.transform(new double[] {1, 3}, 1, out, 0);
        assertThat(out[0]).isEqualTo(1f);
    }

    @Test
    void jsonRoundTripNamesItsFeaturesAndRefusesOthers() {
        FeatureSpec spec = new FeatureSpec(List.of("a", "b"));
        StandardScaler sc = new StandardScaler(new double[] {1.5, -2}, new double[] {0.5, 1});
        String json = sc.toJson(spec);
        assertThat(json).contains("\"format\":\"ktrdr-standard-scaler\"").contains("\"features\":[\"a\",\"b\"]");
        assertThat(StandardScaler.fromJson(json, spec)).isEqualTo(sc);
        assertThatThrownBy(() -> StandardScaler.fromJson(json.replace("\"version\":1", "\"version\":9"), spec))
                .isInstanceOf(ModelException.class).hasMessageContaining("version 9");
        assertThatThrownBy(() -> StandardScaler.fromJson(json, new FeatureSpec(List.of("a", "c"))))
                .isInstanceOf(ModelException.class).hasMessageContaining("'c'");
        assertThatThrownBy(() -> StandardScaler.fromJson(json.replace("[0.5,1.0]", "[0.0,1.0]"), spec))
                .isInstanceOf(ModelException.class).hasMessageContaining("std 0.0");
        assertThatThrownBy(() -> StandardScaler.fromJson("{\"format\":", spec)).isInstanceOf(ModelException.class)
                .hasMessageContaining("scaler.json is not valid");
        assertThatThrownBy(() -> sc.toJson(new FeatureSpec(List.of("a")))).isInstanceOf(ModelException.class);
    }
}
