package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.internal.UnsafeColumns;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ColumnFrameTest {
    private static final long[] TIMES = {0, 10, 20, 30};

    @Test
    void theConstructorCopiesInAndColumnCopiesOut() {
        double[] a = {1, 2, 3, 4};
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("a", a);
        ColumnFrame f = new ColumnFrame(TIMES, cols, Map.of());
        a[0] = 99;
        f.column("a")[1] = 99;
        assertThat(f.column("a")).containsExactly(1, 2, 3, 4);
    }

    @Test
    void aBuilderHandsOverItsColumnsWithoutCopying() {
        ColumnFrame source = new ColumnFrame(TIMES, Map.of(), Map.of());
        ColumnFrame.Builder b = ColumnFrame.builder(source);
        double[] x = b.add("x", 1);
        double[] y = b.add("y", 0);
        for (int i = 0; i < 4; i++) {
            x[i] = i == 0 ? Double.NaN : i;
            y[i] = 10 * i;
        }
        ColumnFrame f = b.build();
        assertThat(f.names()).containsExactly("x", "y");
        assertThat(f.times()).containsExactly(TIMES);
        assertThat(f.lookback("x")).isEqualTo(1);
        assertThat(f.maxLookback()).isEqualTo(1);
        assertThat(f.column("y")).containsExactly(0, 10, 20, 30);
        assertThat(f.value("x", 3)).isEqualTo(3);
    }

    @Test
    void aBuilderRefusesDuplicatesBadLookbacksAndUseAfterBuild() {
        ColumnFrame.Builder b = ColumnFrame.builder(TIMES);
        b.add("x", 0);
        assertThatThrownBy(() -> b.add("x", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'x' is added twice");
        assertThatThrownBy(() -> b.add("z", 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lookback of column 'z' is 5; it must be in [0, 4]");
        assertThatThrownBy(() -> b.add("z", -1)).hasMessageContaining("is -1");
        ColumnFrame f = b.build();
        assertThat(f.names()).containsExactly("x");
        assertThatThrownBy(() -> b.add("w", 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void builderTimesAreCopied() {
        long[] t = TIMES.clone();
        ColumnFrame.Builder b = ColumnFrame.builder(t);
        t[0] = -5;
        assertThat(b.build().times()).containsExactly(TIMES);
    }

    @Test
    void copyColumnReadsARangeIntoTheCallersArray() {
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("a", new double[] {1, 2, 3, 4});
        ColumnFrame f = new ColumnFrame(TIMES, cols, Map.of());
        double[] dst = {-1, -1, -1, -1};
        f.copyColumn("a", 1, dst, 2, 2);
        assertThat(dst).containsExactly(-1, -1, 2, 3);
        assertThatThrownBy(() -> f.copyColumn("b", 0, dst, 0, 1)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no column 'b'; available: [a]");
        assertThatThrownBy(() -> f.copyColumn("a", 3, dst, 0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void unsafeColumnsHandsTheReaderTheFramesOwnColumn() {
        Map<String, double[]> cols = new LinkedHashMap<>();
        cols.put("a", new double[] {1, 2, 3, 4});
        ColumnFrame f = new ColumnFrame(TIMES, cols, Map.of());
        double sum = UnsafeColumns.read(f, "a", c -> {
            double t = 0;
            for (double v : c) {
                t += v;
            }
            return t;
        });
        assertThat(sum).isEqualTo(10.0);
        double[][] seen = new double[2][];
        UnsafeColumns.read(f, "a", c -> seen[0] = c);
        UnsafeColumns.read(f, "a", c -> seen[1] = c);
        assertThat(seen[0]).as("no copy: the same array each time").isSameAs(seen[1]);
        assertThatThrownBy(() -> UnsafeColumns.read(f, "zz", c -> c)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("no column 'zz'; available: [a]");
    }

    @Test
    void onlyColumnFrameCanInstallTheStorageAccess() {
        new ColumnFrame(TIMES, Map.of("a", new double[] {1, 2, 3, 4}), Map.of());   // ColumnFrame installed its own
        assertThatThrownBy(() -> UnsafeColumns.install((frame, name) -> new double[0]))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only be installed by ColumnFrame");
        assertThatThrownBy(() -> UnsafeColumns.install(null)).isInstanceOf(IllegalStateException.class);
    }
}
