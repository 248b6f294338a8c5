package dev.ktrdr.data;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Session;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingCalendar;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Compares a series with the bars its calendar expects: missing bars with counts and runs, bars the
 * calendar did not expect, and calendar closures. See {@link GapReport} for the definitions.
 *
 * <p>Stateless and thread-safe. Runs in O(bars + expected slots).
 */
public final class GapAnalyzer {
    private static final long DAY = 86_400_000L;
    private static final int SAMPLES = 10;

    private GapAnalyzer() {
    }

    /**
     * @param series the series (daily bars: date labels at 00:00Z)
     * @param calendar its calendar
     * @return the gap report; all counts 0 for an empty series
     */
    public static GapReport analyze(BarSeries series, TradingCalendar calendar) {
        MarketCalendar cal = Calendars.of(calendar);
        Timeframe tf = series.timeframe();
        if (series.isEmpty()) {
            return new GapReport(cal.id(), tf, 0, 0, List.of(), 0, 0, 0, List.of(), 0);
        }
        long first = series.openTime(0);
        long last = series.openTime(series.size() - 1);
        // Slots: expected open times in order, with a flag for holiday-window slots.
        long[] slots = new long[1024];
        // Per slot: 0 counted, 1 holiday window, 2 daily break.
        byte[] window = new byte[1024];
        int ns = 0;
        long closedDays = 0;
        ZoneId zone = cal.zone();
        if (tf.isIntraday()) {
            long step = tf.millis();
            LocalDate day = cal.tradingDay(first).minusDays(1);
            LocalDate lastDay = cal.tradingDay(last).plusDays(1);
            long prev = Long.MIN_VALUE;
            for (; !day.isAfter(lastDay); day = day.plusDays(1)) {
                Optional<Session> s = cal.session(day);
                if (s.isEmpty()) {
                    if (!day.isBefore(cal.tradingDay(first)) && !day.isAfter(cal.tradingDay(last))) {
                        closedDays++;
                    }
                    continue;
                }
                long from = Math.floorDiv(s.get().openMillis(), step) * step;
                for (long t = from; t < s.get().closeMillis(); t += step) {
                    if (t < first || t > last || t <= prev) {
                        continue;
                    }
                    if (ns == slots.length) {
                        slots = java.util.Arrays.copyOf(slots, ns * 2);
                        window = java.util.Arrays.copyOf(window, ns * 2);
                    }
                    slots[ns] = t;
                    window[ns] = cal.isThinDay(Instant.ofEpochMilli(t).atZone(zone).toLocalDate()) ? (byte) 1
                            : cal.isDailyBreak(t) ? (byte) 2 : 0;
                    ns++;
                    prev = t;
                }
            }
        } else {
            long step = tf == Timeframe.W1 ? 7 * DAY : DAY;
            for (long t = first; t <= last; t += step) {
                LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(t, DAY));
                boolean expected = tf == Timeframe.W1 || cal.expectsDailyBar(d);
                if (!expected) {
                    closedDays++;
                    continue;
                }
                if (ns == slots.length) {
                    slots = java.util.Arrays.copyOf(slots, ns * 2);
                    window = java.util.Arrays.copyOf(window, ns * 2);
                }
                slots[ns] = t;
                window[ns] = cal.isSoftHoliday(d) ? (byte) 1 : 0;
                ns++;
            }
        }
        // Merge-walk slots and bars.
        List<GapReport.GapRun> runs = new ArrayList<>();
        List<Long> samples = new ArrayList<>();
        long missing = 0;
        long windowMissing = 0;
        long breakMissing = 0;
        long unexpected = 0;
        long runStart = 0;
        long runEnd = 0;
        long runLen = 0;
        int i = 0;
        int n = series.size();
        for (int k = 0; k < ns; k++) {
            long s = slots[k];
            while (i < n && series.openTime(i) < s) {
                unexpected++;
                if (samples.size() < SAMPLES) {
                    samples.add(series.openTime(i));
                }
                i++;
            }
            boolean present = i < n && series.openTime(i) == s;
            if (present) {
                i++;
            }
            if (!present && window[k] == 0) {
                missing++;
                if (runLen == 0) {
                    runStart = s;
                }
                runEnd = s;
                runLen++;
            } else {
                if (!present && window[k] == 1) {
                    windowMissing++;
                } else if (!present) {
                    breakMissing++;
                }
                if (runLen > 0) {
                    runs.add(new GapReport.GapRun(runStart, runEnd, runLen));
                    runLen = 0;
                }
            }
        }
        if (runLen > 0) {
            runs.add(new GapReport.GapRun(runStart, runEnd, runLen));
        }
        while (i < n) {
            unexpected++;
            if (samples.size() < SAMPLES) {
                samples.add(series.openTime(i));
            }
            i++;
        }
        return new GapReport(cal.id(), tf, ns, missing, runs, windowMissing, breakMissing, unexpected, samples, closedDays);
    }
}
