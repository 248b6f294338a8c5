package dev.ktrdr.training.split;

import dev.ktrdr.api.Symbol;
import java.util.Arrays;
import java.util.Objects;

/**
 * One symbol's rows in each part of a split (row indices into its {@code SymbolDataset}, increasing),
 * and how many labelled rows were purged because their label window crossed a cut.
 *
 * @param symbol the symbol
 * @param train training rows
 * @param validation validation rows
 * @param test test rows
 * @param purged labelled rows left out because their label reaches past the next cut
 */
public record SymbolSplit(Symbol symbol, int[] train, int[] validation, int[] test, int purged) {
    /** Copies the arrays. */
    public SymbolSplit {
        Objects.requireNonNull(symbol, "symbol");
        train = train.clone();
        validation = validation.clone();
        test = test.clone();
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

    /** Equal when every component is, arrays compared by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SymbolSplit other && Objects.equals(symbol, other.symbol)
                && Arrays.equals(train, other.train) && Arrays.equals(validation, other.validation)
                && Arrays.equals(test, other.test) && purged == other.purged;
    }

    @Override
    public int hashCode() {
        return Objects.hash(symbol, Arrays.hashCode(train), Arrays.hashCode(validation), Arrays.hashCode(test),
                purged);
    }

    /** Arrays are shown by type and length. */
    @Override
    public String toString() {
        return "SymbolSplit[symbol=" + symbol
                + ", train=int[" + train.length + "]"
                + ", validation=int[" + validation.length + "]"
                + ", test=int[" + test.length + "]"
                + ", purged=" + purged + "]";
    }
}
