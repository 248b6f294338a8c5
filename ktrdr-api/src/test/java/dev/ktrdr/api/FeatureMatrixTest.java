package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureMatrixTest {
    private final FeatureSpec spec = new FeatureSpec(List.of("a", "b"));

    @Test
    void aNanNeverEntersAFeatureMatrix() {
        assertThatThrownBy(() -> new FeatureMatrix(Symbol.of("X"), spec, new long[] {1, 2},
                new double[] {0, 1, Double.NaN, 0}))
                .hasMessageContaining("feature 'a' is NaN")
                .hasMessageContaining("no NaN may enter");
    }

    @Test
    void rowsAreRowMajorAndSlicesKeepTimes() {
        FeatureMatrix m = new FeatureMatrix(Symbol.of("X"), spec, new long[] {10, 20, 30}, new double[] {1, 2, 3, 4, 5, 6});
        assertThat(m.get(1, 1)).isEqualTo(4.0);
        double[] row = new double[3];
        m.copyRow(2, row, 1);
        assertThat(row).containsExactly(0, 5, 6);
        FeatureMatrix s = m.slice(1, 3);
        assertThat(s.rows()).isEqualTo(2);
        assertThat(s.time(0)).isEqualTo(20);
        assertThat(s.get(0, 0)).isEqualTo(3.0);
    }

    @Test
    void refusesWrongValueCountAndUnsortedRows() {
        assertThatThrownBy(() -> new FeatureMatrix(Symbol.of("X"), spec, new long[] {1}, new double[] {1}))
                .hasMessageContaining("needs 2 values, got 1");
        assertThatThrownBy(() -> new FeatureMatrix(Symbol.of("X"), spec, new long[] {2, 1}, new double[] {1, 1, 1, 1}))
                .hasMessageContaining("not strictly increasing at row 1");
    }
}
