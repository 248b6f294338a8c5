package dev.ktrdr.training.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Labels;
import dev.ktrdr.api.Symbol;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Rows stacked by reading hold no feature copy and are indistinguishable from copied ones. */
class StackedRowsReadingTest {
    static SymbolDataset dataset(String sym, int rows, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] t = new long[rows];
        double[] v = new double[rows * 3];
        byte[] c = new byte[rows];
        for (int r = 0; r < rows; r++) {
            t[r] = 1_700_000_000_000L + r * 3_600_000L;
            for (int k = 0; k < 3; k++) {
                v[r * 3 + k] = rnd.nextGaussian();
            }
            c[r] = (byte) rnd.nextInt(3);
        }
        Symbol s = Symbol.of(sym);
        return SymbolDataset.pair(new FeatureMatrix(s, new FeatureSpec(List.of("1h_a", "1h_b", "1h_c")), t, v),
                new Labels(s, t, c, 4));
    }

    @Test
    void readingEqualsCopyingAndReadsOnlyWhenAsked() {
        List<SymbolDataset> sets = List.of(dataset("AAA", 40, 1), dataset("BBB", 25, 2));
        List<int[]> rows = List.of(new int[] {3, 7, 8, 39}, new int[] {0, 24, 11});
        AtomicInteger reads = new AtomicInteger();
        StackedRows copied = StackedRows.of(sets, rows);
        StackedRows read = StackedRows.reading(sets, rows, sets.get(0).features().spec(), (k, r, dst, off) -> {
            reads.incrementAndGet();
            sets.get(k).features().copyRow(r, dst, off);
        });
        assertThat(reads).hasValue(0);
        assertThat(read.features()).isEqualTo(copied.features());
        assertThat(reads).hasValue(7);
        assertThat(read.classes()).isEqualTo(copied.classes());
        assertThat(read.times()).isEqualTo(copied.times());
        assertThat(read.symbolIndex()).isEqualTo(copied.symbolIndex());
        assertThat(read.rowsPerSymbol()).isEqualTo(copied.rowsPerSymbol());
        double[] a = new double[5];
        double[] b = new double[5];
        for (int r = 0; r < read.rows(); r++) {
            read.copyRow(r, a, 2);
            copied.copyRow(r, b, 2);
            assertThat(a).isEqualTo(b);
        }
    }
}
