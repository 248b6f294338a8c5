package dev.ktrdr.data;

import dev.ktrdr.api.Alignment;
import dev.ktrdr.api.AlignmentGap;
import dev.ktrdr.api.AlignmentRequest;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Session;
import dev.ktrdr.api.StalenessPolicy;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TimeframeAligner;
import dev.ktrdr.api.TimeframeTrack;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@link TimeframeAligner} of ktrdr-java, implementing rules 3 to 5 of docs/ARCHITECTURE.md.
 *
 * <ul>
 * <li>Usable instant: a bar of a timeframe coarser than the base becomes usable at the later of its
 *     close time and the close of the last base bar inside its span (the base bars of its period or
 *     session, defined in {@link SourceSpans}; with the request's calendar, else UTC days). A daily
 *     bar of a US half-day whose data hold after-close prints is thus used only from the row of the
 *     base bar holding the last print, not from the calendar's 13:00 close. Bars of the base
 *     timeframe or finer are usable at their close time.</li>
 * <li>Rule 3: for base bar b, each timeframe contributes its latest bar whose usable instant is ≤ b's
 *     close time (found with one forward-moving pointer per timeframe: O(n + m) overall).</li>
 * <li>Rule 4: a base row is warm-up while the base index is below the base track's
 *     {@code firstValid}, or some timeframe has no bar yet or only bars below its
 *     {@code firstValid}; warm-up rows are dropped and counted.</li>
 * <li>Rule 5: every other base bar gives exactly one row, in order. A timeframe whose chosen bar is
 *     older than its {@code maxStaleness} (measured from the bar's usable instant to the base bar's
 *     close; when the request has a calendar, only time during sessions counts, so weekends and
 *     holidays do not age a value) is a gap: under
 *     {@link StalenessPolicy#DROP_ROW} the row is dropped and one {@link AlignmentGap} per stale
 *     timeframe is reported; under {@link StalenessPolicy#FAIL} a {@link DataException} names the
 *     timeframe and the base bar.</li>
 * </ul>
 *
 * <p>The result records, per timeframe, the source index each row used (the base track's own
 * index for the base) and, for the other timeframes, each bar's usable instant
 * ({@link Alignment#usableFrom}). A track whose close times decrease is refused with an
 * {@link IllegalArgumentException}. Stateless and thread-safe.
 */
public final class LookaheadFreeAligner implements TimeframeAligner {

    /** Creates the aligner. */
    public LookaheadFreeAligner() {
        // stateless
    }

    @Override
    public Alignment align(AlignmentRequest request) {
        TimeframeTrack base = request.base();
        List<TimeframeTrack> others = request.others();
        // Open times are only needed to describe gaps: copied on the first gap, not up front.
        long[] bOpen = null;
        long[] bClose = base.closeTimes();
        checkMonotone(base.timeframe(), bClose);
        int n = bClose.length;
        int k = others.size();
        // close[j]: the usable instants (the close times, later for bars whose span holds a later base close)
        long[][] close = new long[k][];
        long[][] open = new long[k][];
        int[] firstValid = new int[k];
        long[] maxAge = new long[k];
        for (int j = 0; j < k; j++) {
            TimeframeTrack t = others.get(j);
            close[j] = t.closeTimes();
            checkMonotone(t.timeframe(), close[j]);
            firstValid[j] = t.firstValid();
            maxAge[j] = t.maxStaleness().toMillis();
        }
        SourceSpans spans = new SourceSpans(request.calendar());
        for (int j = 0; j < k; j++) {
            spans.usableInPlace(others.get(j), close[j], base, bClose);
        }
        OpenClock clock = request.calendar().map(c -> new OpenClock(Calendars.of(c))).orElse(null);
        int[] ptr = new int[k];
        Arrays.fill(ptr, -1);
        int[] rows = new int[n];
        int[][] src = new int[k][n];
        int kept = 0;
        int warmup = 0;
        List<AlignmentGap> gaps = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long bc = bClose[i];
            boolean warm = i < base.firstValid();
            for (int j = 0; j < k; j++) {
                long[] cj = close[j];
                int p = ptr[j];
                while (p + 1 < cj.length && cj[p + 1] <= bc) {
                    p++;
                }
                ptr[j] = p;
                if (p < firstValid[j]) {
                    warm = true;
                }
            }
            if (warm) {
                warmup++;
                continue;
            }
            boolean stale = false;
            for (int j = 0; j < k; j++) {
                long age = bc - close[j][ptr[j]];
                if (age > maxAge[j] && clock != null) {
                    age = clock.openBetween(close[j][ptr[j]], bc);
                }
                if (age > maxAge[j]) {
                    Timeframe tf = others.get(j).timeframe();
                    if (bOpen == null) {
                        bOpen = base.openTimes();
                    }
                    if (open[j] == null) {
                        open[j] = others.get(j).openTimes();
                    }
                    if (request.policy() == StalenessPolicy.FAIL) {
                        throw new DataException("timeframe " + tf + " is stale at base bar " + Instant.ofEpochMilli(bOpen[i])
                                + ": its newest closed bar opened " + Instant.ofEpochMilli(open[j][ptr[j]]) + " and is "
                                + age / 60_000 + " min old, more than the " + maxAge[j] / 60_000 + " min allowed");
                    }
                    gaps.add(new AlignmentGap(bOpen[i], tf, open[j][ptr[j]], age));
                    stale = true;
                }
            }
            if (stale) {
                continue;
            }
            rows[kept] = i;
            for (int j = 0; j < k; j++) {
                src[j][kept] = ptr[j];
            }
            kept++;
        }
        // Alignment copies its arrays; trim only when rows were dropped.
        Map<Timeframe, int[]> sources = new LinkedHashMap<>();
        Map<Timeframe, long[]> usable = new LinkedHashMap<>();
        int[] keptRows = kept == n ? rows : Arrays.copyOf(rows, kept);
        sources.put(base.timeframe(), keptRows);
        for (int j = 0; j < k; j++) {
            sources.put(others.get(j).timeframe(), kept == n ? src[j] : Arrays.copyOf(src[j], kept));
            usable.put(others.get(j).timeframe(), close[j]);
        }
        return new Alignment(base.timeframe(), keptRows, sources, usable, warmup, gaps);
    }

    private static void checkMonotone(Timeframe tf, long[] close) {
        for (int i = 1; i < close.length; i++) {
            if (close[i] < close[i - 1]) {
                throw new IllegalArgumentException(tf + ": close times decrease at index " + i);
            }
        }
    }

    /**
     * Session time elapsed between two instants, from a table of sessions built on first use and
     * extended as later instants are asked for. Not thread-safe: one per align call.
     */
    static final class OpenClock {
        private final MarketCalendar calendar;
        private long[] sOpen = new long[0];
        private long[] sClose = new long[0];
        private long[] cum = new long[0];
        private int count;
        private LocalDate nextDay;
        private long coveredTo = Long.MIN_VALUE;

        OpenClock(MarketCalendar calendar) {
            this.calendar = calendar;
        }

        long openBetween(long a, long b) {
            if (b <= a) {
                return 0;
            }
            ensure(a, b);
            return at(b) - at(a);
        }

        private void ensure(long a, long b) {
            if (nextDay == null) {
                nextDay = calendar.tradingDay(a).minusDays(1);
                coveredTo = Long.MIN_VALUE;
            } else if (count > 0 && a < sOpen[0]) {
                // Asked about an instant before the table: rebuild from there.
                nextDay = calendar.tradingDay(a).minusDays(1);
                count = 0;
                coveredTo = Long.MIN_VALUE;
            }
            while (coveredTo <= b) {
                LocalDate d = nextDay;
                nextDay = nextDay.plusDays(1);
                Optional<Session> s = calendar.session(d);
                if (s.isEmpty()) {
                    coveredTo = calendar.dayStart(nextDay);
                    continue;
                }
                coveredTo = s.get().closeMillis(); // later sessions open after this close
                if (count == sOpen.length) {
                    int cap = Math.max(64, count * 2);
                    sOpen = Arrays.copyOf(sOpen, cap);
                    sClose = Arrays.copyOf(sClose, cap);
                    cum = Arrays.copyOf(cum, cap);
                }
                sOpen[count] = s.get().openMillis();
                sClose[count] = s.get().closeMillis();
                cum[count] = count == 0 ? 0 : cum[count - 1] + (sClose[count - 1] - sOpen[count - 1]);
                count++;
            }
        }

        /** Session time from the table's start to x. */
        private long at(long x) {
            int lo = 0;
            int hi = count - 1;
            int j = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (sOpen[mid] <= x) {
                    j = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (j < 0) {
                return 0;
            }
            return cum[j] + Math.min(x, sClose[j]) - sOpen[j];
        }
    }
}
