package dev.ktrdr.training.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.TestBars;
import dev.ktrdr.training.TestData;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.labels.ZigZagForwardLabeler;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitPlanTest {
    private static SymbolDataset dataset(String name, long seed, int bars, long offset, int horizon) {
        BarSeries s = TestBars.randomWalk(name, seed, bars, offset, Timeframe.H1);
        return SymbolDataset.pair(TestData.features(s, 0, 0), new ZigZagForwardLabeler(0.002, horizon, 1).label(s));
    }

    /**
     * OLD has 1000 bars; LATE starts 900 bars later with 400 bars and a short horizon. The validation cut falls
     * near LATE's start, so LATE has a handful of training rows: refused with its rows per part and the remedy.
     */
    @Test
    void aSymbolWithTooFewTrainingRowsIsRefusedInOneLineWithItsRowsAndTheRemedy() {
        SymbolDataset old = dataset("OLD", 1, 1000, 0, 40);
        SymbolDataset late = dataset("LATE", 2, 400, 900, 3);
        SplitPlan p = new ChronologicalSplitter(0.7, 0.15, 0.15).split(List.of(old, late));
        SymbolSplit l = p.of(Symbol.of("LATE"));
        assertThat(l.trainRows()).isBetween(1, 49);
        // LATE is purged with its own horizon (3), not OLD's 40
        assertThat(l.purgedTrain()).isLessThanOrEqualTo(3);
        assertThat(p.of(Symbol.of("OLD")).purgedTrain()).isBetween(30, 40);

        assertThat(p.problems(50, true, true)).hasSize(1);
        assertThatThrownBy(() -> p.requireMinimum(50, true, true)).isInstanceOf(DataException.class)
                .hasMessageStartingWith("split plan: LATE has " + l.trainRows() + " training rows (train " + l.trainRows()
                        + ", validation " + l.validationRows() + ", test " + l.testRows() + ", purged ")
                .hasMessageContaining("below training.min_rows_per_split = 50")
                .hasMessageContaining("drop LATE from the symbols")
                .hasMessageContaining("or lower training.min_rows_per_split")
                .hasMessageNotContaining("\n");
        // a lower minimum lets it through; only symbols with training rows are training symbols
        p.requireMinimum(l.trainRows(), true, true);
        assertThat(p.trainingSymbols()).containsExactly(Symbol.of("OLD"), Symbol.of("LATE"));
    }

    @Test
    void aSymbolWithNoTrainingRowsIsNotATrainingSymbol() {
        SymbolDataset old = dataset("OLD", 1, 1000, 0, 5);
        SymbolDataset late = dataset("LATE", 2, 200, 950, 5);
        SplitPlan p = new ChronologicalSplitter(0.7, 0.15, 0.15).split(List.of(old, late));
        assertThat(p.of(Symbol.of("LATE")).trainRows()).isZero();
        assertThat(p.trainingSymbols()).containsExactly(Symbol.of("OLD"));
        assertThat(p.problems(1, true, true)).singleElement().asString().startsWith("LATE has 0 training rows (train 0,");
        @SuppressWarnings("unchecked")
        Map<String, Object> late0 = (Map<String, Object>) ((Map<String, Object>) p.toJson().get("symbols")).get("LATE");
        assertThat(late0).containsEntry("train", 0).containsKeys("validation", "test", "purged_before_validation",
                "purged_before_test", "label_horizon_bars");
        assertThat(p.toJson()).containsEntry("training_symbols", List.of("OLD"));
    }

    @Test
    void anEmptyValidationSetIsRefusedWhenEarlyStoppingNeedsItAndAllowedWhenItIsOff() {
        SymbolDataset a = dataset("AAA", 1, 1000, 0, 5);
        SplitPlan p = new ChronologicalSplitter(0.85, 0.0, 0.15).split(List.of(a));
        assertThat(p.validationRows()).isZero();
        assertThatThrownBy(() -> p.requireMinimum(50, true, true)).isInstanceOf(DataException.class)
                .hasMessage("split plan: the validation set has 0 rows (AAA 0), below training.min_rows_per_split = 50, "
                        + "and early stopping needs it: raise training.data_split.validation, load more history, or set "
                        + "training.early_stopping.enabled: false");
        p.requireMinimum(50, false, true);
    }

    @Test
    void aValidationSetPurgedToNothingIsRefused() {
        // 200 bars, 10 % validation (about 19 rows) and a horizon of 30 bars: every validation row's label reaches
        // past the test cut, so the purge empties the validation set
        SymbolDataset a = dataset("AAA", 3, 200, 0, 30);
        SplitPlan p = new ChronologicalSplitter(0.7, 0.1, 0.2).split(List.of(a));
        assertThat(p.validationRows()).isZero();
        assertThat(p.of(Symbol.of("AAA")).purgedValidation()).isPositive();
        assertThatThrownBy(() -> p.requireMinimum(1, true, true)).hasMessageStartingWith(
                "split plan: the validation set has 0 rows (AAA 0), below training.min_rows_per_split = 1");
    }

    @Test
    void theTableShowsEveryPartAndPurgePerSymbol() {
        SymbolDataset old = dataset("OLD", 1, 1000, 0, 40);
        SymbolDataset late = dataset("LATE", 2, 400, 900, 3);
        SplitPlan p = new ChronologicalSplitter(0.7, 0.15, 0.15).split(List.of(old, late));
        List<String> t = p.table();
        assertThat(t.get(0)).startsWith("split plan: validation from 20");
        assertThat(t.get(1)).contains("train", "validation", "test", "purged<val", "purged<test", "horizon");
        SymbolSplit o = p.of(Symbol.of("OLD"));
        assertThat(t.get(2)).startsWith("  OLD").contains(" " + o.trainRows() + " ", " " + o.validationRows() + " ",
                " " + o.purgedTrain() + " ").endsWith(" 40");
        assertThat(t.get(3)).startsWith("  LATE").endsWith(" 3");
        assertThat(t.get(4)).startsWith("  all").contains(Long.toString(p.trainRows()));
        assertThat(p.trainRows() + p.validationRows() + p.testRows() + o.purged() + p.of(Symbol.of("LATE")).purged())
                .isEqualTo(old.labelledRows() + late.labelledRows());
    }
}
