package dev.ktrdr.data;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.internal.SeriesHandover;
import dev.ktrdr.data.calendar.MarketCalendar;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The one validation path of every bar reader: typed rows go in one at a time, from the CSV parser
 * ({@link CsvParser}, after it has turned a line's bytes into numbers) or from a typed source
 * ({@link BarRows}: a database cursor, a Parquet file through DuckDB); a validated {@link BarSeries}
 * comes out. It applies the row rules ({@link ValidationRule}) in one fixed order (prices positive and
 * finite, price range, volume, volume range, timestamp range, grid, order and duplicates, OHLC), then the
 * series rules of {@link Plausibility} (gap, spike), under one {@link ValidationPolicy}, with one wording;
 * only the location prefix differs by source ({@code FILE:LINE} for a file, {@code SOURCE SYMBOL TF row N}
 * for a typed source).
 *
 * <p>Memory: rows are stored in primitive column chunks that grow from 1,024 to {@value #MAX_CHUNK} rows
 * and are never copied while rows arrive; {@link #finish} moves them into exact-size columns one column
 * at a time, releasing each column's chunks as it goes, and hands them to the series without a copy
 * ({@link SeriesHandover}). The peak while building is therefore the series plus its row numbers
 * (one more long per row, for messages) plus at most one chunk; nothing is boxed per row. One instance builds one series; not
 * thread-safe.
 */
final class BarBuilder {
    /**
     * The largest chunk, in rows: 256 KiB per column, below half of G1's smallest region (1 MiB), so that
     * chunks are ordinary objects; at 512 KiB each would be a humongous object filling a whole region,
     * doubling the heap the chunks take.
     */
    static final int MAX_CHUNK = 1 << 15;
    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;
    static final int C_TIME = 0;
    static final int C_OPEN = 1;
    static final int C_HIGH = 2;
    static final int C_LOW = 3;
    static final int C_CLOSE = 4;
    static final int C_VOLUME = 5;
    static final String[] NAMES = {"timestamp", "open", "high", "low", "close", "volume"};

    /** The written text of a row's fields, asked for only to word a problem. */
    interface Texts {
        /**
         * @param column {@link #C_TIME} to {@link #C_VOLUME}
         * @return the field as written in the source
         */
        String text(int column);
    }

    private final String source;
    private final String prefix;
    private final String unit;
    private final boolean typed;
    private final Timeframe timeframe;
    private final ValidationPolicy policy;
    private final Plausibility rules;
    private final long grid;
    final IssueLog log = new IssueLog();
    int rowsRead;
    private int n;
    private boolean outOfOrder;
    private long lastTime;
    private long lastLine;

    // Full chunks, then the chunk being filled.
    private final List<long[]> timeChunks = new ArrayList<>();
    private final List<double[]> openChunks = new ArrayList<>();
    private final List<double[]> highChunks = new ArrayList<>();
    private final List<double[]> lowChunks = new ArrayList<>();
    private final List<double[]> closeChunks = new ArrayList<>();
    private final List<double[]> volumeChunks = new ArrayList<>();
    private final List<long[]> lineChunks = new ArrayList<>();
    private long[] t = new long[1024];
    private double[] o = new double[1024];
    private double[] h = new double[1024];
    private double[] l = new double[1024];
    private double[] c = new double[1024];
    private double[] v = new double[1024];
    private long[] ln = new long[1024];
    private int k;

    /**
     * @param source the file or source named in messages (never a credential)
     * @param prefix what precedes the line or row number in a message: {@code FILE:} or {@code SOURCE SYMBOL TF row }
     * @param unit {@code line} or {@code row}, for messages that cite another row
     * @param typed true for typed rows (values are shown as Java writes them, not as a file wrote them)
     * @param timeframe the bars' timeframe
     * @param policy STRICT or REPAIR
     * @param rules the plausibility rules
     */
    BarBuilder(String source, String prefix, String unit, boolean typed, Timeframe timeframe, ValidationPolicy policy, Plausibility rules) {
        this.source = source;
        this.prefix = prefix;
        this.unit = unit;
        this.typed = typed;
        this.timeframe = timeframe;
        this.policy = policy;
        this.rules = rules;
        // Grid: bars up to 1h sit on multiples of their length; 2h/4h buckets are anchored by the
        // calendar (17:00 New York for forex) so only whole hours are required; daily and weekly
        // bars are date labels at 00:00Z.
        this.grid = timeframe.millis() <= HOUR ? timeframe.millis() : timeframe.isIntraday() ? HOUR : DAY;
    }

    /**
     * A row that cannot become a bar before its values are known (wrong field count, a timestamp or
     * number that does not parse, a NULL): STRICT throws, REPAIR drops it and lists it.
     *
     * @param line the row's line or row number
     * @param ts its timestamp text (empty when unknown)
     * @param column the column concerned
     * @param value the value as read
     * @param rule the rule broken
     * @param detail one line
     */
    void reject(long line, String ts, String column, String value, ValidationRule rule, String detail) {
        rowsRead++;
        issue(line, ts, column, value, rule, RowIssue.Action.DROPPED, detail);
    }

    /**
     * Checks one row against every row rule and keeps it (or, under REPAIR, fixes or drops it).
     *
     * @param line the row's line or row number
     * @param time open time, epoch ms
     * @param open open
     * @param high high
     * @param low low
     * @param close close
     * @param volume volume
     * @param texts the fields as written, for messages (null for typed rows)
     * @throws DataException under STRICT for the first rule broken
     */
    void add(long line, long time, double open, double high, double low, double close, double volume, Texts texts) {
        rowsRead++;
        int bad = firstBadPrice(open, high, low, close);
        if (bad >= 0) {
            double x = price(bad, open, high, low, close);
            boolean finite = Double.isFinite(x);
            issue(line, text(texts, C_TIME, time, 0), NAMES[bad], text(texts, bad, time, x),
                    finite ? ValidationRule.PRICE_NOT_POSITIVE : ValidationRule.PRICE_NOT_FINITE, RowIssue.Action.DROPPED,
                    finite ? NAMES[bad] + " " + x + " is not positive" : NAMES[bad] + " is " + x + ", not a finite number");
            return;
        }
        int far = firstImplausiblePrice(open, high, low, close);
        if (far >= 0) {
            double x = price(far, open, high, low, close);
            issue(line, text(texts, C_TIME, time, 0), NAMES[far], text(texts, far, time, x), ValidationRule.PRICE_RANGE,
                    RowIssue.Action.DROPPED, NAMES[far] + " " + x + (x < Double.MIN_NORMAL ? " (a subnormal float)" : "")
                            + " is outside the plausible band [" + rules.minPrice() + ", " + rules.maxPrice() + "]");
            return;
        }
        if (!(volume >= 0) || volume == Double.POSITIVE_INFINITY) {
            issue(line, text(texts, C_TIME, time, 0), "volume", text(texts, C_VOLUME, time, volume), ValidationRule.VOLUME,
                    RowIssue.Action.DROPPED, "volume " + volume + " is not a finite number >= 0");
            return;
        }
        if (volume > rules.maxVolume() || volume > 0 && volume < Double.MIN_NORMAL) {
            issue(line, text(texts, C_TIME, time, 0), "volume", text(texts, C_VOLUME, time, volume), ValidationRule.VOLUME,
                    RowIssue.Action.DROPPED, "volume " + volume + (volume < Double.MIN_NORMAL ? " is a subnormal float"
                            : " is larger than the plausible maximum " + rules.maxVolume()));
            return;
        }
        if (time < rules.minTime() || time >= rules.maxTime()) {
            String ts = text(texts, C_TIME, time, 0);
            issue(line, ts, "timestamp", ts, ValidationRule.TIMESTAMP_RANGE, RowIssue.Action.DROPPED,
                    "outside the plausible range " + Instant.ofEpochMilli(rules.minTime()) + " to "
                            + Instant.ofEpochMilli(rules.maxTime()) + " (exclusive)");
            return;
        }
        if (Math.floorMod(time, grid) != 0) {
            String ts = text(texts, C_TIME, time, 0);
            issue(line, ts, "timestamp", ts, ValidationRule.OFF_GRID, RowIssue.Action.DROPPED, "not on the " + timeframe
                    + " grid (" + (grid == DAY ? "daily bars are date labels at 00:00:00Z" : "a multiple of " + (grid / 60_000) + " minutes") + ")");
            return;
        }
        if (n > 0 && time <= lastTime) {
            boolean dup = time == lastTime;
            if (dup && policy == ValidationPolicy.REPAIR && !log.listing()) {
                log.count(ValidationRule.DUPLICATE, RowIssue.Action.DROPPED); // beyond the listed ones: count, build nothing
                return;
            }
            if (policy == ValidationPolicy.STRICT || dup) {
                // REPAIR drops a repeat of the row before at once (the first row is kept), so a source of
                // repeated rows costs no memory.
                String ts = text(texts, C_TIME, time, 0);
                issue(line, ts, "timestamp", ts, dup ? ValidationRule.DUPLICATE : ValidationRule.UNSORTED, RowIssue.Action.DROPPED,
                        dup ? "same timestamp as " + unit + " " + lastLine + (policy == ValidationPolicy.REPAIR ? "; the first row was kept" : "")
                                : "earlier than " + unit + " " + lastLine);
                return;
            }
            // REPAIR sorts in finish; duplicates are resolved then.
            outOfOrder = true;
        }
        if (high < low || high < Math.max(open, close) || low > Math.min(open, close)) {
            String ts = text(texts, C_TIME, time, 0);
            double nh = Math.max(Math.max(open, close), Math.max(high, low));
            double nl = Math.min(Math.min(open, close), Math.min(high, low));
            String fix = policy == ValidationPolicy.REPAIR ? "; set high " + nh + ", low " + nl : "";
            if (high < low) {
                issue(line, ts, "high", text(texts, C_HIGH, time, high), ValidationRule.HIGH_BELOW_LOW, RowIssue.Action.FIXED,
                        "high " + high + " < low " + low + fix);
            }
            if (high < Math.max(open, close)) {
                issue(line, ts, "high", text(texts, C_HIGH, time, high), ValidationRule.HIGH_BELOW_OPEN_CLOSE, RowIssue.Action.FIXED,
                        "high " + high + " < max(open " + open + ", close " + close + ")" + fix);
            }
            if (low > Math.min(open, close)) {
                issue(line, ts, "low", text(texts, C_LOW, time, low), ValidationRule.LOW_ABOVE_OPEN_CLOSE, RowIssue.Action.FIXED,
                        "low " + low + " > min(open " + open + ", close " + close + ")" + fix);
            }
            high = nh;
            low = nl;
        }
        if (k == t.length) {
            grow();
        }
        t[k] = time;
        o[k] = open;
        h[k] = high;
        l[k] = low;
        c[k] = close;
        v[k] = volume;
        ln[k] = line;
        k++;
        n++;
        lastTime = time;
        lastLine = line;
    }

    private void grow() {
        timeChunks.add(t);
        openChunks.add(o);
        highChunks.add(h);
        lowChunks.add(l);
        closeChunks.add(c);
        volumeChunks.add(v);
        lineChunks.add(ln);
        int cap = Math.min(t.length * 2, MAX_CHUNK);
        t = new long[cap];
        o = new double[cap];
        h = new double[cap];
        l = new double[cap];
        c = new double[cap];
        v = new double[cap];
        ln = new long[cap];
        k = 0;
    }

    private static double price(int column, double o, double h, double l, double c) {
        return column == C_OPEN ? o : column == C_HIGH ? h : column == C_LOW ? l : c;
    }

    private String text(Texts texts, int column, long time, double x) {
        if (texts != null) {
            return texts.text(column);
        }
        return column == C_TIME ? Instant.ofEpochMilli(time).toString() : Double.toString(x);
    }

    private int firstImplausiblePrice(double o, double h, double l, double c) {
        double lo = rules.minPrice();
        double hi = rules.maxPrice();
        if (o < lo || o > hi) {
            return C_OPEN;
        }
        if (h < lo || h > hi) {
            return C_HIGH;
        }
        if (l < lo || l > hi) {
            return C_LOW;
        }
        if (c < lo || c > hi) {
            return C_CLOSE;
        }
        return -1;
    }

    private static int firstBadPrice(double o, double h, double l, double c) {
        if (!(o > 0) || o == Double.POSITIVE_INFINITY) {
            return C_OPEN;
        }
        if (!(h > 0) || h == Double.POSITIVE_INFINITY) {
            return C_HIGH;
        }
        if (!(l > 0) || l == Double.POSITIVE_INFINITY) {
            return C_LOW;
        }
        if (!(c > 0) || c == Double.POSITIVE_INFINITY) {
            return C_CLOSE;
        }
        return -1;
    }

    private void issue(long line, String ts, String column, String value, ValidationRule rule, RowIssue.Action action, String detail) {
        if (policy == ValidationPolicy.STRICT) {
            throw new DataException(prefix + line + ": " + column + " '" + value + "' breaks rule " + rule.id() + ": " + detail,
                    source, line, null);
        }
        log.add(new RowIssue(line, ts, column, value, rule, action, detail));
    }

    /** Moves one column's chunks into one exact-size array, releasing each chunk once copied. */
    private long[] flatLongs(List<long[]> chunks, long[] last) {
        long[] out = new long[n];
        int at = 0;
        for (int i = 0; i < chunks.size(); i++) {
            long[] ch = chunks.get(i);
            System.arraycopy(ch, 0, out, at, ch.length);
            at += ch.length;
            chunks.set(i, null);
        }
        System.arraycopy(last, 0, out, at, k);
        return out;
    }

    private double[] flatDoubles(List<double[]> chunks, double[] last) {
        double[] out = new double[n];
        int at = 0;
        for (int i = 0; i < chunks.size(); i++) {
            double[] ch = chunks.get(i);
            System.arraycopy(ch, 0, out, at, ch.length);
            at += ch.length;
            chunks.set(i, null);
        }
        System.arraycopy(last, 0, out, at, k);
        return out;
    }

    /**
     * Finishes the series: under REPAIR rows out of order are sorted (and reported) and later duplicates
     * dropped; then the series rules (gap, spike) of {@link Plausibility}; close times by
     * {@link CsvBars#closeTimes}.
     *
     * @param symbol the symbol
     * @param calendar decides when daily bars close
     * @param reportName the name the report carries
     * @return the series and the report
     * @throws DataException under STRICT for a gap or a spike
     */
    CsvBars.Loaded finish(Symbol symbol, MarketCalendar calendar, String reportName) {
        // Column by column, so that the chunks of a column are released before the next is copied.
        long[] times = flatLongs(timeChunks, t);
        t = null;
        double[] opens = flatDoubles(openChunks, o);
        o = null;
        double[] highs = flatDoubles(highChunks, h);
        h = null;
        double[] lows = flatDoubles(lowChunks, l);
        l = null;
        double[] closes = flatDoubles(closeChunks, c);
        c = null;
        double[] volumes = flatDoubles(volumeChunks, v);
        v = null;
        long[] lines = flatLongs(lineChunks, ln);
        ln = null;
        int m = n;
        if (outOfOrder) {
            // REPAIR only: sort by (time, line), report moved rows, then keep the first of each timestamp.
            int[] idx = sortedOrder(times, m);
            long max = Long.MIN_VALUE;
            for (int i = 0; i < m; i++) {
                if (times[i] < max) {
                    String ts = Instant.ofEpochMilli(times[i]).toString();
                    log.add(new RowIssue(lines[i], ts, "timestamp", ts, ValidationRule.UNSORTED, RowIssue.Action.FIXED,
                            "earlier than a row before it; moved to its sorted position"));
                }
                max = Math.max(max, times[i]);
            }
            long[] t2 = new long[m];
            double[] o2 = new double[m];
            double[] h2 = new double[m];
            double[] l2 = new double[m];
            double[] c2 = new double[m];
            double[] v2 = new double[m];
            long[] n2 = new long[m];
            int j = 0;
            for (int q = 0; q < m; q++) {
                int i = idx[q];
                if (j > 0 && times[i] == t2[j - 1]) {
                    String ts = Instant.ofEpochMilli(times[i]).toString();
                    log.add(new RowIssue(lines[i], ts, "timestamp", ts, ValidationRule.DUPLICATE, RowIssue.Action.DROPPED,
                            "same timestamp as " + unit + " " + n2[j - 1] + "; the first row was kept"));
                    continue;
                }
                t2[j] = times[i];
                o2[j] = opens[i];
                h2[j] = highs[i];
                l2[j] = lows[i];
                c2[j] = closes[i];
                v2[j] = volumes[i];
                n2[j] = lines[i];
                j++;
            }
            m = j;
            times = t2;
            opens = o2;
            highs = h2;
            lows = l2;
            closes = c2;
            volumes = v2;
            lines = n2;
        }
        boolean[] drop = plausibility(m, times, opens, highs, lows, closes, lines);
        lines = null;
        if (drop != null) {
            int j = 0;
            for (int i = 0; i < m; i++) {
                if (!drop[i]) {
                    times[j] = times[i];
                    opens[j] = opens[i];
                    highs[j] = highs[i];
                    lows[j] = lows[i];
                    closes[j] = closes[i];
                    volumes[j] = volumes[i];
                    j++;
                }
            }
            m = j;
        }
        if (m != times.length) {
            times = java.util.Arrays.copyOf(times, m);
            opens = java.util.Arrays.copyOf(opens, m);
            highs = java.util.Arrays.copyOf(highs, m);
            lows = java.util.Arrays.copyOf(lows, m);
            closes = java.util.Arrays.copyOf(closes, m);
            volumes = java.util.Arrays.copyOf(volumes, m);
        }
        long[] closeTimes = CsvBars.closeTimes(times, timeframe, calendar);
        // The columns are this method's own: handed to the series without another copy.
        BarSeries s = SeriesHandover.adopt(symbol, timeframe, times, closeTimes, opens, highs, lows, closes, volumes);
        return new CsvBars.Loaded(s, log.report(reportName, policy, rowsRead, m));
    }

    /**
     * The series-level plausibility rules (gap, spike) on sorted bars. STRICT throws for the earliest
     * row; REPAIR returns the rows to drop (null when none).
     */
    private boolean[] plausibility(int n, long[] t, double[] o, double[] h, double[] l, double[] c, long[] lines) {
        // Gaps: the stretches between gaps longer than the limit; REPAIR keeps the longest stretch.
        int bestStart = 0;
        int bestLen = 0;
        int runStart = 0;
        boolean anyGap = false;
        for (int i = 1; i <= n; i++) {
            if (i == n || t[i] - t[i - 1] > rules.maxGapMillis()) {
                if (i < n) {
                    anyGap = true;
                    if (policy == ValidationPolicy.STRICT) {
                        String ts = Instant.ofEpochMilli(t[i]).toString();
                        throw new DataException(prefix + lines[i] + ": timestamp '" + ts + "' breaks rule "
                                + ValidationRule.GAP.id() + ": " + days(t[i] - t[i - 1]) + " after " + unit + " " + lines[i - 1] + " ("
                                + Instant.ofEpochMilli(t[i - 1]) + "); more than the " + days(rules.maxGapMillis()) + " allowed",
                                source, lines[i], null);
                    }
                }
                if (i - runStart > bestLen) {
                    bestLen = i - runStart;
                    bestStart = runStart;
                }
                runStart = i;
            }
        }
        boolean[] drop = null;
        if (anyGap) {
            drop = new boolean[n];
            for (int i = 0; i < n; i++) {
                if (i < bestStart || i >= bestStart + bestLen) {
                    drop[i] = true;
                    String ts = Instant.ofEpochMilli(t[i]).toString();
                    if (log.listing()) {
                        log.add(new RowIssue(lines[i], ts, "timestamp", ts, ValidationRule.GAP, RowIssue.Action.DROPPED,
                                "outside the longest stretch without a gap of more than " + days(rules.maxGapMillis())
                                        + " (" + unit + "s " + lines[bestStart] + " to " + lines[bestStart + bestLen - 1] + ")"));
                    } else {
                        log.count(ValidationRule.GAP, RowIssue.Action.DROPPED);
                    }
                }
            }
        }
        // Spikes, among the bars kept so far, against their two nearest kept neighbours.
        int from = drop == null ? 0 : bestStart;
        int to = drop == null ? n : bestStart + bestLen;
        if (to - from < 3 || Double.isInfinite(rules.spikeFactor())) {
            return drop;
        }
        double f = rules.spikeFactor();
        for (int i = from; i < to; i++) {
            int a = i == from ? i + 1 : i == to - 1 ? i - 2 : i - 1;
            int b = i == from ? i + 2 : i == to - 1 ? i - 1 : i + 1;
            double up = f * Math.max(c[a], c[b]);
            double down = Math.min(c[a], c[b]) / f;
            int col = h[i] > up ? 2 : l[i] < down ? 3 : o[i] > up || o[i] < down ? 1 : c[i] > up || c[i] < down ? 4 : 0;
            if (col == 0) {
                continue;
            }
            String name = col == 1 ? "open" : col == 2 ? "high" : col == 3 ? "low" : "close";
            double x = col == 1 ? o[i] : col == 2 ? h[i] : col == 3 ? l[i] : c[i];
            String ts = Instant.ofEpochMilli(t[i]).toString();
            String detail = name + " " + x + " is more than " + fmt(f) + " times, or less than 1/" + fmt(f)
                    + " of, both neighbours' closes (" + c[a] + " at " + unit + " " + lines[a] + ", " + c[b] + " at " + unit + " " + lines[b] + ")";
            if (policy == ValidationPolicy.STRICT) {
                throw new DataException(prefix + lines[i] + ": " + name + " '" + x + "' breaks rule "
                        + ValidationRule.SPIKE.id() + ": " + detail, source, lines[i], null);
            }
            if (drop == null) {
                drop = new boolean[n];
            }
            drop[i] = true;
            if (log.listing()) {
                log.add(new RowIssue(lines[i], ts, name, Double.toString(x), ValidationRule.SPIKE, RowIssue.Action.DROPPED, detail));
            } else {
                log.count(ValidationRule.SPIKE, RowIssue.Action.DROPPED);
            }
        }
        return drop;
    }

    private static String days(long ms) {
        long d = ms / 86_400_000L;
        return d >= 1 ? d + " days" : ms / 60_000 + " minutes";
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    /** Row indices sorted by (time, index): a stable merge sort on primitive arrays. */
    private static int[] sortedOrder(long[] t, int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int q = lo;
                while (i < mid && j < hi) {
                    b[q++] = t[a[j]] < t[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[q++] = a[i++];
                }
                while (j < hi) {
                    b[q++] = a[j++];
                }
            }
            int[] x = a;
            a = b;
            b = x;
        }
        return a;
    }
}
