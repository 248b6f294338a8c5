package dev.ktrdr.api;

import java.util.List;
import java.util.Objects;

/**
 * One fuzzy set of a strategy: the indicator column it reads (dot notation for outputs,
 * {@code macd_12_26_9.histogram}), an optional input transform, and its memberships in the order the
 * file wrote them. Output columns are named {@code {id}_{membership}}.
 *
 * @param id the set id (current layout: the key; older layout: the indicator name)
 * @param indicator the indicator column reference
 * @param transform how the input is made scale-free
 * @param memberships the memberships, in file order
 */
public record FuzzySetSpec(String id, String indicator, InputTransform transform, List<MembershipSpec> memberships) {
    /**
     * Checks presence and copies the list.
     *
     * @param id the set id (current layout: the key; older layout: the indicator name)
     * @param indicator the indicator column reference
     * @param transform how the input is made scale-free
     * @param memberships the memberships, in file order
     */
    public FuzzySetSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(transform, "transform");
        memberships = List.copyOf(memberships);
        if (memberships.isEmpty()) {
            throw new ConfigurationException("fuzzy_sets." + id, "the set has no memberships");
        }
    }
}
