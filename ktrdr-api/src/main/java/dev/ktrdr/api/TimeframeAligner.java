package dev.ktrdr.api;

/**
 * Aligns several timeframes on a base timeframe without looking ahead (rules 3 to 5 of
 * docs/ARCHITECTURE.md): the row for base bar b takes from every timeframe the latest bar whose close time is
 * ≤ b's close time; rows before every timeframe has warmed up are dropped and counted; one row per
 * remaining base bar, in order, no duplicates; a value older than its timeframe's allowed staleness is a
 * reported gap handled by the request's {@link StalenessPolicy}, never silently filled.
 *
 * <p>Implementations are stateless and thread-safe. Aligning n base bars against m bars of the other
 * timeframes takes O(n + m).
 */
@FunctionalInterface
public interface TimeframeAligner {

    /**
     * @param request the tracks to align
     * @return the kept base rows and, per timeframe, the source index each used
     * @throws DataException under {@link StalenessPolicy#FAIL} when a value is stale
     */
    Alignment align(AlignmentRequest request);
}
