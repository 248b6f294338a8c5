package dev.ktrdr.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to align: the base track first, then the other timeframes in configured order.
 *
 * @param base the base timeframe's track (rows are produced for its bars)
 * @param others the other timeframes' tracks, in configured order
 * @param policy what to do with stale rows
 * @param calendar optional calendar: closures (weekends, holidays) do not count towards staleness
 */
public record AlignmentRequest(TimeframeTrack base, List<TimeframeTrack> others, StalenessPolicy policy,
                               Optional<TradingCalendar> calendar) {
    /**
     * Checks presence, copies the list and refuses duplicate timeframes.
     *
     * @param base the base timeframe's track (rows are produced for its bars)
     * @param others the other timeframes' tracks, in configured order
     * @param policy what to do with stale rows
     * @param calendar optional calendar: closures (weekends, holidays) do not count towards staleness
     */
    public AlignmentRequest {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(calendar, "calendar");
        others = List.copyOf(others);
        java.util.Set<Timeframe> seen = java.util.EnumSet.of(base.timeframe());
        for (TimeframeTrack t : others) {
            if (!seen.add(t.timeframe())) {
                throw new ConfigurationException("timeframes", "timeframe " + t.timeframe() + " is listed twice");
            }
        }
    }
}
