package dev.ktrdr.training.eval;

import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Metrics over all rows and per symbol (each with its own majority-class baseline: a symbol's baseline
 * is its own most frequent class, not the pooled one). {@link ClassificationMetrics#baseline()} of
 * {@link #overall()} is the pooled majority; the baseline to report beside the overall accuracy is
 * {@link #perSymbolBaseline()}.
 *
 * @param overall metrics over every row
 * @param perSymbol metrics per symbol, in symbol order
 */
public record Evaluation(ClassificationMetrics overall, Map<Symbol, ClassificationMetrics> perSymbol) {
    /** Copies the map. */
    public Evaluation {
        Objects.requireNonNull(overall, "overall");
        perSymbol = Collections.unmodifiableMap(new LinkedHashMap<>(perSymbol));
    }

    /**
     * @param actual actual classes
     * @param predicted predicted classes
     * @param symbolIndex per row, the index into {@code symbols}
     * @param symbols the symbols
     * @return overall and per-symbol metrics
     */
    public static Evaluation of(byte[] actual, byte[] predicted, int[] symbolIndex, List<Symbol> symbols) {
        if (symbolIndex.length != actual.length) {
            throw new IllegalArgumentException(symbolIndex.length + " symbol indices for " + actual.length + " rows");
        }
        long[][][] per = new long[symbols.size()][Label.COUNT][Label.COUNT];
        ClassificationMetrics overall = ClassificationMetrics.of(actual, predicted);
        for (int i = 0; i < actual.length; i++) {
            per[symbolIndex[i]][actual[i]][predicted[i]]++;
        }
        Map<Symbol, ClassificationMetrics> m = new LinkedHashMap<>();
        for (int k = 0; k < symbols.size(); k++) {
            m.put(symbols.get(k), ClassificationMetrics.fromConfusion(per[k]));
        }
        return new Evaluation(overall, m);
    }

    /**
     * @return the per-symbol majority baseline: the row-weighted mean of each symbol's own majority-class
     *     share ({@link BaselineFigures#baselineAccuracy()}); NaN on zero rows
     */
    public double perSymbolBaseline() {
        long n = 0;
        long majority = 0;
        for (ClassificationMetrics m : perSymbol.values()) {
            long most = 0;
            for (Label l : Label.values()) {
                most = Math.max(most, m.support(l));
            }
            n += m.count();
            majority += most;
        }
        return n == 0 ? Double.NaN : (double) majority / n;
    }

    /**
     * Headline figures: {@code accuracy}, {@code baseline_accuracy} (the per-symbol majority baseline,
     * {@link #perSymbolBaseline()}), {@code pooled_majority_accuracy} (the majority class of all rows pooled),
     * {@code macro_f1} and per symbol {@code accuracy.{SYMBOL}} and {@code baseline_accuracy.{SYMBOL}}, each key
     * prefixed.
     *
     * @param prefix e.g. {@code "test_"}
     * @return the figures, in a stable order
     */
    public Map<String, Double> summary(String prefix) {
        Map<String, Double> out = new LinkedHashMap<>();
        out.put(prefix + "accuracy", overall.accuracy());
        out.put(prefix + "baseline_accuracy", perSymbolBaseline());
        out.put(prefix + "pooled_majority_accuracy", overall.baseline());
        out.put(prefix + "macro_f1", overall.macroF1());
        perSymbol.forEach((s, m) -> {
            out.put(prefix + "accuracy." + s, m.accuracy());
            out.put(prefix + "baseline_accuracy." + s, m.baseline());
        });
        return out;
    }
}
