package dev.ktrdr.training.split;

import dev.ktrdr.api.Symbol;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chronological split shared by every symbol: the cut instants (the same for all symbols) and each
 * symbol's rows per part.
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
}
