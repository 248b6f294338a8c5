package dev.ktrdr.training.gbdt;

import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.training.mlp.SymbolEncoding;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A gradient-boosted tree ensemble as a {@link TradingModel}. Trees split raw feature values (no scaler). The
 * symbol enters as extra input columns after the features:
 * <ul>
 *   <li>{@code none}: no column;</li>
 *   <li>{@code index}: one column holding the slot number, 0 .. N-1 for the N training symbols in training order,
 *       N for any other symbol (the unknown slot);</li>
 *   <li>{@code one_hot}: N indicator columns, one per training symbol; an unknown symbol has all zeros.</li>
 * </ul>
 *
 * <p>Exactness: probabilities are LightGBM's softmax of the summed leaf values in double precision, as computed by
 * the native library; the stored model text is exactly the one evaluated. Predictions are serialised per model
 * (the native buffers are preallocated), so concurrent callers are safe but queue on one model.
 */
public final class GbdtModel implements TradingModel {
    private final FeatureSpec spec;
    private final SymbolEncoding.Kind encoding;
    private final List<Symbol> vocabulary;
    private final Map<Symbol, Integer> slots;
    private final TreeBooster booster;
    private final Map<String, String> provenance;
    private final double[] row;

    /**
     * @param spec the feature columns
     * @param encoding none, one_hot or index
     * @param vocabulary the training symbols in training order (empty for none)
     * @param booster the trees over {@code spec.size() + encodingColumns} inputs
     * @param provenance how the model was made
     */
    public GbdtModel(FeatureSpec spec, SymbolEncoding.Kind encoding, List<Symbol> vocabulary, TreeBooster booster,
                     Map<String, String> provenance) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.encoding = Objects.requireNonNull(encoding, "encoding");
        if (encoding == SymbolEncoding.Kind.EMBEDDING) {
            throw new IllegalArgumentException("trees have no embedding");
        }
        this.vocabulary = encoding == SymbolEncoding.Kind.NONE ? List.of() : List.copyOf(vocabulary);
        Map<Symbol, Integer> m = new HashMap<>();
        for (int i = 0; i < this.vocabulary.size(); i++) {
            m.put(this.vocabulary.get(i), i);
        }
        this.slots = Map.copyOf(m);
        this.booster = Objects.requireNonNull(booster, "booster");
        this.provenance = Map.copyOf(provenance);
        if (booster.columns() != inputColumns()) {
            throw new IllegalArgumentException("the booster has " + booster.columns() + " input columns, the model "
                    + inputColumns());
        }
        this.row = new double[inputColumns()];
    }

    /**
     * @param encoding an encoding
     * @param vocabularySize training symbols
     * @return the input columns it appends after the features
     */
    public static int encodingColumns(SymbolEncoding.Kind encoding, int vocabularySize) {
        return switch (encoding) {
            case INDEX -> 1;
            case ONE_HOT -> vocabularySize;
            default -> 0;
        };
    }

    /** @return features plus encoding columns */
    public int inputColumns() {
        return spec.size() + encodingColumns(encoding, vocabulary.size());
    }

    /**
     * Writes the encoding columns of a slot (allocation-free).
     *
     * @param encoding the encoding
     * @param vocabularySize training symbols (N)
     * @param slot 0 .. N (N = unknown)
     * @param dst destination
     * @param offset first column
     */
    static void writeSymbolColumns(SymbolEncoding.Kind encoding, int vocabularySize, int slot, double[] dst, int offset) {
        if (encoding == SymbolEncoding.Kind.INDEX) {
            dst[offset] = slot;
        } else if (encoding == SymbolEncoding.Kind.ONE_HOT) {
            for (int j = 0; j < vocabularySize; j++) {
                dst[offset + j] = j == slot ? 1 : 0;
            }
        }
    }

    /**
     * @param symbol a symbol
     * @return its slot; the vocabulary size (the unknown slot) for a symbol not trained on
     */
    public int slotOf(Symbol symbol) {
        Integer s = slots.get(symbol);
        return s == null ? vocabulary.size() : s;
    }

    @Override
    public FeatureSpec featureSpec() {
        return spec;
    }

    @Override
    public synchronized void predict(double[] features, Symbol symbol, double[] probabilities) {
        System.arraycopy(features, 0, row, 0, spec.size());
        writeSymbolColumns(encoding, vocabulary.size(), slotOf(symbol), row, spec.size());
        booster.predict(row, probabilities);
    }

    /** @return the symbol encoding */
    public SymbolEncoding.Kind encoding() {
        return encoding;
    }

    /** @return the training symbols in slot order */
    public List<Symbol> vocabulary() {
        return vocabulary;
    }

    /** @return boosting rounds kept */
    public int rounds() {
        return booster.rounds();
    }

    /** @return the native model bytes (LightGBM model text) */
    public byte[] modelBytes() {
        return booster.modelBytes();
    }

    /** @return how the model was made */
    public Map<String, String> provenance() {
        return provenance;
    }

    /**
     * Gain importance: per feature, the total gain of the splits on it, as a share of the total (the symbol columns
     * pooled under {@code "symbol"}); every share is 0 when no tree split at all.
     *
     * @return feature name (or {@code symbol}) → share in [0, 1], in column order
     */
    public Map<String, Double> gainImportance() {
        double[] g = booster.gainImportance();
        double total = 0;
        for (double v : g) {
            total += v;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < spec.size(); i++) {
            out.put(spec.names().get(i), total > 0 ? g[i] / total : 0.0);
        }
        if (g.length > spec.size()) {
            double s = 0;
            for (int i = spec.size(); i < g.length; i++) {
                s += g[i];
            }
            out.put("symbol", total > 0 ? s / total : 0.0);
        }
        return out;
    }

    @Override
    public String toString() {
        return "GbdtModel[" + spec.size() + " features, " + encoding.id() + " over " + vocabulary.size() + " symbols, "
                + booster.rounds() + " rounds × " + Label.COUNT + " classes]";
    }
}
