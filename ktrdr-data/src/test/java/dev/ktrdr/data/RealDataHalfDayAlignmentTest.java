package dev.ktrdr.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.Alignment;
import dev.ktrdr.api.AlignmentRequest;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.StalenessPolicy;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TimeframeTrack;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * SPY's vendor files ({@code KTRDR_MARKET_DATA}) hold 1h bars after the 13:00 New York close of
 * half-days up to 2008, and the daily bar of such a day includes them: no aligned row may use that daily
 * bar before the last 1h bar of its session has closed, as {@code ktrdr data align --symbol SPY
 * --timeframes 1h,4h,1d --base 1h} aligns them.
 */
class RealDataHalfDayAlignmentTest {

    @Test
    void noSpyRowUsesADailyBarBeforeTheLastHourlyBarOfItsSessionHasClosed() {
        Symbol spy = Symbol.of("SPY");
        DataFolder folder = new DataFolder(dev.ktrdr.api.testing.MarketData.folder());
        MultiTimeframeBars bars = new MultiTimeframeLoader(folder).load(spy, List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1),
                Timeframe.H1, MissingTimeframePolicy.FAIL).bars();
        MarketCalendar cal = folder.registry().calendar(spy);
        assertThat(cal).isSameAs(Calendars.usEquity());
        BarSeries h1 = bars.get(Timeframe.H1);
        BarSeries d1 = bars.get(Timeframe.D1);
        Alignment a = new LookaheadFreeAligner().align(new AlignmentRequest(TimeframeTrack.of(h1, 0),
                List.of(TimeframeTrack.of(bars.get(Timeframe.H4), 0), TimeframeTrack.of(d1, 0)), StalenessPolicy.DROP_ROW,
                Optional.of(cal)));
        // the close of the last 1h bar of every New York session
        Map<LocalDate, Long> lastHour = new HashMap<>();
        for (int i = 0; i < h1.size(); i++) {
            lastHour.merge(cal.tradingDay(h1.openTime(i)), h1.closeTime(i), Math::max);
        }
        int[] rows = a.baseRows();
        int[] daily = a.sourceRows(Timeframe.D1);
        int early = 0;
        int calendarOnly = 0;
        TreeSet<LocalDate> days = new TreeSet<>();
        for (int r = 0; r < rows.length; r++) {
            long rowClose = h1.closeTime(rows[r]);
            LocalDate used = LocalDate.ofEpochDay(Math.floorDiv(d1.openTime(daily[r]), 86_400_000L));
            Long last = lastHour.get(used);
            if (last != null && rowClose < last) {
                early++;
            }
            // what the calendar's close alone would have handed this row: the next daily bar, too early
            int next = daily[r] + 1;
            if (next < d1.size() && d1.closeTime(next) <= rowClose) {
                LocalDate label = LocalDate.ofEpochDay(Math.floorDiv(d1.openTime(next), 86_400_000L));
                assertThat(lastHour.get(label)).as("row %s", Instant.ofEpochMilli(h1.openTime(rows[r]))).isGreaterThan(rowClose);
                calendarOnly++;
                days.add(label);
            }
        }
        assertThat(early).isZero();
        // the 46 rows (22 half-days, 1998-11-27 to 2008-12-24) that the calendar's 13:00 close alone put too early
        assertThat(calendarOnly).isEqualTo(46);
        assertThat(days).hasSize(22).contains(LocalDate.of(2000, 7, 3), LocalDate.of(2000, 11, 24));
        assertThat(days.first()).isEqualTo(LocalDate.of(1998, 11, 27));
        assertThat(days.last()).isEqualTo(LocalDate.of(2008, 12, 24));
        assertThat(a.usableFrom(Timeframe.D1, d1.size() - 1)).isEqualTo(d1.closeTime(d1.size() - 1));
    }
}
