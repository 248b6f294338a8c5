package dev.ktrdr.training.split;

import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A chronological split shared by every symbol: the cut instants (the same for all symbols) and each
 * symbol's rows per part, purged with its own label horizon.
 *
 * <p>A plan is shown before training ({@link #table()}), stored with the model ({@link #toJson()}) and
 * checked against a minimum number of rows ({@link #requireMinimum}), so that no symbol and no part of the
 * split disappears in silence.
 *
 * @param trainStart first instant of the training part (inclusive), {@link Long#MIN_VALUE} when unbounded
 * @param validationCut first instant of the validation part (training rows are before it)
 * @param testCut first instant of the test part
 * @param testEnd end of the test part (exclusive), {@link Long#MAX_VALUE} when unbounded
 * @param symbols per symbol, in the order given
 */
public record SplitPlan(long trainStart, long validationCut, long testCut, long testEnd, Map<Symbol, SymbolSplit> symbols) {
    /** Copies the map and checks the cut order. */
    public SplitPlan {
        if (!(trainStart <= validationCut && validationCut <= testCut && testCut <= testEnd)) {
            throw new IllegalArgumentException("cuts out of order: " + trainStart + ", " + validationCut + ", " + testCut
                    + ", " + testEnd);
        }
        symbols = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(symbols)));
    }

    /** @return the cut instants, in order: validation cut, test cut */
    public List<Long> cuts() {
        return List.of(validationCut, testCut);
    }

    /**
     * @param symbol a symbol
     * @return its split
     */
    public SymbolSplit of(Symbol symbol) {
        SymbolSplit s = symbols.get(symbol);
        if (s == null) {
            throw new IllegalArgumentException("symbol " + symbol + " is not in the split; have " + symbols.keySet());
        }
        return s;
    }

    /** @return the symbols with at least one training row, in order: the model's training symbols */
    public List<Symbol> trainingSymbols() {
        List<Symbol> out = new ArrayList<>();
        symbols.forEach((k, v) -> {
            if (v.trainRows() > 0) {
                out.add(k);
            }
        });
        return out;
    }

    /** @return training rows of all symbols */
    public long trainRows() {
        return symbols.values().stream().mapToLong(SymbolSplit::trainRows).sum();
    }

    /** @return validation rows of all symbols */
    public long validationRows() {
        return symbols.values().stream().mapToLong(SymbolSplit::validationRows).sum();
    }

    /** @return test rows of all symbols */
    public long testRows() {
        return symbols.values().stream().mapToLong(SymbolSplit::testRows).sum();
    }

    /**
     * The problems of this plan against a minimum, each one line naming the symbol or the part, its rows per
     * part and the remedy: every symbol must have at least {@code minRows} training rows; when
     * {@code validationNeeded} (early stopping is on), the validation set of all symbols at least
     * {@code minRows}; when {@code testNeeded}, the test set of all symbols at least {@code minRows}.
     *
     * @param minRows the minimum, ≥ 1 (the setting {@code training.min_rows_per_split})
     * @param validationNeeded whether a validation set is required
     * @param testNeeded whether a test set is required
     * @return the problems, empty when the plan passes
     */
    public List<String> problems(int minRows, boolean validationNeeded, boolean testNeeded) {
        if (minRows < 1) {
            throw new IllegalArgumentException("training.min_rows_per_split " + minRows + " is not in [1, 100000000]");
        }
        List<String> out = new ArrayList<>();
        String setting = "training.min_rows_per_split = " + minRows;
        symbols.forEach((k, v) -> {
            if (v.trainRows() < minRows) {
                out.add(k + " has " + v.trainRows() + " training rows (" + v.counts() + "), below " + setting
                        + " (training period ends " + instant(validationCut) + "): drop " + k + " from the symbols, "
                        + "give it more history before " + instant(validationCut) + ", or lower training.min_rows_per_split");
            }
        });
        if (validationNeeded && validationRows() < minRows) {
            out.add("the validation set has " + validationRows() + " rows (" + perSymbol(SymbolSplit::validationRows)
                    + "), below " + setting + ", and early stopping needs it: raise training.data_split.validation, "
                    + "load more history, or set training.early_stopping.enabled: false");
        }
        if (testNeeded && testRows() < minRows) {
            out.add("the test set has " + testRows() + " rows (" + perSymbol(SymbolSplit::testRows) + "), below " + setting
                    + ": raise training.data_split.test or load more history");
        }
        return out;
    }

    /**
     * Refuses a plan with a problem ({@link #problems}).
     *
     * @param minRows the minimum, ≥ 1
     * @param validationNeeded whether a validation set is required
     * @param testNeeded whether a test set is required
     * @throws DataException with one line: {@code split plan: } and the first problem (and how many more)
     */
    public void requireMinimum(int minRows, boolean validationNeeded, boolean testNeeded) {
        List<String> p = problems(minRows, validationNeeded, testNeeded);
        if (!p.isEmpty()) {
            throw new DataException("split plan: " + p.get(0) + (p.size() > 1 ? " (and " + (p.size() - 1) + " more problem"
                    + (p.size() > 2 ? "s" : "") + ")" : ""));
        }
    }

    private String perSymbol(java.util.function.ToIntFunction<SymbolSplit> rows) {
        List<String> parts = new ArrayList<>();
        symbols.forEach((k, v) -> parts.add(k + " " + rows.applyAsInt(v)));
        return String.join(", ", parts);
    }

    private static String instant(long t) {
        return t == Long.MIN_VALUE ? "-" : t == Long.MAX_VALUE ? "none" : Instant.ofEpochMilli(t).toString();
    }

    /**
     * The plan as lines for people: the cuts, then one line per symbol with its rows per part, the rows purged
     * before each cut and its label horizon, then the totals.
     *
     * @return the lines
     */
    public List<String> table() {
        List<String> out = new ArrayList<>();
        out.add("split plan: validation from " + instant(validationCut) + ", test from " + instant(testCut)
                + (trainStart == Long.MIN_VALUE ? "" : ", training from " + instant(trainStart))
                + (testEnd == Long.MAX_VALUE ? "" : ", test until " + instant(testEnd)));
        out.add(String.format(Locale.ROOT, "  %-12s %9s %11s %9s %14s %16s %9s", "symbol", "train", "validation",
                "test", "purged<val", "purged<test", "horizon"));
        symbols.forEach((k, v) -> out.add(String.format(Locale.ROOT, "  %-12s %9d %11d %9d %14d %16d %9d", k.value(),
                v.trainRows(), v.validationRows(), v.testRows(), v.purgedTrain(), v.purgedValidation(), v.horizon())));
        out.add(String.format(Locale.ROOT, "  %-12s %9d %11d %9d %14d %16d", "all", trainRows(), validationRows(),
                testRows(), symbols.values().stream().mapToLong(SymbolSplit::purgedTrain).sum(),
                symbols.values().stream().mapToLong(SymbolSplit::purgedValidation).sum()));
        return out;
    }

    /**
     * The plan as a JSON-ready map: {@code train_start, validation_cut, test_cut, test_end} (ISO instants or
     * null when unbounded), {@code training_symbols}, {@code totals} and per symbol {@code train, validation,
     * test, purged_before_validation, purged_before_test, label_horizon_bars}.
     *
     * @return the map
     */
    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("train_start", trainStart == Long.MIN_VALUE ? null : instant(trainStart));
        out.put("validation_cut", instant(validationCut));
        out.put("test_cut", testCut == Long.MAX_VALUE ? null : instant(testCut));
        out.put("test_end", testEnd == Long.MAX_VALUE ? null : instant(testEnd));
        out.put("training_symbols", trainingSymbols().stream().map(Symbol::value).toList());
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("train", trainRows());
        totals.put("validation", validationRows());
        totals.put("test", testRows());
        out.put("totals", totals);
        Map<String, Object> per = new LinkedHashMap<>();
        symbols.forEach((k, v) -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("train", v.trainRows());
            x.put("validation", v.validationRows());
            x.put("test", v.testRows());
            x.put("purged_before_validation", v.purgedTrain());
            x.put("purged_before_test", v.purgedValidation());
            x.put("label_horizon_bars", v.horizon());
            per.put(k.value(), x);
        });
        out.put("symbols", per);
        return out;
    }
}
