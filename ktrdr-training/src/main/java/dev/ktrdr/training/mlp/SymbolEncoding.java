package dev.ktrdr.training.mlp;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Symbol;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How a row's symbol enters the network, and the symbols it knows. The vocabulary is the training symbols in
 * training order; slot {@code i} is {@code vocabulary.get(i)} and slot {@code vocabulary.size()} is the
 * "unknown symbol" slot, used for any symbol not in the vocabulary and, during training, for a row whose
 * symbol is dropped (probability {@code symbolDropout}), so that the unknown slot learns to stand for an
 * average symbol.
 *
 * <p>Input columns appended after the scaled features (see {@link #columns()}):
 * <ul>
 *   <li>{@link Kind#NONE}: none;</li>
 *   <li>{@link Kind#ONE_HOT}: N-1 columns; the first vocabulary symbol is the all-zero reference, and so is an
 *       unknown symbol (the N-1 coding has no separate unknown code);</li>
 *   <li>{@link Kind#INDEX}: one column holding the slot number (0 .. N, N = unknown);</li>
 *   <li>{@link Kind#EMBEDDING}: {@code embeddingDim} columns copied from a learned table of N+1 rows.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param kind the encoding
 * @param vocabulary the known symbols, unique, in training order (may be empty for {@link Kind#NONE})
 * @param embeddingDim columns of the learned table for {@link Kind#EMBEDDING}, 1..1024; 0 otherwise
 * @param symbolDropout probability in [0, 1) that a training row's symbol is replaced by the unknown slot
 */
public record SymbolEncoding(Kind kind, List<Symbol> vocabulary, int embeddingDim, double symbolDropout) {

    /** Encoding kinds, with the ids used in strategy files. */
    public enum Kind {
        /** The symbol is not an input. */
        NONE("none"),
        /** N-1 indicator columns. */
        ONE_HOT("one_hot"),
        /** One column with the slot number. */
        INDEX("index"),
        /** A learned embedding vector. */
        EMBEDDING("embedding");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** @return the lower-case id, e.g. {@code one_hot} */
        public String id() {
            return id;
        }

        /**
         * @param text an id, case-insensitive ({@code onehot} and {@code one-hot} accepted)
         * @return the kind
         * @throws ConfigurationException with path {@code symbol_encoding} listing the valid ids
         */
        public static Kind parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            if ("onehot".equals(t)) {
                return ONE_HOT;
            }
            for (Kind k : values()) {
                if (k.id.equals(t)) {
                    return k;
                }
            }
            throw new ConfigurationException("symbol_encoding", "'" + text
                    + "' is not a symbol encoding; valid: none, one_hot, index, embedding");
        }
    }

    /** The largest vocabulary accepted. */
    public static final int MAX_VOCABULARY = 100_000;

    /** Validates the parameters (naming each and its allowed range) and copies the vocabulary. */
    public SymbolEncoding {
        if (kind == null) {
            throw new ConfigurationException("symbol_encoding", "is missing");
        }
        vocabulary = List.copyOf(vocabulary);
        if (vocabulary.size() > MAX_VOCABULARY) {
            throw new ConfigurationException("symbol_encoding.vocabulary", vocabulary.size() + " symbols is more than "
                    + MAX_VOCABULARY);
        }
        Set<Symbol> seen = new HashSet<>();
        for (Symbol s : vocabulary) {
            if (!seen.add(s)) {
                throw new ConfigurationException("symbol_encoding.vocabulary", "symbol " + s + " appears twice");
            }
        }
        if (kind == Kind.EMBEDDING) {
            if (embeddingDim < 1 || embeddingDim > 1024) {
                throw new ConfigurationException("symbol_encoding.embedding_dim", embeddingDim + " is not in [1, 1024]");
            }
        } else if (embeddingDim != 0) {
            throw new ConfigurationException("symbol_encoding.embedding_dim", embeddingDim
                    + " must be 0 unless the encoding is embedding (it is " + kind.id() + ")");
        }
        if (!(symbolDropout >= 0 && symbolDropout < 1)) {
            throw new ConfigurationException("symbol_encoding.symbol_dropout", symbolDropout + " is not in [0, 1)");
        }
    }

    /** @return the encoding that ignores symbols */
    public static SymbolEncoding none() {
        return new SymbolEncoding(Kind.NONE, List.of(), 0, 0);
    }

    /**
     * @param kind the encoding kind
     * @param vocabulary training symbols in order
     * @param embeddingDim the embedding dimension; ignored (taken as 0) unless kind is {@link Kind#EMBEDDING}
     * @param symbolDropout probability of replacing a training row's symbol by the unknown slot
     * @return the encoding
     */
    public static SymbolEncoding of(Kind kind, List<Symbol> vocabulary, int embeddingDim, double symbolDropout) {
        return new SymbolEncoding(kind, kind == Kind.NONE ? List.of() : vocabulary,
                kind == Kind.EMBEDDING ? embeddingDim : 0, symbolDropout);
    }

    /** @return the slot number of the unknown symbol: the vocabulary size */
    public int unknownSlot() {
        return vocabulary.size();
    }

    /**
     * Looks a symbol up by scanning the vocabulary (O(N); see {@link #slotMap()} for repeated lookups).
     *
     * @param symbol a symbol, or null
     * @return its slot, or {@link #unknownSlot()} when it is not in the vocabulary
     */
    public int slot(Symbol symbol) {
        // a linear scan keeps the record a pure value; hot paths use slotMap() once
        int i = vocabulary.indexOf(symbol);
        return i < 0 ? vocabulary.size() : i;
    }

    /** @return the number of input columns this encoding appends after the features */
    public int columns() {
        switch (kind) {
            case ONE_HOT: return Math.max(0, vocabulary.size() - 1);
            case INDEX: return 1;
            case EMBEDDING: return embeddingDim;
            default: return 0;
        }
    }

    /** @return the rows of the learned table (N + 1) for an embedding, 0 otherwise */
    public int embeddingRows() {
        return kind == Kind.EMBEDDING ? vocabulary.size() + 1 : 0;
    }

    /**
     * Writes the fixed (non-learned) columns of a slot: one-hot indicators or the index. Embedding columns are
     * written by the network from its table. Allocation-free.
     *
     * @param slot a slot from {@link #slot(Symbol)}
     * @param dst destination
     * @param offset first column to write
     */
    void writeFixedColumns(int slot, float[] dst, int offset) {
        if (kind == Kind.ONE_HOT) {
            int n = columns();
            for (int j = 0; j < n; j++) {
                dst[offset + j] = 0f;
            }
            // slot 0 is the reference level and the unknown slot has no indicator of its own
            if (slot >= 1 && slot <= n) {
                dst[offset + slot - 1] = 1f;
            }
        } else if (kind == Kind.INDEX) {
            dst[offset] = slot;
        }
    }

    /**
     * @return a map from symbol to slot for fast lookups (the unknown slot is not in it)
     */
    public Map<Symbol, Integer> slotMap() {
        Map<Symbol, Integer> built = new HashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            built.put(vocabulary.get(i), i);
        }
        return Map.copyOf(built);
    }
}
