package dev.ktrdr.data;

import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TimeframeTrack;
import dev.ktrdr.api.TradingCalendar;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
import java.time.LocalDate;
import java.util.Optional;

/**
 * When a bar of a timeframe coarser than the base becomes usable: at the later of its close time
 * (the calendar's close, rule 1) and the close of the last base bar inside its <em>span</em>, the base
 * bars that belong to its period or session. A vendor's daily bar of a US half-day that includes
 * after-close prints is therefore used only once the base bar holding the last print has closed,
 * although the calendar closes the session at 13:00 New York.
 *
 * <p><b>Span.</b> A base bar lies in the span of a coarser bar when its <em>day instant</em> lies in
 * the interval below. The day instant of an intraday base bar is its open time; that of a daily base
 * bar labelled L is the start of its trading day, {@code dayStart(tradingDayOfDailyLabel(L))} (with no
 * calendar: L at 00:00Z).
 * <ul>
 * <li>Intraday bar (read from a file or resampled): {@code [open, open + timeframe)}: every base bar
 *     that opens in its nominal period, also after a session close that cut the period short (an
 *     early close ends the resampled 12:00–16:00 bucket at 13:00, but a 13:00 print still opens in
 *     it).</li>
 * <li>Daily bar labelled D (stamped D at 00:00Z), read from a file or resampled: the base bars of the
 *     calendar's trading day D, {@code [dayStart(D), dayStart(D+1))}. For session-date labels (US
 *     equities) that is the New York date D, so after-close prints of D are inside. For a bar resampled
 *     by {@link CalendarResampler} it is exactly the source bars of its bucket, which groups by the same
 *     trading day (crypto: the UTC day; forex and metals: 17:00 to 17:00 New York).</li>
 * <li>UTC-day daily files: a crypto file bar D holds the UTC day D, which is crypto's trading day D.
 *     A forex or metals file bar D holds the UTC day D, {@code [D 00:00Z, D+1 00:00Z)}, and its calendar
 *     close is the end of that day, so no base bar of it can open after its close: the span is taken
 *     as trading day D all the same (17:00 New York D−1 to 17:00 New York D, whose base bars close
 *     before that UTC midnight for base timeframes up to 4h), which leaves the bar's usable instant at
 *     its calendar close. A base bar that opens in the UTC day and closes after midnight (a forex 4h
 *     bar from 17:00 New York) belongs to trading day D+1 and is not counted; no base bar closes
 *     between that midnight and its own close, so no row can tell the difference.</li>
 * <li>Weekly bar labelled with a Monday M: the base bars of the trading days M to M+6,
 *     {@code [dayStart(M), dayStart(M+7))}, as {@link CalendarResampler} groups weeks.</li>
 * <li>Without a calendar, days are UTC days: {@code [D 00:00Z, D+1 00:00Z)} and {@code [M 00:00Z,
 *     M+7 00:00Z)}. This errs late, never early: a forex daily bar resampled from 17:00–17:00 New York
 *     days is then held until UTC midnight, and the rows in between take the day before (1 million
 *     synthetic forex 1h bars keep 787,462 rows instead of 808,321 under the 2-day staleness bound).
 *     Give the calendar.</li>
 * </ul>
 * A bar of the base timeframe or a finer one has no span: it is usable at its close time. Spans are
 * read from the bars' stamps (open times, date labels), not from their prices: a higher-timeframe bar
 * stamped one period early is not detected here.
 *
 * <p>Usable instants are made non-decreasing (a bar is never usable before the bar before it), so the
 * aligner's forward pointer stays valid. Immutable and thread-safe.
 */
public final class SourceSpans {
    private static final long DAY = 86_400_000L;
    private final MarketCalendar calendar;

    /**
     * @param calendar the calendar whose trading days define daily and weekly spans; empty for UTC days
     */
    public SourceSpans(Optional<TradingCalendar> calendar) {
        this.calendar = calendar.map(Calendars::of).orElse(null);
    }

    /**
     * @param timeframe a timeframe
     * @param base the base timeframe
     * @return true when bars of {@code timeframe} have spans of base bars (it is coarser than the base)
     */
    public static boolean hasSpan(Timeframe timeframe, Timeframe base) {
        return timeframe.millis() > base.millis();
    }

    /**
     * @param timeframe the coarser bar's timeframe
     * @param openTime its open time (daily and weekly: the date label at 00:00Z)
     * @return the first day instant of its span, UTC epoch ms
     */
    public long spanStart(Timeframe timeframe, long openTime) {
        if (timeframe.isIntraday()) {
            return openTime;
        }
        return dayStart(Math.floorDiv(openTime, DAY));
    }

