package dev.ktrdr.api;

/**
 * A base bar for which a timeframe had no fresh enough completed bar.
 *
 * @param baseOpenTime open time of the base bar concerned
 * @param timeframe the stale timeframe
 * @param sourceOpenTime open time of the newest completed bar of that timeframe, or {@link Long#MIN_VALUE} if none
 * @param ageMillis age of that bar at the base bar's close, measured from the instant it became usable (its
 *     close time, or the close of the last base bar inside its span when later), not counting calendar closures
 */
public record AlignmentGap(long baseOpenTime, Timeframe timeframe, long sourceOpenTime, long ageMillis) {
}
