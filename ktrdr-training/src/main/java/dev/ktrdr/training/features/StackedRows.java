package dev.ktrdr.training.features;

import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rows of several symbols stacked for training or evaluation, in symbol order, each row carrying its own
 * symbol's label (taken from that symbol's {@link SymbolDataset}) and its symbol index. Built only by
 * {@link #of(List, List)}; all symbols must share one feature spec.
 *
 * <p>Immutable; accessors that return arrays return copies, except the zero-copy
 * {@link #copyRow(int, double[], int)}. Rows stacked by {@link #reading} hold no copy of their features: each
 * {@link #copyRow} reads the row through the given {@link RowReader} (e.g. from a memory-mapped shard), so
 * the heap holds 4 bytes of row selection instead of 8 bytes per feature value.
 */
public final class StackedRows {
    private final FeatureSpec spec;
    private final List<Symbol> symbols;
    private final double[] x; // null when rows are read through the reader
    private final RowReader reader; // null when x holds the rows
    private final int[] sourceRow; // per row, its row in its own dataset (with reader only)
    private final byte[] y;
    private final int[] symbolIndex;
    private final long[] times;
    private final int[] rowsPerSymbol;

    private StackedRows(FeatureSpec spec, List<Symbol> symbols, double[] x, RowReader reader, int[] sourceRow, byte[] y,
                        int[] symbolIndex, long[] times, int[] rowsPerSymbol) {
        this.spec = spec;
        this.symbols = List.copyOf(symbols);
        this.x = x;
        this.reader = reader;
        this.sourceRow = sourceRow;
        this.y = y;
        this.symbolIndex = symbolIndex;
        this.times = times;
        this.rowsPerSymbol = rowsPerSymbol;
    }

    /**
     * @param datasets one dataset per symbol, in symbol order
     * @param rows per dataset, the row indices to take (e.g. its training split), labelled rows only
     * @return the stacked rows
     * @throws ModelException when the feature specs differ (naming the first difference)
     * @throws IllegalArgumentException when a selected row has no label
     */
    public static StackedRows of(List<SymbolDataset> datasets, List<int[]> rows) {
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("no datasets to stack");
        }
        FeatureSpec spec = datasets.get(0).features().spec();
        for (SymbolDataset d : datasets) {
            spec.requireSameAs(d.features().spec());
        }
        return of(datasets, rows, spec, (k, r, dst, offset) -> datasets.get(k).features().copyRow(r, dst, offset));
    }

    /** Reads one row's features of one of the stacked datasets (e.g. from a memory-mapped shard). */
    @FunctionalInterface
    public interface RowReader {
        /**
         * @param dataset the dataset's index in the stacking order
         * @param row the row in that dataset
         * @param dst destination
         * @param offset where the row's {@code spec.size()} values go
         */
        void copyRow(int dataset, int row, double[] dst, int offset);
    }

    /**
     * Stacks rows whose features come from elsewhere than the datasets (which then give labels, times and
     * symbols only).
     *
     * @param datasets one dataset per symbol, in symbol order
     * @param rows per dataset, the row indices to take, labelled rows only
     * @param spec the features' spec (the caller checks that every source has it)
     * @param reader reads a row's features
     * @return the stacked rows
     * @throws IllegalArgumentException when a selected row has no label
     */
    public static StackedRows of(List<SymbolDataset> datasets, List<int[]> rows, FeatureSpec spec, RowReader reader) {
        return stack(datasets, rows, spec, Objects.requireNonNull(reader, "reader"), true);
    }

    /**
     * Stacks rows whose features stay where the reader finds them: nothing of the features is copied now, and
     * every {@link #copyRow} or {@link #features} reads them through {@code reader}. The reader must return the
     * same values on every call (an immutable memory-mapped shard does); then the result is indistinguishable
     * from {@link #of(List, List, FeatureSpec, RowReader)}'s, with a heap cost independent of the column count.
     *
     * @param datasets one dataset per symbol, in symbol order
     * @param rows per dataset, the row indices to take, labelled rows only
     * @param spec the features' spec (the caller checks that every source has it)
     * @param reader reads a row's features, now and later, from any thread
     * @return the stacked rows
     * @throws IllegalArgumentException when a selected row has no label
     */
    public static StackedRows reading(List<SymbolDataset> datasets, List<int[]> rows, FeatureSpec spec,
                                      RowReader reader) {
        return stack(datasets, rows, spec, Objects.requireNonNull(reader, "reader"), false);
    }

    private static StackedRows stack(List<SymbolDataset> datasets, List<int[]> rows, FeatureSpec spec, RowReader reader,
                                     boolean copy) {
        if (datasets.size() != rows.size()) {
            throw new IllegalArgumentException(datasets.size() + " datasets but " + rows.size() + " row selections");
        }
        if (datasets.isEmpty()) {
            throw new IllegalArgumentException("no datasets to stack");
        }
        int total = 0;
        for (int k = 0; k < datasets.size(); k++) {
            total += rows.get(k).length;
        }
        int cols = spec.size();
        double[] x = copy ? new double[total * cols] : null;
        int[] source = copy ? null : new int[total];
        byte[] y = new byte[total];
        int[] sym = new int[total];
        long[] times = new long[total];
        int[] per = new int[datasets.size()];
        List<Symbol> symbols = new ArrayList<>();
        int at = 0;
        for (int k = 0; k < datasets.size(); k++) {
            SymbolDataset d = Objects.requireNonNull(datasets.get(k));
            symbols.add(d.symbol());
            for (int r : rows.get(k)) {
                byte c = d.classAt(r);
                if (c == Label.NONE) {
                    throw new IllegalArgumentException(d.symbol() + ": row " + r + " has no label and cannot be stacked");
                }
                if (copy) {
                    reader.copyRow(k, r, x, at * cols);
                } else {
                    source[at] = r;
                }
                y[at] = c;
                sym[at] = k;
                times[at] = d.time(r);
                at++;
            }
            per[k] = rows.get(k).length;
        }
        return copy ? new StackedRows(spec, symbols, x, null, null, y, sym, times, per)
                : new StackedRows(spec, symbols, null, reader, source, y, sym, times, per);
    }

    /** @return the shared feature spec */
    public FeatureSpec spec() {
        return spec;
    }

    /** @return the symbols, in stacking order */
    public List<Symbol> symbols() {
        return symbols;
    }

    /** @return total rows */
    public int rows() {
        return y.length;
    }

    /** @return feature columns */
    public int columns() {
        return spec.size();
    }

    /** @return a copy of the row-major features */
    public double[] features() {
        if (x != null) {
            return x.clone();
        }
        int cols = spec.size();
        double[] out = new double[y.length * cols];
        for (int r = 0; r < y.length; r++) {
            reader.copyRow(symbolIndex[r], sourceRow[r], out, r * cols);
        }
        return out;
    }

    /** @return a copy of the class per row */
    public byte[] classes() {
        return y.clone();
    }

    /**
     * @param row a row
     * @return its class index
     */
    public byte classAt(int row) {
        return y[row];
    }

    /** @return a copy of the symbol index per row */
    public int[] symbolIndex() {
        return symbolIndex.clone();
    }

    /** @return a copy of the bar time per row */
    public long[] times() {
        return times.clone();
    }

    /** @return rows taken from each symbol, in symbol order (the sampler's input) */
    public int[] rowsPerSymbol() {
        return rowsPerSymbol.clone();
    }

    /**
     * @param row a row
     * @param dst destination
     * @param offset where to write
     */
    public void copyRow(int row, double[] dst, int offset) {
        if (x != null) {
            System.arraycopy(x, row * spec.size(), dst, offset, spec.size());
        } else {
            reader.copyRow(symbolIndex[Objects.checkIndex(row, y.length)], sourceRow[row], dst, offset);
        }
    }
}