    /**
     * @param timeframe the coarser bar's timeframe
     * @param openTime its open time (daily and weekly: the date label at 00:00Z)
     * @return the instant its span ends (exclusive), UTC epoch ms
     */
    public long spanEnd(Timeframe timeframe, long openTime) {
        if (timeframe.isIntraday()) {
            return openTime + timeframe.millis();
        }
        return dayStart(Math.floorDiv(openTime, DAY) + (timeframe == Timeframe.D1 ? 1 : 7));
    }

    /**
     * The instant that places a base bar in spans: its open time when intraday, else the start of the
     * trading day of its date label.
     *
     * @param base the base timeframe
     * @param openTime the base bar's open time
     * @return its day instant, UTC epoch ms
     */
    public long dayInstant(Timeframe base, long openTime) {
        if (base.isIntraday()) {
            return openTime;
        }
        long label = Math.floorDiv(openTime, DAY);
        return calendar == null ? label * DAY : calendar.dayStart(calendar.tradingDayOfDailyLabel(LocalDate.ofEpochDay(label)));
    }

    /** Start of the trading day with this epoch-day label: UTC midnight without a calendar. */
    private long dayStart(long epochDay) {
        return calendar == null ? epochDay * DAY : calendar.dayStart(LocalDate.ofEpochDay(epochDay));
    }

    /**
     * The usable instant of every bar of a timeframe, in place: {@code close[p]} becomes the later of
     * itself, the close of the last base bar in p's span and the usable instant of bar p − 1. Nothing
     * changes when the timeframe is not coarser than the base. O(n + m): one forward pointer over the
     * base bars, plus one calendar look-up per daily or weekly bar (two when labels are not
     * consecutive).
     *
     * @param track the coarser track (its open times increasing)
     * @param close its bars' close times (a copy); overwritten with the usable instants
     * @param base the base track: open times increasing
     * @param baseClose the base bars' close times, non-decreasing (so the last base bar of a span closes last)
     * @throws IllegalArgumentException when an array and its track differ in length
     */
    public void usableInPlace(TimeframeTrack track, long[] close, TimeframeTrack base, long[] baseClose) {
        int n = base.size();
        if (baseClose.length != n || close.length != track.size()) {
            throw new IllegalArgumentException(track.timeframe() + " on " + base.timeframe() + ": " + close.length + " and "
                    + baseClose.length + " close times for " + track.size() + " and " + n + " bars");
        }
        Timeframe timeframe = track.timeframe();
        Timeframe bt = base.timeframe();
        if (!hasSpan(timeframe, bt)) {
            return;
        }
        long[] inst = null;
        if (!bt.isIntraday()) {
            inst = new long[n];
            for (int i = 0; i < n; i++) {
                inst[i] = dayInstant(bt, base.openTime(i));
            }
        }
        boolean intraday = timeframe.isIntraday();
        long step = timeframe.millis();
        long labelStep = timeframe == Timeframe.D1 ? 1 : 7;
        // hi: the first base bar whose day instant is at or after the span's end. Spans of increasing
        // opens have non-decreasing ends, so hi only moves forward; the span's last base bar is hi - 1
        // when that one is not before the span's start (base closes are non-decreasing, so it closes
        // last). Overlapping spans of an irregular series need no special case.
        int hi = 0;
        long prevLabel = Long.MIN_VALUE;
        long prevEnd = 0;
        long prev = Long.MIN_VALUE;
        for (int p = 0; p < close.length; p++) {
            long s;
            long e;
            long op = track.openTime(p);
            if (intraday) {
                s = op;
                e = s + step;
            } else {
                long label = Math.floorDiv(op, DAY);
                // Consecutive labels share a boundary: one calendar look-up per bar.
                s = label == prevLabel + labelStep ? prevEnd : spanStart(timeframe, op);
                e = spanEnd(timeframe, op);
                prevLabel = label;
                prevEnd = e;
            }
            boolean inside;
            if (inst == null) {
                while (hi < n && base.openTime(hi) < e) {
                    hi++;
                }
                inside = hi > 0 && base.openTime(hi - 1) >= s;
            } else {
                while (hi < n && inst[hi] < e) {
                    hi++;
                }
                inside = hi > 0 && inst[hi - 1] >= s;
            }
            long u = close[p];
            if (inside) {
                u = Math.max(u, baseClose[hi - 1]);
            }
            u = Math.max(u, prev);
            close[p] = u;
            prev = u;
        }
    }
}
