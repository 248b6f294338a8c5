package dev.ktrdr.training;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import java.util.List;

/** Feature matrices for tests. */
public final class TestData {
    private TestData() {
    }

    /** Two columns per kept bar: the close and the bar index; rows from {@code from}, skipping {@code skip}-th bars. */
    public static FeatureMatrix features(BarSeries s, int from, int skipEvery) {
        int n = s.size();
        long[] t = new long[n];
        double[] v = new double[n * 2];
        int r = 0;
        for (int i = from; i < n; i++) {
            if (skipEvery > 0 && i % skipEvery == 0) {
                continue;
            }
            t[r] = s.openTime(i);
            v[2 * r] = s.close(i);
            v[2 * r + 1] = i;
            r++;
        }
        return new FeatureMatrix(s.symbol(), new FeatureSpec(List.of("1h_close_level", "1h_index_value")),
                java.util.Arrays.copyOf(t, r), java.util.Arrays.copyOf(v, 2 * r));
    }
}
