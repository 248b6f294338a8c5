package dev.ktrdr.training.backtest.mtf;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Session;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingCalendar;
import dev.ktrdr.data.calendar.MarketCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a timeframe's newest bar is recent enough to be used at an analysis instant, judged on the
 * symbol's trading calendar.
 *
 * <p>Rule: let {@code c} be the close time of the newest bar closed by the instant {@code asOf}, and
 * {@code open(c, asOf]} the time the calendar's sessions are open in between. The timeframe is
 * {@link Status#STALE} when {@code open(c, asOf]} reaches one bar's worth of trading:
 * <ul>
 * <li>intraday timeframes: the timeframe's length (an hour of open market after the newest 1h bar closed
 *     means a whole 1h bar should have closed since);</li>
 * <li>{@code 1d}: the length of the first session that closes after {@code c} (a full session passed
 *     without its daily bar), so a Friday bar is fresh over the weekend and on Monday until Monday's session
 *     is over, and a holiday adds nothing;</li>
 * <li>{@code 1w}: the open time of the seven days from the first session open after {@code c}.</li>
 * </ul>
 * Closed markets (nights, weekends, holidays, and the holidays on which an over-the-counter market is nearly
 * closed although its calendar keeps a session, {@link MarketCalendar#isSoftHoliday}: forex on 25 December and
 * 1 January) never make a bar stale. The rule never calls a complete
 * series stale (the next bar has not closed, so less than its span of trading has passed) and can accept a
 * series one partial bar late (a bar at a session edge that covers less than its span).
 *
 * <p>Stateless and thread-safe.
 */
public final class Freshness {
    private Freshness() {
    }

    /** What the analysis does with a timeframe. */
    public enum Status {
        /** Its newest bar is fresh: the timeframe is part of the analysis. */
        USED,
        /** Its newest bar is older than the calendar allows: left out. */
        STALE,
        /** No bars at all (no file, nothing to resample from) or none closed by the instant: left out. */
        MISSING;

        /** @return the lower-case id used in JSON */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One timeframe's status at an instant.
     *
     * @param timeframe the timeframe
     * @param status used, stale or missing
     * @param newestOpen open time of the newest bar closed by the instant, UTC epoch ms; empty when none
     * @param newestClose its close time; empty when none
     * @param reason one line saying why (for stale and missing), or what was used
     */
    public record TimeframeStatus(Timeframe timeframe, Status status, Optional<Long> newestOpen, Optional<Long> newestClose,
                                  String reason) {
        /** Checks presence. */
        public TimeframeStatus {
            Objects.requireNonNull(timeframe, "timeframe");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(newestOpen, "newestOpen");
            Objects.requireNonNull(newestClose, "newestClose");
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * @param timeframe the timeframe
         * @param reason why there is nothing (e.g. no file and nothing to resample from)
         * @return a missing status
         */
        public static TimeframeStatus missing(Timeframe timeframe, String reason) {
            return new TimeframeStatus(timeframe, Status.MISSING, Optional.empty(), Optional.empty(), reason);
        }
    }

    /**
     * @param series the timeframe's bars
     * @param calendar the symbol's trading calendar
     * @param asOf the analysis instant, UTC epoch ms
     * @return used, stale or missing (no bar closed by the instant), with the newest bar's times
     */
    public static TimeframeStatus assess(BarSeries series, TradingCalendar calendar, long asOf) {
        Objects.requireNonNull(calendar, "calendar");
        Timeframe tf = series.timeframe();
        int last = MultiTimeframeConfluence.lastClosed(series, asOf);
        if (last < 0) {
            return TimeframeStatus.missing(tf, series.isEmpty() ? "no bars"
                    : "no bar closed by " + Instant.ofEpochMilli(asOf) + " (first closes " + Instant.ofEpochMilli(series.closeTime(0)) + ")");
        }
        long c = series.closeTime(last);
        Optional<Long> open = Optional.of(series.openTime(last));
        long allowed = allowedOpenTime(tf, calendar, c);
        long elapsed = openTime(calendar, c, asOf, allowed);
        if (elapsed >= allowed) {
            return new TimeframeStatus(tf, Status.STALE, open, Optional.of(c), "newest bar closed "
                    + Instant.ofEpochMilli(c) + ", and the " + calendar.id() + " market has been open at least "
                    + minutes(allowed) + " since, a full " + tf + " bar that is not in the data");
        }
        return new TimeframeStatus(tf, Status.USED, open, Optional.of(c), "newest bar closed " + Instant.ofEpochMilli(c));
    }

    private static String minutes(long ms) {
        long m = ms / 60_000L;
        return m % 60 == 0 ? (m / 60) + " h" : m + " min";
    }

    /** How much open market time may pass after close {@code c} before a new bar must have closed. */
    static long allowedOpenTime(Timeframe tf, TradingCalendar calendar, long c) {
        if (tf.isIntraday()) {
            return tf.millis();
        }
        Session next = nextSession(calendar, c);
        if (next == null) {
            return Long.MAX_VALUE;
        }
        if (tf == Timeframe.D1) {
            return next.closeMillis() - next.openMillis();
        }
        long from = Math.max(c, next.openMillis());
        return openTime(calendar, from, from + tf.millis(), Long.MAX_VALUE);
    }

    /** The first session that closes after {@code c} (searching a year ahead), or null. */
    private static Session nextSession(TradingCalendar calendar, long c) {
        LocalDate day = calendar.tradingDay(c).minusDays(1);
        for (int i = 0; i < 370; i++, day = day.plusDays(1)) {
            Optional<Session> s = calendar.session(day);
            if (s.isPresent() && s.get().closeMillis() > c) {
                return s.get();
            }
        }
        return null;
    }

    /**
     * Open market time in {@code (from, to]}, summed session by session; stops counting once {@code cap}
     * is reached (the answer is then ≥ cap).
     */
    static long openTime(TradingCalendar calendar, long from, long to, long cap) {
        if (to <= from) {
            return 0;
        }
        long sum = 0;
        LocalDate day = calendar.tradingDay(from).minusDays(1);
        LocalDate end = calendar.tradingDay(to).plusDays(1);
        for (; !day.isAfter(end); day = day.plusDays(1)) {
            Optional<Session> s = calendar.session(day);
            if (s.isPresent() && !(calendar instanceof MarketCalendar m && m.isSoftHoliday(day))) {
                long a = Math.max(from, s.get().openMillis());
                long b = Math.min(to, s.get().closeMillis());
                if (b > a) {
                    sum += b - a;
                    if (sum >= cap) {
                        return sum;
                    }
                }
            }
        }
        return sum;
    }
}
