package dev.ktrdr.data.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;

/**
 * NYSE full-day closures and early closes, by rule, with the special closures of 1990 onwards.
 * Precomputed into a table for 1950–2100; other years are computed on demand. Stateless apart from
 * the immutable table; thread-safe.
 */
final class NyseRules {
    static final byte OPEN = 0;
    static final byte CLOSED = 1;
    static final byte EARLY = 2;

    private static final int FIRST_YEAR = 1950;
    private static final int LAST_YEAR = 2100;
    private static final long FIRST_DAY = LocalDate.of(FIRST_YEAR, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(LAST_YEAR, 12, 31).toEpochDay();

    /** Unscheduled closures of the exchange (national days of mourning, weather, 9/11). */
    static final Set<LocalDate> SPECIAL_CLOSURES = Set.of(
            LocalDate.of(1994, 4, 27),   // President Nixon's funeral
            LocalDate.of(2001, 9, 11), LocalDate.of(2001, 9, 12), LocalDate.of(2001, 9, 13),
            LocalDate.of(2001, 9, 14),   // September 11 attacks
            LocalDate.of(2004, 6, 11),   // President Reagan's funeral
            LocalDate.of(2007, 1, 2),    // President Ford's funeral
            LocalDate.of(2012, 10, 29), LocalDate.of(2012, 10, 30), // Hurricane Sandy
            LocalDate.of(2018, 12, 5),   // President G. H. W. Bush's funeral
            LocalDate.of(2025, 1, 9));   // President Carter's funeral

    /** Early closes not given by a rule: the Fridays after Christmas 1997 and 2003. */
    static final Set<LocalDate> AD_HOC_EARLY_CLOSES = Set.of(LocalDate.of(1997, 12, 26), LocalDate.of(2003, 12, 26));

    private static final byte[] TABLE = build();

    private NyseRules() {
    }

    static byte kind(LocalDate day) {
        long e = day.toEpochDay();
        if (e >= FIRST_DAY && e <= LAST_DAY) {
            return TABLE[(int) (e - FIRST_DAY)];
        }
        return compute(day);
    }

    private static byte[] build() {
        byte[] t = new byte[(int) (LAST_DAY - FIRST_DAY + 1)];
        for (int i = 0; i < t.length; i++) {
            t[i] = compute(LocalDate.ofEpochDay(FIRST_DAY + i));
        }
        return t;
    }

    static byte compute(LocalDate d) {
        DayOfWeek dow = d.getDayOfWeek();
        if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
            return CLOSED;
        }
        if (isHoliday(d) || SPECIAL_CLOSURES.contains(d)) {
            return CLOSED;
        }
        return isEarlyClose(d) ? EARLY : OPEN;
    }

    /** The 13:00 close; before 1993 the exchange's early closes were at 14:00. */
    static int earlyCloseHour(LocalDate d) {
        return d.getYear() < 1993 ? 14 : 13;
    }

    private static boolean isHoliday(LocalDate d) {
        int y = d.getYear();
        // New Year's Day: a Sunday moves to Monday; a Saturday is not made up (NYSE rule).
        LocalDate ny = LocalDate.of(y, 1, 1);
        if (d.equals(ny) && d.getDayOfWeek() != DayOfWeek.SATURDAY) {
            return true;
        }
        if (ny.getDayOfWeek() == DayOfWeek.SUNDAY && d.equals(ny.plusDays(1))) {
            return true;
        }
        if (y >= 1998 && d.equals(nth(y, Month.JANUARY, DayOfWeek.MONDAY, 3))) {
            return true; // Martin Luther King Jr. Day, observed by the NYSE since 1998
        }
        if (d.equals(nth(y, Month.FEBRUARY, DayOfWeek.MONDAY, 3))) {
            return true; // Washington's Birthday
        }
        if (d.equals(easterSunday(y).minusDays(2))) {
            return true; // Good Friday
        }
        if (d.equals(LocalDate.of(y, 5, 31).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)))) {
            return true; // Memorial Day
        }
        if (y >= 2022 && d.equals(observed(LocalDate.of(y, 6, 19)))) {
            return true; // Juneteenth
        }
        if (d.equals(observed(LocalDate.of(y, 7, 4)))) {
            return true;
        }
        if (d.equals(nth(y, Month.SEPTEMBER, DayOfWeek.MONDAY, 1))) {
            return true; // Labor Day
        }
        if (d.equals(nth(y, Month.NOVEMBER, DayOfWeek.THURSDAY, 4))) {
            return true; // Thanksgiving
        }
        return d.equals(observed(LocalDate.of(y, 12, 25)));
    }

    private static boolean isEarlyClose(LocalDate d) {
        int y = d.getYear();
        DayOfWeek dow = d.getDayOfWeek();
        if (d.equals(nth(y, Month.NOVEMBER, DayOfWeek.THURSDAY, 4).plusDays(1))) {
            return true; // day after Thanksgiving
        }
        if (d.getMonth() == Month.DECEMBER && d.getDayOfMonth() == 24 && dow != DayOfWeek.FRIDAY) {
            return true; // Christmas Eve on Monday to Thursday (a Friday 24th is the observed holiday)
        }
        if (d.getMonth() == Month.JULY && d.getDayOfMonth() == 3 && y >= 1995
                && (dow == DayOfWeek.MONDAY || dow == DayOfWeek.TUESDAY || dow == DayOfWeek.THURSDAY
                || (dow == DayOfWeek.WEDNESDAY && y >= 2013))) {
            return true; // the day before Independence Day (Wednesdays only since 2013)
        }
        if (d.getMonth() == Month.JULY && d.getDayOfMonth() == 5 && dow == DayOfWeek.FRIDAY && y >= 1995 && y < 2013) {
            return true; // the Friday after a Thursday Independence Day, before 2013
        }
        if (AD_HOC_EARLY_CLOSES.contains(d)) {
            return true;
        }
        return false;
    }

    /** Saturday holidays are observed on Friday, Sunday holidays on Monday. */
    private static LocalDate observed(LocalDate h) {
        switch (h.getDayOfWeek()) {
            case SATURDAY: return h.minusDays(1);
            case SUNDAY: return h.plusDays(1);
            default: return h;
        }
    }

    private static LocalDate nth(int year, Month month, DayOfWeek dow, int n) {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, dow));
    }

    /** Gregorian Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    static LocalDate easterSunday(int y) {
        int a = y % 19;
        int b = y / 100;
        int c = y % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = ((h + l - 7 * m + 114) % 31) + 1;
        return LocalDate.of(y, month, day);
    }
}
