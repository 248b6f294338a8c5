package dev.ktrdr.data.calendar;

import dev.ktrdr.api.TradingCalendar;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A {@link TradingCalendar} with what ktrdr-data needs beyond the api contract: the time zone and
 * the local time at which a trading day starts (the anchor of resampled buckets), when a daily bar
 * read from a file becomes known (rule 1 of the look-ahead rules), and which days are thin
 * holiday days whose missing bars the gap analysis reports separately.
 *
 * <p>All instants are UTC epoch milliseconds. Implementations are immutable and thread-safe.
 */
public interface MarketCalendar extends TradingCalendar {

    /** @return the zone whose wall clock defines the calendar's days */
    ZoneId zone();

    /**
     * The instant trading day {@code day} starts: midnight in {@link #zone()} for crypto and US
     * equities, 17:00 New York on the previous date for forex. Resampled intraday buckets are
     * anchored here.
     *
     * @param day a trading-day label
     * @return the instant the day starts
     */
    long dayStart(LocalDate day);

    /**
     * The instant trading day {@code day} ends for the purpose of completing a resampled bar: the
     * session close when the day has a session, otherwise the start of the next day.
     *
     * @param day a trading-day label
     * @return the instant the day's trading is over
     */
    default long dayEnd(LocalDate day) {
        return session(day).map(s -> s.closeMillis()).orElseGet(() -> dayStart(day.plusDays(1)));
    }

    /**
     * When a daily bar read from a file with date label {@code label} (stamped
     * {@code label}T00:00:00Z) becomes known. US equities: the session close (16:00 New York, 13:00
     * on early-close days; 16:00 New York on a day the calendar has no session). Forex, metals and
     * crypto daily files are UTC calendar days: label + 1 day.
     *
     * @param label the date label
     * @return close (known-at) instant, UTC epoch ms, always after the label's midnight
     */
    long dailyBarClose(LocalDate label);

    /**
     * The trading day a daily bar labelled {@code label} belongs to when daily bars are grouped into
     * weeks: the label itself, except for forex, whose UTC Sunday bar holds the first hours of
     * Monday's session.
     *
     * @param label the date label of a daily bar
     * @return its trading day
     */
    default LocalDate tradingDayOfDailyLabel(LocalDate label) {
        return label;
    }

    /**
     * Whether a daily bar labelled {@code label} is expected in a data file (the gap analysis).
     *
     * @param label the date label
     * @return true when the market trades during that labelled day
     */
    boolean expectsDailyBar(LocalDate label);

    /**
     * A holiday on which an over-the-counter market is closed or nearly closed in practice although
     * the calendar keeps a session (forex: 25 December and 1 January). A missing daily bar on such a
     * day is reported as a holiday closure, not as a gap.
     *
     * @param day a date in {@link #zone()}
     * @return true for such holidays; false by default
     */
    default boolean isSoftHoliday(LocalDate day) {
        return false;
    }

    /**
     * A thin day around a soft holiday (forex: 24 to 26 and 31 December, 1 and 2 January, by New
     * York date). Missing intraday bars on such days are reported separately, not as gaps.
     *
     * @param day a date in {@link #zone()}
     * @return true for thin days; false by default
     */
    default boolean isThinDay(LocalDate day) {
        return false;
    }

    /**
     * Whether an instant falls in a short daily trading break that the calendar's sessions do not
     * model (spot metals pause for the 17:00 New York hour). Missing bars there are reported apart
     * from gaps.
     *
     * @param epochMillis an instant
     * @return true inside the break; false by default
     */
    default boolean isDailyBreak(long epochMillis) {
        return false;
    }
}
