package dev.ktrdr.training.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Labels;
import dev.ktrdr.training.TestBars;
import dev.ktrdr.training.TestData;
import dev.ktrdr.training.labels.ZigZagForwardLabeler;
import java.util.List;
import org.junit.jupiter.api.Test;

class SymbolDatasetTest {
    final ZigZagForwardLabeler labeler = new ZigZagForwardLabeler(0.005, 6, 1);

    @Test
    void featuresAndLabelsOfDifferentSymbolsCannotBePaired() {
        BarSeries a = TestBars.randomWalk("AAA", 1, 200);
        BarSeries b = TestBars.randomWalk("BBB", 2, 200);
        assertThatThrownBy(() -> SymbolDataset.pair(TestData.features(a, 0, 0), labeler.label(b)))
                .isInstanceOf(DataException.class).hasMessage("cannot pair features of AAA with labels of BBB");
        // the same bars relabelled under another symbol are still refused
        assertThatThrownBy(() -> SymbolDataset.pair(TestData.features(a, 0, 0), labeler.label(a.withSymbol(b.symbol()))))
                .isInstanceOf(DataException.class);
    }

    /** Consecutive rows (the bulk path) and rows with gaps (the walk) pair as a search for each row's time does. */
    @Test
    void everyRowIsPairedWithTheLabelAtItsTime() {
        org.quicktheories.QuickTheory.qt().withExamples(60).forAll(org.quicktheories.generators.SourceDSL.longs().all(),
                org.quicktheories.generators.SourceDSL.integers().between(0, 40),
                org.quicktheories.generators.SourceDSL.integers().between(0, 4)).checkAssert((seed, from, skip) -> {
                    BarSeries s = TestBars.randomWalk("AAA", seed, 150);
                    Labels labels = labeler.label(s);
                    FeatureMatrix f = TestData.features(s, from, skip);
                    SymbolDataset d = SymbolDataset.pair(f, labels);
                    long[] labelTimes = labels.times();
                    for (int r = 0; r < f.rows(); r++) {
                        int j = java.util.Arrays.binarySearch(labelTimes, f.time(r));
                        assertThat(d.classAt(r)).isEqualTo(labels.classAt(j));
                        for (int h : new int[] {0, 1, 7}) {
                            assertThat(d.labelEnd(r, h)).isEqualTo(labelTimes[Math.min(j + h, labelTimes.length - 1)]);
                        }
                    }
                });
    }

    @Test
    void featureRowsWithoutALabelAtTheirTimeAreRefused() {
        BarSeries a = TestBars.randomWalk("AAA", 1, 200);
        Labels shifted = labeler.label(TestBars.randomWalk("AAA", 1, 200, 1000, dev.ktrdr.api.Timeframe.H1));
        assertThatThrownBy(() -> SymbolDataset.pair(TestData.features(a, 0, 0), shifted))
                .isInstanceOf(DataException.class).hasMessageContaining("feature row 0 at 2020-01-06T00:00:00Z has no label");
    }

    @Test
    void stackingSeveralSymbolsKeepsEachSymbolsOwnLabelsUnlikeThePythonOriginal() {
        BarSeries a = TestBars.randomWalk("AAA", 1, 300);
        BarSeries b = TestBars.randomWalk("BBB", 2, 300);
        Labels la = labeler.label(a);
        Labels lb = labeler.label(b);
        SymbolDataset da = SymbolDataset.pair(TestData.features(a, 10, 7), la);
        SymbolDataset db = SymbolDataset.pair(TestData.features(b, 20, 0), lb);
        int[] ra = labelledRows(da);
        int[] rb = labelledRows(db);
        StackedRows stacked = StackedRows.of(List.of(da, db), List.of(ra, rb));
        byte[] y = stacked.classes();
        int[] sym = stacked.symbolIndex();
        double[] row = new double[2];
        boolean differsFromFirstSymbolsLabels = false;
        for (int i = 0; i < stacked.rows(); i++) {
            stacked.copyRow(i, row, 0);
            BarSeries own = sym[i] == 0 ? a : b;
            Labels ownLabels = sym[i] == 0 ? la : lb;
            int bar = (int) row[1];
            // every row's label is its own symbol's label of the same bar
            assertThat(y[i]).isEqualTo(ownLabels.classAt(bar));
            assertThat(stacked.times()[i]).isEqualTo(own.openTime(bar));
            if (sym[i] == 1 && la.classAt(bar) != y[i]) {
                differsFromFirstSymbolsLabels = true;
            }
        }
        // Python's bug (labels of the first symbol for every symbol's rows) would give different labels here
        assertThat(differsFromFirstSymbolsLabels).isTrue();
        assertThat(stacked.rowsPerSymbol()).containsExactly(ra.length, rb.length);
    }

    static int[] labelledRows(SymbolDataset d) {
        return java.util.stream.IntStream.range(0, d.rows()).filter(r -> d.classAt(r) >= 0).toArray();
    }

    @Test
    void labelEndIsTheBarHorizonBarsAheadOnTheBaseSeries() {
        BarSeries a = TestBars.randomWalk("AAA", 1, 50);
        FeatureMatrix f = TestData.features(a, 5, 3);
        SymbolDataset d = SymbolDataset.pair(f, labeler.label(a));
        for (int r = 0; r < d.rows(); r++) {
            int bar = (int) f.get(r, 1);
            assertThat(d.labelEnd(r)).isEqualTo(a.openTime(Math.min(bar + 6, 49)));
        }
    }
}
