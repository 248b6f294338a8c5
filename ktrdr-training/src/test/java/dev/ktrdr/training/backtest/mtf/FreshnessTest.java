package dev.ktrdr.training.backtest.mtf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FreshnessTest {
    private static final Symbol S = Symbol.of("TEST");

    private static long at(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    /** Daily bars on every day the calendar expects one, labels {@code from}..{@code to}, known at its daily close. */
    static BarSeries daily(MarketCalendar cal, LocalDate from, LocalDate to) {
        int n = 0;
        long[] open = new long[4000];
        long[] close = new long[4000];
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (cal.expectsDailyBar(d)) {
                open[n] = d.atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli();
                close[n] = cal.dailyBarClose(d);
                n++;
            }
        }
        return series(Timeframe.D1, java.util.Arrays.copyOf(open, n), java.util.Arrays.copyOf(close, n));
    }

    /** Consecutive bars of {@code tf}, {@code n} of them, the last closing at {@code lastClose}. */
    static BarSeries intraday(Timeframe tf, long lastClose, int n) {
        long[] open = new long[n];
        long[] close = new long[n];
        for (int i = 0; i < n; i++) {
            close[i] = lastClose - (long) (n - 1 - i) * tf.millis();
            open[i] = close[i] - tf.millis();
        }
        return series(tf, open, close);
    }

    static BarSeries series(Timeframe tf, long[] open, long[] close) {
        double[] p = new double[open.length];
        java.util.Arrays.fill(p, 100);
        return new BarSeries(S, tf, open, close, p, p, p, p, p);
    }

    @Test
    void aFridayDailyBarIsFreshOverTheWeekendAndOnMondayUntilMondaysSessionIsOver() {
        MarketCalendar nyse = Calendars.usEquity();
        BarSeries d = daily(nyse, LocalDate.parse("2018-04-02"), LocalDate.parse("2018-06-01"));
        Freshness.TimeframeStatus sat = Freshness.assess(d, nyse, at("2018-06-02T12:00:00Z"));
        assertThat(sat.status()).isEqualTo(Freshness.Status.USED);
        Freshness.TimeframeStatus mon = Freshness.assess(d, nyse, at("2018-06-04T14:00:00Z"));
        assertThat(mon.status()).isEqualTo(Freshness.Status.USED);
        assertThat(mon.newestOpen()).contains(at("2018-06-01T00:00:00Z"));
        assertThat(Freshness.assess(d, nyse, at("2018-06-04T19:59:00Z")).status()).isEqualTo(Freshness.Status.USED);
        // Monday's session (16:00 New York = 20:00Z) is over and its daily bar is not in the data
        Freshness.TimeframeStatus tue = Freshness.assess(d, nyse, at("2018-06-05T14:00:00Z"));
        assertThat(tue.status()).isEqualTo(Freshness.Status.STALE);
        assertThat(tue.reason()).contains("2018-06-01T20:00:00Z").contains("us-equity");
    }

    @Test
    void aHolidayAddsNoTradingTime() {
        MarketCalendar nyse = Calendars.usEquity();
        // Friday 25 May 2018, then Memorial Day (Monday 28 May, closed)
        BarSeries d = daily(nyse, LocalDate.parse("2018-03-01"), LocalDate.parse("2018-05-25"));
        assertThat(Freshness.assess(d, nyse, at("2018-05-29T15:00:00Z")).status()).isEqualTo(Freshness.Status.USED);
        assertThat(Freshness.assess(d, nyse, at("2018-05-30T15:00:00Z")).status()).isEqualTo(Freshness.Status.STALE);
    }

    @Test
    void anIntradaySeriesIsStaleOnceAFullBarOfOpenMarketHasPassed() {
        MarketCalendar crypto = Calendars.crypto();
        BarSeries m5 = intraday(Timeframe.M5, at("2024-03-01T12:00:00Z"), 100);
        assertThat(Freshness.assess(m5, crypto, at("2024-03-01T12:04:59Z")).status()).isEqualTo(Freshness.Status.USED);
        assertThat(Freshness.assess(m5, crypto, at("2024-03-01T12:05:00Z")).status()).isEqualTo(Freshness.Status.STALE);
        // the case: a 5m series that ends in 2014 in a 2018 analysis
        BarSeries old = intraday(Timeframe.M5, at("2014-05-15T23:55:00Z"), 100);
        Freshness.TimeframeStatus st = Freshness.assess(old, crypto, at("2018-06-04T14:00:00Z"));
        assertThat(st.status()).isEqualTo(Freshness.Status.STALE);
        assertThat(st.newestClose()).contains(at("2014-05-15T23:55:00Z"));
    }

    @Test
    void equityIntradayBarsAreFreshOverTheWeekendUntilMondaysOpenPlusOneBar() {
        MarketCalendar nyse = Calendars.usEquity();
        // last 5m bar of Friday 1 June 2018 closes at the 16:00 New York close (20:00Z)
        BarSeries m5 = intraday(Timeframe.M5, at("2018-06-01T20:00:00Z"), 60);
        assertThat(Freshness.assess(m5, nyse, at("2018-06-04T13:34:00Z")).status()).isEqualTo(Freshness.Status.USED);
        assertThat(Freshness.assess(m5, nyse, at("2018-06-04T13:35:00Z")).status()).isEqualTo(Freshness.Status.STALE);
    }

    @Test
    void nothingClosedByTheInstantIsMissing() {
        BarSeries m5 = intraday(Timeframe.M5, at("2024-03-01T12:00:00Z"), 10);
        Freshness.TimeframeStatus st = Freshness.assess(m5, Calendars.crypto(), at("2024-03-01T00:00:00Z"));
        assertThat(st.status()).isEqualTo(Freshness.Status.MISSING);
        assertThat(st.newestOpen()).isEmpty();
        assertThat(st.reason()).contains("no bar closed by 2024-03-01T00:00:00Z");
    }

    @Test
    void forexChristmasAddsNoTradingTimeButTheNextDayDoes() {
        MarketCalendar fx = Calendars.forex();
        // last 1h bar of 24 December 2018 closes at 22:00Z (17:00 New York); 25 December is a soft holiday
        BarSeries h1 = intraday(Timeframe.H1, at("2018-12-24T22:00:00Z"), 60);
        assertThat(Freshness.assess(h1, fx, at("2018-12-25T15:00:00Z")).status()).isEqualTo(Freshness.Status.USED);
        assertThat(Freshness.assess(h1, fx, at("2018-12-26T15:00:00Z")).status()).isEqualTo(Freshness.Status.STALE);
    }
}
