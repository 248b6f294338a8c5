package dev.ktrdr.data.calendar;

import dev.ktrdr.api.Session;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Forex (and metals traded over the counter): 24 hours a day from Sunday 17:00 to Friday 17:00 New
 * York, following US daylight saving (java.time zone {@code America/New_York}). The trading day
 * labelled D (Monday to Friday) runs from 17:00 New York on D−1 to 17:00 New York on D, so an instant
 * at or after 17:00 New York belongs to the next day's session.
 *
 * <p>No session is removed for holidays: OTC dealers quote thinly through them. 25 December and 1
 * January are {@linkplain #isSoftHoliday soft holidays} and 24–26, 31 December and 1–2 January (New
 * York dates) {@linkplain #isThinDay thin days}: the gap analysis reports their missing bars
 * separately. Daily files of this market are UTC calendar days (LEAN/OANDA): a daily bar labelled D
 * becomes known at D+1 00:00Z and is expected when the market is open at some instant of that UTC day
 * (Sunday to Friday).
 *
 * <p>The {@code metals} variant (spot gold and silver) has the same sessions and also reports the
 * 17:00 New York hour as a {@linkplain #isDailyBreak daily break}.
 *
 * <p>Immutable and thread-safe.
 */
final class ForexCalendar implements MarketCalendar {
    private final boolean metals;

    /** @param metals true for the metals variant, which pauses for the 17:00 New York hour */
    ForexCalendar(boolean metals) {
        this.metals = metals;
    }

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalTime ROLL = LocalTime.of(17, 0);
    private static final java.time.zone.ZoneRules RULES = NEW_YORK.getRules();

    @Override
    public String id() {
        return metals ? "metals" : "forex";
    }

    @Override
    public ZoneId zone() {
        return NEW_YORK;
    }

    @Override
    public Optional<Session> session(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
            return Optional.empty();
        }
        return Optional.of(new Session(day, dayStart(day), dayStart(day.plusDays(1)), false));
    }

    @Override
    public LocalDate tradingDay(long epochMillis) {
        ZonedDateTime z = java.time.Instant.ofEpochMilli(epochMillis).atZone(NEW_YORK);
        LocalDate d = z.toLocalDate();
        return z.toLocalTime().isBefore(ROLL) ? d : d.plusDays(1);
    }

    @Override
    public long dayStart(LocalDate day) {
        // 17:00 never falls in a daylight-saving gap or overlap, so the local time has one offset.
        java.time.LocalDateTime t = day.minusDays(1).atTime(ROLL);
        return t.toEpochSecond(RULES.getOffset(t)) * 1000L;
    }

    @Override
    public long dailyBarClose(LocalDate label) {
        return (label.toEpochDay() + 1) * CryptoCalendar.DAY;
    }

    @Override
    public boolean expectsDailyBar(LocalDate label) {
        // Open at some instant of the UTC day: Sunday evening New York opens Monday's session.
        return label.getDayOfWeek() != DayOfWeek.SATURDAY;
    }

    @Override
    public LocalDate tradingDayOfDailyLabel(LocalDate label) {
        return label.getDayOfWeek() == DayOfWeek.SUNDAY ? label.plusDays(1) : label;
    }

    @Override
    public boolean isSoftHoliday(LocalDate day) {
        return (day.getMonthValue() == 12 && day.getDayOfMonth() == 25)
                || (day.getMonthValue() == 1 && day.getDayOfMonth() == 1);
    }

    @Override
    public boolean isThinDay(LocalDate day) {
        int m = day.getMonthValue();
        int d = day.getDayOfMonth();
        return (m == 12 && (d == 24 || d == 25 || d == 26 || d == 31)) || (m == 1 && (d == 1 || d == 2));
    }

    @Override
    public boolean isDailyBreak(long epochMillis) {
        if (!metals) {
            return false;
        }
        java.time.LocalTime t = java.time.Instant.ofEpochMilli(epochMillis).atZone(NEW_YORK).toLocalTime();
        return t.getHour() == 17;
    }

    @Override
    public String toString() {
        return id();
    }
}
