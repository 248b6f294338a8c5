package dev.ktrdr.api;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The ordered list of feature names a model was trained on, e.g.
 * {@code [1h_rsi_14_oversold, 1h_rsi_14_neutral, ..., 4h_macd_hist_bullish]}. Stored with every model
 * and checked at load and at predict time; the order is part of the contract.
 *
 * @param names feature names, unique, in column order
 */
public record FeatureSpec(List<String> names) {
    /**
     * Copies the list and checks that names are present and unique.
     *
     * @param names feature names, unique, in column order
     */
    public FeatureSpec {
        names = List.copyOf(names);
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (n.isEmpty()) {
                throw new IllegalArgumentException("feature name is empty");
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException("feature '" + n + "' appears twice");
            }
        }
    }

    /** @return the number of features */
    public int size() {
        return names.size();
    }

    /**
     * @param other the spec a caller will feed
     * @return a one-line description of the first difference (index and both names, or the lengths),
     *     or empty when the specs are identical
     */
    public Optional<String> firstDifference(FeatureSpec other) {
        int n = Math.min(names.size(), other.names.size());
        for (int i = 0; i < n; i++) {
            if (!names.get(i).equals(other.names.get(i))) {
                return Optional.of("feature " + i + " is '" + names.get(i) + "' in the model but '"
                        + other.names.get(i) + "' in the input");
            }
        }
        if (names.size() != other.names.size()) {
            return Optional.of("the model has " + names.size() + " features but the input has " + other.names.size()
                    + (names.size() > n ? "; first missing: '" + names.get(n) + "'"
                    : "; first extra: '" + other.names.get(n) + "'"));
        }
        return Optional.empty();
    }

    /**
     * @param other the spec a caller will feed
     * @throws ModelException naming the first differing feature
     */
    public void requireSameAs(FeatureSpec other) {
        firstDifference(other).ifPresent(d -> {
            throw new ModelException("feature spec mismatch: " + d);
        });
    }
}
