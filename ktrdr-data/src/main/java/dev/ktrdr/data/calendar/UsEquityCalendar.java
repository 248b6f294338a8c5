package dev.ktrdr.data.calendar;

import dev.ktrdr.api.Session;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Optional;

/**
 * US equities (NYSE regular session): 09:30 to 16:00 New York, 13:00 on early-close days (the day
 * after Thanksgiving; 24 December and 3 July on a Monday, Tuesday or Thursday from 1995 and on a Wednesday from 2013; 5 July when a Friday from 1995 to 2012; 26 December 1997 and 2003; 14:00 before 1993).
 * Closed on weekends, on the NYSE holidays computed by rule (New Year's Day with the NYSE's
 * no-Saturday-make-up rule, Martin Luther King Jr. Day from 1998, Washington's Birthday, Good
 * Friday, Memorial Day, Juneteenth from 2022, Independence Day, Labor Day, Thanksgiving, Christmas;
 * Saturday holidays observed on Friday, Sunday holidays on Monday) and on the special closures since
 * 1990 (1994-04-27, 2001-09-11..14, 2004-06-11, 2007-01-02, 2012-10-29/30, 2018-12-05, 2025-01-09).
 *
 * <p>A trading day is the New York date. A daily bar labelled D becomes known at D's session close
 * (16:00 New York on a day without a session, e.g. an index published on an exchange holiday).
 *
 * <p>Immutable and thread-safe.
 */
final class UsEquityCalendar implements MarketCalendar {
    private static final ZoneId NEW_YORK = ForexCalendar.NEW_YORK;
    private static final LocalTime OPEN = LocalTime.of(9, 30);
    private static final LocalTime CLOSE = LocalTime.of(16, 0);

    @Override
    public String id() {
        return "us-equity";
    }

    @Override
    public ZoneId zone() {
        return NEW_YORK;
    }

    @Override
    public Optional<Session> session(LocalDate day) {
        byte k = NyseRules.kind(day);
        if (k == NyseRules.CLOSED) {
            return Optional.empty();
        }
        boolean early = k == NyseRules.EARLY;
        LocalTime close = early ? LocalTime.of(NyseRules.earlyCloseHour(day), 0) : CLOSE;
        return Optional.of(new Session(day, at(day, OPEN), at(day, close), early));
    }

    @Override
    public LocalDate tradingDay(long epochMillis) {
        return java.time.Instant.ofEpochMilli(epochMillis).atZone(NEW_YORK).toLocalDate();
    }

    @Override
    public long dayStart(LocalDate day) {
        return day.atStartOfDay(NEW_YORK).toInstant().toEpochMilli();
    }

    @Override
    public long dailyBarClose(LocalDate label) {
        return session(label).map(Session::closeMillis).orElseGet(() -> at(label, CLOSE));
    }

    @Override
    public boolean expectsDailyBar(LocalDate label) {
        return NyseRules.kind(label) != NyseRules.CLOSED;
    }

    private static long at(LocalDate d, LocalTime t) {
        // Session times (09:30, 13:00, 16:00) never fall in a daylight-saving gap or overlap.
        java.time.LocalDateTime ldt = d.atTime(t);
        return ldt.toEpochSecond(NEW_YORK.getRules().getOffset(ldt)) * 1000L;
    }

    @Override
    public String toString() {
        return id();
    }
}
