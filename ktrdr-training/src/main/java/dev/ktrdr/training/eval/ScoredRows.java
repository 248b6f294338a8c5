package dev.ktrdr.training.eval;

import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Evaluated rows as the baselines and the block bootstrap need them: per row its symbol, actual class, the
 * model's predicted class and (optionally) the momentum baseline's predicted class; per symbol its label
 * horizon in bars. Within one symbol the rows must be in chronological order (rows of different symbols may
 * interleave): the block bootstrap resamples runs of consecutive rows of a symbol as runs of consecutive bars.
 *
 * <p>Built only through {@link #of}, which validates everything once. Immutable; accessors return copies.
 */
public final class ScoredRows {
    /** Upper bound on rows, a size limit on input. */
    public static final int MAX_ROWS = 200_000_000;

    private final List<Symbol> symbols;
    private final int[] symbolIndex;
    private final byte[] actual;
    private final byte[] predicted;
    private final byte[] momentum;
    private final int[] horizons;
    private final int[] rowsPerSymbol;
    /** Rows grouped by symbol, in row order: symbol k's rows are {@code bySymbol[start[k] .. start[k + 1])}. */
    private final int[] bySymbol;
    private final int[] start;

    private ScoredRows(List<Symbol> symbols, int[] symbolIndex, byte[] actual, byte[] predicted, byte[] momentum,
                       int[] horizons, int[] rowsPerSymbol) {
        this.symbols = symbols;
        this.symbolIndex = symbolIndex;
        this.actual = actual;
        this.predicted = predicted;
        this.momentum = momentum;
        this.horizons = horizons;
        this.rowsPerSymbol = rowsPerSymbol;
        this.start = new int[rowsPerSymbol.length + 1];
        for (int k = 0; k < rowsPerSymbol.length; k++) {
            start[k + 1] = start[k] + rowsPerSymbol[k];
        }
        this.bySymbol = new int[symbolIndex.length];
        int[] next = Arrays.copyOf(start, rowsPerSymbol.length);
        for (int i = 0; i < symbolIndex.length; i++) {
            bySymbol[next[symbolIndex[i]]++] = i;
        }
    }

    /**
     * @param symbols the symbols, distinct; {@code symbolIndex} points into this list
     * @param symbolIndex per row, the index of its symbol
     * @param actual per row, the actual class index (0..2; {@link Label#NONE} is not allowed)
     * @param predicted per row, the model's predicted class index (0..2)
     * @param momentum per row, the momentum baseline's predicted class index (0..2), or {@code null} when there
     *     is no momentum baseline (its accuracy is then NaN and the edge is taken over the per-symbol baseline)
     * @param horizons per symbol, its label horizon in bars, ≥ 0 (the block length is at least this)
     * @return the rows (arrays copied)
     * @throws IllegalArgumentException naming the row or symbol on different lengths, a class outside 0..2, a
     *     symbol index out of range, a negative horizon, a repeated symbol or more than {@link #MAX_ROWS} rows
     */
    public static ScoredRows of(List<Symbol> symbols, int[] symbolIndex, byte[] actual, byte[] predicted,
                                byte[] momentum, int[] horizons) {
        List<Symbol> syms = List.copyOf(symbols);
        if (syms.stream().distinct().count() != syms.size()) {
            throw new IllegalArgumentException("symbols repeat: " + syms);
        }
        int n = actual.length;
        if (n > MAX_ROWS) {
            throw new IllegalArgumentException(n + " rows is more than " + MAX_ROWS);
        }
        if (symbolIndex.length != n || predicted.length != n || (momentum != null && momentum.length != n)) {
            throw new IllegalArgumentException(n + " actual classes but " + symbolIndex.length + " symbol indices, "
                    + predicted.length + " predictions" + (momentum == null ? "" : ", " + momentum.length + " momentum predictions"));
        }
        if (horizons.length != syms.size()) {
            throw new IllegalArgumentException(horizons.length + " horizons for " + syms.size() + " symbols");
        }
        for (int k = 0; k < horizons.length; k++) {
            if (horizons[k] < 0) {
                throw new IllegalArgumentException(syms.get(k) + ": horizon " + horizons[k] + " is negative");
            }
        }
        int[] per = new int[syms.size()];
        for (int i = 0; i < n; i++) {
            int s = symbolIndex[i];
            if (s < 0 || s >= syms.size()) {
                throw new IllegalArgumentException("row " + i + ": symbol index " + s + " is not in [0, " + (syms.size() - 1) + "]");
            }
            checkClass(actual[i], i, "actual");
            checkClass(predicted[i], i, "predicted");
            if (momentum != null) {
                checkClass(momentum[i], i, "momentum");
            }
            per[s]++;
        }
        return new ScoredRows(syms, symbolIndex.clone(), actual.clone(), predicted.clone(),
                momentum == null ? null : momentum.clone(), horizons.clone(), per);
    }

    private static void checkClass(byte c, int row, String what) {
        if (c < 0 || c >= Label.COUNT) {
            throw new IllegalArgumentException("row " + row + ": " + what + " class " + c + " is not in [0, 2]");
        }
    }

    /** @return the symbols */
    public List<Symbol> symbols() {
        return symbols;
    }

    /** @return number of rows */
    public int rows() {
        return actual.length;
    }

    /** @return per row, its symbol index (copy) */
    public int[] symbolIndex() {
        return symbolIndex.clone();
    }

    /** @return per row, the actual class (copy) */
    public byte[] actual() {
        return actual.clone();
    }

    /** @return per row, the model's predicted class (copy) */
    public byte[] predicted() {
        return predicted.clone();
    }

    /** @return whether momentum predictions are present */
    public boolean hasMomentum() {
        return momentum != null;
    }

    /** @return per row, the momentum baseline's predicted class (copy); empty when absent */
    public byte[] momentum() {
        return momentum == null ? new byte[0] : momentum.clone();
    }

    /** @return per symbol, its label horizon in bars (copy) */
    public int[] horizons() {
        return horizons.clone();
    }

    /** @return per symbol, its number of rows (copy) */
    public int[] rowsPerSymbol() {
        return rowsPerSymbol.clone();
    }

    // package-private zero-copy views for the bootstrap's inner loop
    int symbolAt(int row) {
        return symbolIndex[row];
    }

    byte actualAt(int row) {
        return actual[row];
    }

    byte predictedAt(int row) {
        return predicted[row];
    }

    byte momentumAt(int row) {
        return momentum[row];
    }

    /**
     * @param symbol index of a symbol
     * @return that symbol's row indices, in order
     */
    public int[] rowsOf(int symbol) {
        Objects.checkIndex(symbol, symbols.size());
        return Arrays.copyOfRange(bySymbol, start[symbol], start[symbol + 1]);
    }

    @Override
    public String toString() {
        return "ScoredRows[" + actual.length + " rows of " + symbols + ", horizons " + Arrays.toString(horizons)
                + (momentum == null ? ", no momentum" : "") + "]";
    }
}
