package dev.ktrdr.training.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Labels;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.features.StackedRows;
import dev.ktrdr.training.features.SymbolDataset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PermutationImportanceTest {
    static final List<String> NAMES = List.of("1h_rsi_14_low", "4h_macd_hist_up", "ctx_return_1");

    static StackedRows rows(int n) {
        long[] t = new long[n];
        double[] v = new double[n * 3];
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 3_600_000L;
            boolean up = i % 2 == 0;
            v[3 * i] = up ? 1 : -1;
            v[3 * i + 1] = (i * 7919) % 13;
            v[3 * i + 2] = (i * 104729) % 17;
            y[i] = (byte) (up ? 0 : 2);
        }
        Symbol s = Symbol.of("X");
        SymbolDataset d = SymbolDataset.pair(new FeatureMatrix(s, new FeatureSpec(NAMES), t, v), new Labels(s, t, y, 0));
        return StackedRows.of(List.of(d), List.of(IntStream.range(0, n).toArray()));
    }

    /** Predicts BUY when the first feature is positive, else SELL; ignores the others. */
    static final BatchClassifier FIRST = (x, n, sym) -> {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (x[i * 3] > 0 ? 0 : 2);
        }
        return out;
    };

    @Test
    void onlyTheFeatureTheModelUsesMattersAndAggregatesFollowNames() {
        PermutationImportance.Result r = PermutationImportance.compute(FIRST, rows(200), List.of("rsi_14", "macd", "macd_hist"), 3, 5);
        assertThat(r.baselineAccuracy()).isEqualTo(1.0);
        assertThat(r.perFeature().get("4h_macd_hist_up")).isEqualTo(0.0);
        assertThat(r.perFeature().get("ctx_return_1")).isEqualTo(0.0);
        // a shuffled perfect feature is right on about half the rows
        assertThat(r.perFeature().get("1h_rsi_14_low")).isBetween(0.3, 0.7);
        assertThat(r.perTimeframe()).containsOnlyKeys("1h", "4h", "other");
        assertThat(r.perTimeframe().get("1h")).isEqualTo(r.perFeature().get("1h_rsi_14_low"));
        assertThat(r.perGroup()).containsOnlyKeys("rsi_14", "macd_hist", "other");
        // deterministic for a seed
        assertThat(PermutationImportance.compute(FIRST, rows(200), List.of("rsi_14", "macd", "macd_hist"), 3, 5)).isEqualTo(r);
    }

    @Test
    void timeframeBlocksShuffledTogetherMatterOnlyWhenTheModelUsesThem() {
        Map<String, Double> r = PermutationImportance.byTimeframeBlock(FIRST, rows(200), 11);
        assertThat(r).containsOnlyKeys("1h", "4h", "other");
        assertThat(r.get("4h")).isEqualTo(0.0);
        assertThat(r.get("other")).isEqualTo(0.0);
        assertThat(r.get("1h")).isBetween(0.3, 0.7);
        assertThat(PermutationImportance.byTimeframeBlock(FIRST, rows(200), 11)).isEqualTo(r);
        assertThat(PermutationImportance.byTimeframeBlock(FIRST, rows(0), 11)).isEmpty();
    }

    @Test
    void aggregationSumsByTimeframeAndLongestGroupByHand() {
        Map<String, Double> f = new LinkedHashMap<>();
        f.put("1h_rsi_14_low", 0.25);
        f.put("1h_rsi_14_high", 0.125);
        f.put("4h_macd_hist_up", 0.5);
        f.put("ctx_return_1", 0.0625);
        PermutationImportance.Result r = PermutationImportance.aggregate(0.6, f, List.of("rsi_14", "macd", "macd_hist"));
        assertThat(r.perTimeframe()).containsOnlyKeys("1h", "4h", "other").containsEntry("1h", 0.375)
                .containsEntry("4h", 0.5).containsEntry("other", 0.0625);
        assertThat(r.perGroup()).containsEntry("rsi_14", 0.375).containsEntry("macd_hist", 0.5).containsEntry("other", 0.0625);
    }

    @Test
    void importanceIsReportedPerTimeWindow() {
        List<PermutationImportance.Window> w = PermutationImportance.byTimeWindow(FIRST, rows(100), List.of(), 4, 1, 9);
        assertThat(w).hasSize(4);
        assertThat(w.get(0).windowStart()).isEqualTo(0L);
        assertThat(w.get(3).windowEnd()).isEqualTo(99 * 3_600_000L);
        for (PermutationImportance.Window x : w) {
            assertThat(x.result().perTimeframe().get("4h")).isEqualTo(0.0);
        }
    }

    static final List<String> TRIPLE = List.of("1h_rsi_14_low", "1h_rsi_14_mid", "1h_rsi_14_high", "4h_macd_up", "ctx_return_1");

    /** Three duplicated columns carrying the label (±1), two noise columns; labels alternate irregularly. */
    static StackedRows tripled(int n) {
        long[] t = new long[n];
        double[] v = new double[n * 5];
        byte[] y = new byte[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 3_600_000L;
            boolean up = ((i * 7919L) % 11) < 5;
            double s = up ? 1 : -1;
            v[5 * i] = s;
            v[5 * i + 1] = s;
            v[5 * i + 2] = s;
            v[5 * i + 3] = (i * 31L) % 7;
            v[5 * i + 4] = (i * 104729L) % 17;
            y[i] = (byte) (up ? 0 : 2);
        }
        Symbol s = Symbol.of("X");
        SymbolDataset d = SymbolDataset.pair(new FeatureMatrix(s, new FeatureSpec(TRIPLE), t, v), new Labels(s, t, y, 0));
        return StackedRows.of(List.of(d), List.of(IntStream.range(0, n).toArray()));
    }

    /** Majority vote of the signs of the first three columns: any two of them suffice. */
    static final BatchClassifier VOTE = (x, n, sym) -> {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            int up = (x[i * 5] > 0 ? 1 : 0) + (x[i * 5 + 1] > 0 ? 1 : 0) + (x[i * 5 + 2] > 0 ? 1 : 0);
            out[i] = (byte) (up >= 2 ? 0 : 2);
        }
        return out;
    };

    @Test
    void groupImportanceCatchesRedundantColumnsThatSingleColumnDropsMiss() {
        StackedRows rows = tripled(600);
        PermutationImportance.Result single = PermutationImportance.compute(VOTE, rows, List.of("rsi_14", "macd"), 5, 3);
        assertThat(single.baselineAccuracy()).isEqualTo(1.0);
        // each duplicated column alone is redundant: shuffling it never changes the vote
        assertThat(single.perFeature().get("1h_rsi_14_low")).isEqualTo(0.0);
        assertThat(single.perTimeframe().get("1h")).isEqualTo(0.0);
        assertThat(single.perGroup().get("rsi_14")).isEqualTo(0.0);

        PermutationImportance.GroupResult tf = PermutationImportance.byGroup(VOTE, rows, "timeframe",
                PermutationImportance.timeframeColumns(TRIPLE), 5, 17);
        assertThat(tf.rows()).isEqualTo(600);
        assertThat(tf.repeats()).isEqualTo(5);
        assertThat(tf.baselineAccuracy()).isEqualTo(1.0);
        assertThat(tf.groups()).extracting(PermutationImportance.GroupDrop::group).containsExactly("1h", "4h", "other");
        PermutationImportance.GroupDrop h1 = tf.groups().get(0);
        assertThat(h1.columns()).isEqualTo(3);
        // the whole group shuffled: the vote is right on about half of the rows
        assertThat(h1.meanDrop()).isBetween(0.35, 0.65);
        assertThat(tf.groups().get(1).meanDrop()).isEqualTo(0.0);
        assertThat(tf.groups().get(2).meanDrop()).isEqualTo(0.0);
        assertThat(tf.describe()).isEqualTo("accuracy drop when all columns of one timeframe are shuffled together "
                + "(600 rows, 5 repeats, mean and 95% interval over the repeats)");

        PermutationImportance.GroupResult sets = PermutationImportance.byGroup(VOTE, rows, "fuzzy_set",
                PermutationImportance.setColumns(TRIPLE, List.of("rsi_14", "macd")), 5, 17);
        assertThat(sets.groups()).extracting(PermutationImportance.GroupDrop::group).containsExactly("rsi_14", "macd", "other");
        assertThat(sets.groups().get(0).meanDrop()).isBetween(0.35, 0.65);
        PermutationImportance.GroupResult inds = PermutationImportance.byGroup(VOTE, rows, "indicator",
                PermutationImportance.indicatorColumns(TRIPLE, Map.of("rsi_14", "rsi", "macd", "macd")), 5, 17);
        assertThat(inds.groups().get(0).group()).isEqualTo("rsi");
        assertThat(inds.groups().get(0).meanDrop()).isBetween(0.35, 0.65);
    }

    @Test
    void groupIntervalsContainTheMeanAndAreDeterministicForASeed() {
        StackedRows rows = tripled(400);
        Map<String, int[]> groups = PermutationImportance.timeframeColumns(TRIPLE);
        PermutationImportance.GroupResult a = PermutationImportance.byGroup(VOTE, rows, "timeframe", groups, 7, 99);
        for (PermutationImportance.GroupDrop g : a.groups()) {
            assertThat(g.low()).isLessThanOrEqualTo(g.meanDrop());
            assertThat(g.high()).isGreaterThanOrEqualTo(g.meanDrop());
        }
        // shuffles vary, so the informative group's interval has width; the unused groups' is [0, 0]
        assertThat(a.groups().get(0).high()).isGreaterThan(a.groups().get(0).low());
        assertThat(a.groups().get(1).low()).isEqualTo(0.0);
        assertThat(a.groups().get(1).high()).isEqualTo(0.0);
        assertThat(PermutationImportance.byGroup(VOTE, rows, "timeframe", groups, 7, 99)).isEqualTo(a);
        assertThat(PermutationImportance.byGroup(VOTE, rows, "timeframe", groups, 7, 100)).isNotEqualTo(a);
        // one repeat: a mean, no interval
        PermutationImportance.GroupDrop one = PermutationImportance.byGroup(VOTE, rows, "timeframe", groups, 1, 99).groups().get(0);
        assertThat(one.low()).isNaN();
        assertThat(one.high()).isNaN();
    }

    @Test
    void groupImportanceRefusesBadRepeatsAndColumns() {
        StackedRows rows = tripled(50);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PermutationImportance.byGroup(VOTE, rows, "timeframe",
                PermutationImportance.timeframeColumns(TRIPLE), 0, 1)).hasMessageContaining("repeats");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PermutationImportance.byGroup(VOTE, rows, "timeframe",
                Map.of("x", new int[] {5}), 2, 1)).hasMessageContaining("column 5 is not in [0, 4]");
    }
}
