package dev.ktrdr.data;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Resampler;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingCalendar;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.Objects;

/**
 * Calendar-aware resampling: first open, max high, min low, last close, summed volume.
 *
 * <p><b>Buckets.</b>
 * <ul>
 * <li>Intraday targets are anchored at the start of each trading day of the calendar and counted in
 *     elapsed time from there: crypto from 00:00Z (4h buckets 00, 04, ..., 20 UTC); forex from 17:00
 *     New York (4h buckets 17, 21, 01, 05, 09, 13 New York, the usual FX 4h candles; a bucket never
 *     spans the daily roll); US equities from New York midnight (4h buckets 08:00–12:00 and
 *     12:00–16:00 New York, which holds the LEAN 09:00 bar and 1m bars from 09:30 alike). Buckets
 *     never cross a trading-day boundary, so daylight-saving changes cannot misplace them.</li>
 * <li>Daily targets: one bar per trading day (a US-equity session; a forex day from 17:00 New York
 *     to 17:00 New York), stamped with the day's date label at 00:00Z like daily files. Sources that
 *     are themselves daily or coarser are grouped by their UTC date label.</li>
 * <li>Weekly targets: ISO weeks (Monday to Sunday) of trading days, stamped with the Monday's date
 *     at 00:00Z. A daily source bar counts by its trading day
 *     ({@link MarketCalendar#tradingDayOfDailyLabel}): a forex UTC-Sunday bar opens the next week.</li>
 * </ul>
 *
 * <p><b>Close times</b> (rule 1): a bucket closes at its nominal end — bucket start + timeframe, cut
 * at the session close (an early close ends the afternoon bucket at 13:00); a day at its session
 * close (or the start of the next trading day when it has none); a week at the close of its last
 * session — or later, when a source bar in it closes later (an after-close print). Never earlier
 * than every bar in it was known. The source bars of a bucket are its span in the sense of
 * {@link SourceSpans}: an intraday bucket holds the source bars opening in {@code [start, start +
 * target)} (a 13:00 print of a half-day falls in the 12:00–16:00 bucket and moves its close from 13:00
 * to 14:00), a day the source bars of its trading day, a week those of its trading days; so when the
 * source is the aligner's base, the aligner's usable instant of a resampled bar is its close time.
 *
 * <p><b>Incomplete last bucket</b>: when the source's last bar closes before the last bucket's nominal
 * end, the bucket is flagged and, by default, left out.
 *
 * <p>Gaps inside a bucket are not filled: a bucket aggregates whatever source bars it has. Immutable
 * and thread-safe; O(n) in the source size.
 */
public final class CalendarResampler implements Resampler {
    private static final long DAY = 86_400_000L;
    private final MarketCalendar calendar;

    /** @param calendar the calendar that defines days and sessions */
    public CalendarResampler(TradingCalendar calendar) {
        this.calendar = Calendars.of(Objects.requireNonNull(calendar, "calendar"));
    }

    /** @return the calendar */
    public MarketCalendar calendar() {
        return calendar;
    }

    @Override
    public Resampled resample(BarSeries source, Timeframe target, boolean keepIncompleteLast) {
        Timeframe st = source.timeframe();
        if (target.millis() <= st.millis()) {
            throw new ConfigurationException("target", "cannot resample " + st + " to " + target
                    + ": the target must be coarser than the source");
        }
        if (target.isIntraday() && target.millis() % st.millis() != 0) {
            throw new ConfigurationException("target", "cannot resample " + st + " to " + target
                    + ": " + target + " is not a whole multiple of " + st);
        }
        int n = source.size();
        long[] ot = new long[n];
        long[] ct = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        int m = -1;
        long label = Long.MIN_VALUE;
        long nominalEnd = 0;
        long lastClose = Long.MIN_VALUE;
        // Cache of the current trading day: [dayLo, dayHi) and its session close.
        long dayLo = Long.MAX_VALUE;
        long dayHi = Long.MIN_VALUE;
        long sessionClose = 0;
        LocalDate day = null;
        long weekLabel = Long.MIN_VALUE;
        long weekEnd = 0;
        long tgt = target.millis();
        for (int i = 0; i < n; i++) {
            long t = source.openTime(i);
            long key;
            long end;
            if (st.isIntraday()) {
                if (t < dayLo || t >= dayHi) {
                    day = calendar.tradingDay(t);
                    dayLo = calendar.dayStart(day);
                    dayHi = calendar.dayStart(day.plusDays(1));
                    if (t < dayLo || t >= dayHi) {
                        // A calendar whose tradingDay and dayStart disagree: fall back to UTC days.
                        day = LocalDate.ofEpochDay(Math.floorDiv(t, DAY));
                        dayLo = day.toEpochDay() * DAY;
                        dayHi = dayLo + DAY;
                    }
                    sessionClose = calendar.session(day).map(s -> s.closeMillis()).orElse(dayHi);
                }
            } else {
                day = calendar.tradingDayOfDailyLabel(LocalDate.ofEpochDay(Math.floorDiv(t, DAY)));
            }
            if (target.isIntraday()) {
                key = dayLo + Math.floorDiv(t - dayLo, tgt) * tgt;
                end = Math.min(key + tgt, dayHi);
                if (sessionClose > key) {
                    end = Math.min(end, sessionClose);
                }
            } else if (target == Timeframe.D1) {
                key = day.toEpochDay() * DAY;
                end = key == label ? nominalEnd : calendar.dayEnd(day);
            } else {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                key = monday.toEpochDay() * DAY;
                if (key != weekLabel) {
                    weekLabel = key;
                    weekEnd = weekEnd(monday);
                }
                end = weekEnd;
            }
            if (key != label) {
                if (m >= 0 && key < label) {
                    throw new DataException(source.symbol() + " " + st + ": bar at " + Instant.ofEpochMilli(t)
                            + " falls in a bucket before the previous one; the calendar " + calendar.id() + " does not fit the data");
                }
                if (m >= 0) {
                    ct[m] = Math.max(Math.max(nominalEnd, lastClose), ot[m] + 1);
                }
                m++;
                label = key;
                nominalEnd = end;
                ot[m] = key;
                o[m] = source.open(i);
                h[m] = source.high(i);
                l[m] = source.low(i);
                c[m] = source.close(i);
                v[m] = source.volume(i);
            } else {
                h[m] = Math.max(h[m], source.high(i));
                l[m] = Math.min(l[m], source.low(i));
                c[m] = source.close(i);
                v[m] += source.volume(i);
            }
            lastClose = source.closeTime(i);
        }
        boolean incomplete = false;
        int count = m + 1;
        if (m >= 0) {
            ct[m] = Math.max(Math.max(nominalEnd, lastClose), ot[m] + 1);
            incomplete = lastClose < nominalEnd;
            if (incomplete && !keepIncompleteLast) {
                count = m;
            }
        }
        BarSeries out = new BarSeries(source.symbol(), target, Arrays.copyOf(ot, count), Arrays.copyOf(ct, count),
                Arrays.copyOf(o, count), Arrays.copyOf(h, count), Arrays.copyOf(l, count), Arrays.copyOf(c, count),
                Arrays.copyOf(v, count));
        return new Resampled(out, incomplete);
    }

    /** The close of the last session of the ISO week starting on monday (its Sunday's end if none). */
    private long weekEnd(LocalDate monday) {
        for (int k = 6; k >= 0; k--) {
            LocalDate d = monday.plusDays(k);
            if (calendar.session(d).isPresent()) {
                return calendar.dayEnd(d);
            }
        }
        return calendar.dayEnd(monday.plusDays(6));
    }
}
