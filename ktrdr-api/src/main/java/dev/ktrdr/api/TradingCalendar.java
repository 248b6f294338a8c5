package dev.ktrdr.api;

import java.time.LocalDate;
import java.util.Optional;

/**
 * When a market trades. Calendars decide when a daily bar becomes known (its session close, rule 1 of
 * the look-ahead rules), how intraday bars group into days when resampling, and which missing bars are
 * expected closures rather than gaps.
 *
 * <p>Implementations (crypto 24/7, forex 24/5 rolling at 17:00 New York with US daylight saving, US
 * equities with NYSE holidays and early closes) live in ktrdr-data. All times are UTC epoch
 * milliseconds. Implementations are immutable and thread-safe.
 */
public interface TradingCalendar {

    /** @return the calendar id, e.g. {@code "crypto"}, {@code "forex"}, {@code "us-equity"} */
    String id();

    /**
     * The session of a date label, if the market trades that day.
     *
     * @param day a session date label
     * @return the session, or empty for weekends, holidays and other closed days
     */
    Optional<Session> session(LocalDate day);

    /**
     * The date label of the session that an instant belongs to: for a forex market an instant after
     * 17:00 New York belongs to the next day's session; for US equities the New York date.
     *
     * @param epochMillis an instant
     * @return the session date label (the day may have no session when the market is closed)
     */
    LocalDate tradingDay(long epochMillis);

    /**
     * @param epochMillis an instant
     * @return true when the market is open at that instant
     */
    default boolean isOpen(long epochMillis) {
        return session(tradingDay(epochMillis))
                .map(s -> epochMillis >= s.openMillis() && epochMillis < s.closeMillis())
                .orElse(false);
    }
}
