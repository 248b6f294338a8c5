package dev.ktrdr.api;

/**
 * Aligns several timeframes on a base timeframe without looking ahead (rules 3 to 5 of
 * docs/ARCHITECTURE.md): the row for base bar b takes from every timeframe the latest bar that is usable by
 * b's close time. A bar of a timeframe coarser than the base is usable at the later of its close time
 * and the close of the last base bar inside its span (the base bars of its period or session: a daily
 * bar whose data include after-close prints is used only once the base bar holding the last print has
 * closed); other bars at their close time. Rows before every timeframe has warmed up are dropped and
 * counted; one row per remaining base bar, in order, no duplicates; a value older than its timeframe's allowed staleness is a
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
