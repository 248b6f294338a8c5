package dev.ktrdr.data.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Session;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalendarsTest {
    private static long ms(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    private static List<LocalDate> weekdayClosures(int year) {
        List<LocalDate> out = new ArrayList<>();
        for (LocalDate d = LocalDate.of(year, 1, 1); d.getYear() == year; d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY
                    && Calendars.usEquity().session(d).isEmpty()) {
                out.add(d);
            }
        }
        return out;
    }

    @Test
    void nyseHolidaysOf2021And2022MatchTheExchangeSchedule() {
        // NYSE published holiday schedules: 2021-12-31 stays open (New Year 2022 on a Saturday);
        // Juneteenth is first observed on 2022-06-20.
        assertThat(weekdayClosures(2021)).containsExactly(LocalDate.of(2021, 1, 1), LocalDate.of(2021, 1, 18),
                LocalDate.of(2021, 2, 15), LocalDate.of(2021, 4, 2), LocalDate.of(2021, 5, 31), LocalDate.of(2021, 7, 5),
                LocalDate.of(2021, 9, 6), LocalDate.of(2021, 11, 25), LocalDate.of(2021, 12, 24));
        assertThat(weekdayClosures(2022)).containsExactly(LocalDate.of(2022, 1, 17), LocalDate.of(2022, 2, 21),
                LocalDate.of(2022, 4, 15), LocalDate.of(2022, 5, 30), LocalDate.of(2022, 6, 20), LocalDate.of(2022, 7, 4),
                LocalDate.of(2022, 9, 5), LocalDate.of(2022, 11, 24), LocalDate.of(2022, 12, 26));
    }

    @Test
    void specialClosuresAreClosed() {
        for (String d : new String[] {"2001-09-11", "2001-09-14", "2004-06-11", "2007-01-02", "2012-10-29", "2012-10-30",
                                      "2018-12-05", "1994-04-27", "2025-01-09"}) {
            assertThat(Calendars.usEquity().session(LocalDate.parse(d))).as(d).isEmpty();
        }
        assertThat(Calendars.usEquity().session(LocalDate.parse("2001-09-17"))).isPresent();
    }

    @Test
    void earlyClosesEndAt13NewYork() {
        for (String d : new String[] {"2019-11-29", "2019-12-24", "2019-07-03", "2002-07-05", "2003-12-26", "1998-12-24"}) {
            Session s = Calendars.usEquity().session(LocalDate.parse(d)).orElseThrow();
            assertThat(s.earlyClose()).as(d).isTrue();
            assertThat(Instant.ofEpochMilli(s.closeMillis()).atZone(java.time.ZoneId.of("America/New_York")).getHour()).isEqualTo(13);
        }
        // Wednesday 3 July was a full day before 2013; a Friday 24 December is the observed holiday.
        assertThat(Calendars.usEquity().session(LocalDate.parse("2002-07-03")).orElseThrow().earlyClose()).isFalse();
        assertThat(Calendars.usEquity().session(LocalDate.parse("2010-12-24"))).isEmpty();
        Session regular = Calendars.usEquity().session(LocalDate.parse("2019-07-02")).orElseThrow();
        assertThat(regular.openMillis()).isEqualTo(ms("2019-07-02T13:30:00Z"));
        assertThat(regular.closeMillis()).isEqualTo(ms("2019-07-02T20:00:00Z"));
    }

    @Test
    void goodFridayFollowsEaster() {
        assertThat(NyseRules.easterSunday(2019)).isEqualTo(LocalDate.of(2019, 4, 21));
        assertThat(NyseRules.easterSunday(2008)).isEqualTo(LocalDate.of(2008, 3, 23));
        assertThat(NyseRules.easterSunday(2038)).isEqualTo(LocalDate.of(2038, 4, 25));
        assertThat(Calendars.usEquity().session(LocalDate.of(2019, 4, 19))).isEmpty();
    }

    @Test
    void forexWeekRunsSunday17ToFriday17NewYorkAcrossDaylightSaving() {
        MarketCalendar fx = Calendars.forex();
        // Winter: 17:00 EST = 22:00Z. Summer (after 2021-03-14): 17:00 EDT = 21:00Z.
        assertThat(fx.session(LocalDate.of(2021, 3, 8)).orElseThrow().openMillis()).isEqualTo(ms("2021-03-07T22:00:00Z"));
        assertThat(fx.session(LocalDate.of(2021, 3, 15)).orElseThrow().openMillis()).isEqualTo(ms("2021-03-14T21:00:00Z"));
        assertThat(fx.session(LocalDate.of(2021, 3, 12)).orElseThrow().closeMillis()).isEqualTo(ms("2021-03-12T22:00:00Z"));
        assertThat(fx.session(LocalDate.of(2021, 3, 13))).isEmpty();
        assertThat(fx.session(LocalDate.of(2021, 3, 14))).isEmpty();
        assertThat(fx.tradingDay(ms("2021-03-10T21:59:59Z"))).isEqualTo(LocalDate.of(2021, 3, 10));
        assertThat(fx.tradingDay(ms("2021-03-10T22:00:00Z"))).isEqualTo(LocalDate.of(2021, 3, 11));
        assertThat(fx.isOpen(ms("2021-03-12T21:59:00Z"))).isTrue();
        assertThat(fx.isOpen(ms("2021-03-12T22:00:00Z"))).isFalse();
        assertThat(fx.isOpen(ms("2021-03-14T20:59:00Z"))).isFalse();
        assertThat(fx.isOpen(ms("2021-03-14T21:00:00Z"))).isTrue();
    }

    @Test
    void cryptoIsAlwaysOpenAndDaysAreUtc() {
        MarketCalendar c = Calendars.crypto();
        assertThat(c.isOpen(ms("2021-03-13T12:00:00Z"))).isTrue();
        assertThat(c.tradingDay(ms("2021-03-13T23:59:59Z"))).isEqualTo(LocalDate.of(2021, 3, 13));
        assertThat(c.dailyBarClose(LocalDate.of(2021, 3, 13))).isEqualTo(ms("2021-03-14T00:00:00Z"));
    }

    @Test
    void assetClassesAndIdsPickCalendars() {
        assertThat(Calendars.forAssetClass(AssetClass.FOREX)).isSameAs(Calendars.forex());
        assertThat(Calendars.forAssetClass(AssetClass.COMMODITY)).isSameAs(Calendars.forex());
        assertThat(Calendars.forAssetClass(AssetClass.CRYPTO)).isSameAs(Calendars.crypto());
        assertThat(Calendars.forAssetClass(AssetClass.INDEX)).isSameAs(Calendars.usEquity());
        assertThat(Calendars.byId("US_EQUITY")).isSameAs(Calendars.usEquity());
        assertThatThrownBy(() -> Calendars.byId("lse")).isInstanceOf(ConfigurationException.class)
                .hasMessage("calendar: 'lse' is not a calendar; valid: crypto, forex, metals, us-equity");
        assertThat(Calendars.metals().session(LocalDate.of(2021, 3, 15))).isEqualTo(Calendars.forex().session(LocalDate.of(2021, 3, 15)));
        assertThat(Calendars.metals().isDailyBreak(ms("2021-03-15T21:30:00Z"))).isTrue(); // 17:30 EDT
        assertThat(Calendars.metals().isDailyBreak(ms("2021-03-15T22:00:00Z"))).isFalse();
        assertThat(Calendars.forex().isDailyBreak(ms("2021-03-15T21:30:00Z"))).isFalse();
    }
}
