package dev.ktrdr.api;

import java.time.LocalDate;

/**
 * One trading session (trading day) of a calendar: the instants it opens and closes, in UTC epoch
 * milliseconds, {@code openMillis < closeMillis}. For a forex day labelled D, the session runs from
 * 17:00 New York on D−1 to 17:00 New York on D; for a US-equity day, 09:30 to 16:00 New York (13:00 on
 * early-close days).
 *
 * @param day the session's date label
 * @param openMillis when the session opens (UTC epoch ms)
 * @param closeMillis when the session closes (UTC epoch ms); a daily bar of this session becomes known then
 * @param earlyClose true when the session closes earlier than the calendar's regular close
 */
public record Session(LocalDate day, long openMillis, long closeMillis, boolean earlyClose) {
    /**
     * Checks that the session has a date and opens before it closes.
     *
     * @param day the session's date label
     * @param openMillis when the session opens (UTC epoch ms)
     * @param closeMillis when the session closes (UTC epoch ms); a daily bar of this session becomes known then
     * @param earlyClose true when the session closes earlier than the calendar's regular close
     */
    public Session {
        if (day == null) {
            throw new IllegalArgumentException("day is null");
        }
        if (openMillis >= closeMillis) {
            throw new IllegalArgumentException("session " + day + " opens at " + openMillis
                    + " but closes at " + closeMillis);
        }
    }
}
