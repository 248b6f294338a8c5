package dev.ktrdr.data;

import dev.ktrdr.api.Timeframe;
import java.util.List;
import java.util.Optional;

/**
 * The gaps of one series against its calendar.
 *
 * <p>A bar slot is <em>expected</em> when the calendar has the market open during it (intraday: the
 * slot overlaps a session; daily: {@link dev.ktrdr.data.calendar.MarketCalendar#expectsDailyBar}).
 * Only slots between the series' first and last bar count. Weekends, holidays and closed hours are
 * expected closures, not gaps.
 *
 * @param calendarId the calendar used
 * @param timeframe the series' timeframe
 * @param expected expected slots between the first and last bar
 * @param missing expected slots without a bar, not counting holiday-window slots
 * @param runs the runs of consecutive missing slots, in time order (consecutive within the sequence
 *     of expected slots, so a run may span a closure)
 * @param holidayWindowMissing missing slots on the calendar's thin holiday days (forex: intraday bars
 *     on 24–26, 31 Dec, 1–2 Jan New York; daily bars on 25 Dec and 1 Jan), reported apart from gaps
 * @param breakMissing missing slots in the calendar's daily break (metals: the 17:00 New York hour),
 *     reported apart from gaps
 * @param unexpectedRows bars on slots the calendar does not expect (after-close prints, rows on holidays)
 * @param unexpectedSamples open times of the first few unexpected bars
 * @param closedDays whole calendar days without a session between the first and last bar (weekends, holidays)
 */
public record GapReport(String calendarId, Timeframe timeframe, long expected, long missing, List<GapRun> runs,
                        long holidayWindowMissing, long breakMissing, long unexpectedRows, List<Long> unexpectedSamples, long closedDays) {
    /** Copies the lists. */
    public GapReport {
        runs = List.copyOf(runs);
        unexpectedSamples = List.copyOf(unexpectedSamples);
    }

    /**
     * One run of consecutive missing bars.
     *
     * @param start open time of the first missing slot, UTC epoch ms
     * @param end open time of the last missing slot, UTC epoch ms
     * @param length number of missing slots
     */
    public record GapRun(long start, long end, long length) {
    }

    /** @return the longest run (the earliest one when several are equally long), if any */
    public Optional<GapRun> longest() {
        GapRun best = null;
        for (GapRun r : runs) {
            if (best == null || r.length() > best.length()) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }
}
