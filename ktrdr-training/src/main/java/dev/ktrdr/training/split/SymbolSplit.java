package dev.ktrdr.training.split;

import dev.ktrdr.api.Symbol;
import java.util.Arrays;
import java.util.Objects;

/**
 * One symbol's rows in each part of a split (row indices into its {@code SymbolDataset}, increasing),
 * how many labelled rows were purged because their label window crossed a cut, and the label horizon the
 * purge used (the symbol's own).
 *
 * @param symbol the symbol
 * @param train training rows
 * @param validation validation rows
 * @param test test rows
 * @param purged labelled rows left out because their label reaches past the next cut
 *     ({@code purgedTrain + purgedValidation})
 * @param purgedTrain rows before the validation cut purged because their label reaches past it
 * @param purgedValidation rows before the test cut purged because their label reaches past it
 * @param horizon the label horizon in base bars the purge used, ≥ 0
 */
public record SymbolSplit(Symbol symbol, int[] train, int[] validation, int[] test, int purged, int purgedTrain,
                          int purgedValidation, int horizon) {
    /** Copies the arrays and checks the counts. */
    public SymbolSplit {
        Objects.requireNonNull(symbol, "symbol");
        train = train.clone();
        validation = validation.clone();
        test = test.clone();
        if (purgedTrain < 0 || purgedValidation < 0 || purged != purgedTrain + purgedValidation || horizon < 0) {
            throw new IllegalArgumentException(symbol + ": purged " + purged + " must be purgedTrain " + purgedTrain
                    + " + purgedValidation " + purgedValidation + ", all ≥ 0, horizon " + horizon + " ≥ 0");
        }
    }

    @Override
    public int[] train() {
        return train.clone();
    }

    @Override
    public int[] validation() {
        return validation.clone();
    }

    @Override
    public int[] test() {
        return test.clone();
    }

    /** @return number of training rows */
    public int trainRows() {
        return train.length;
    }

    /** @return number of validation rows */
    public int validationRows() {
        return validation.length;
    }

    /** @return number of test rows */
    public int testRows() {
        return test.length;
    }

    /** @return e.g. {@code train 1200, validation 250, test 260, purged 48 + 48 (horizon 48 bars)} */
    public String counts() {
        return "train " + train.length + ", validation " + validation.length + ", test " + test.length + ", purged "
                + purgedTrain + " + " + purgedValidation + " (horizon " + horizon + " bars)";
    }

    /** Equal when every component is, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SymbolSplit other && Objects.equals(symbol, other.symbol)
                && Arrays.equals(train, other.train) && Arrays.equals(validation, other.validation)
                && Arrays.equals(test, other.test) && purged == other.purged && purgedTrain == other.purgedTrain
                && purgedValidation == other.purgedValidation && horizon == other.horizon;
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, Arrays.hashCode(train), Arrays.hashCode(validation), Arrays.hashCode(test),
                purged, purgedTrain, purgedValidation, horizon);
    }

    /** Arrays are shown by type and length. */
    @Override
    public String toString() {
        return "SymbolSplit[symbol=" + symbol
                + ", train=int[" + train.length + "]"
                + ", validation=int[" + validation.length + "]"
                + ", test=int[" + test.length + "]"
                + ", purged=" + purgedTrain + " + " + purgedValidation + ", horizon=" + horizon + "]";
    }
}
