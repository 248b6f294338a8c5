package dev.ktrdr.data;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingCalendar;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds a validated {@link BarSeries} from typed rows that arrive one at a time from a source other
 * than CSV text (a Parquet file through DuckDB, a database cursor). It applies the rules of the CSV
 * reader ({@link ValidationRule}) in the same order with the same wording, under the same
 * {@link ValidationPolicy}; messages read
 * {@code SOURCE SYMBOL TF row N: COLUMN 'VALUE' breaks rule RULE: detail}. Text timestamps are parsed by
 * the CSV reader's own timestamp parser (ISO-8601 or epoch milliseconds; epoch seconds refused).
 *
 * <p>Memory: one primitive array per column, doubled as rows arrive; nothing boxed per row. One
 * instance builds one series; not thread-safe.
 */
public final class BarRows {
    private static final long DAY = 86_400_000L;
    private static final long HOUR = 3_600_000L;

    private final String source;
    private final Symbol symbol;
    private final Timeframe timeframe;
    private final ValidationPolicy policy;
    private final long grid;
    private final CsvParser textTimes;
    private final List<RowIssue> issues = new ArrayList<>();
    private long[] times = new long[1024];
    private double[] open = new double[1024];
    private double[] high = new double[1024];
    private double[] low = new double[1024];
    private double[] close = new double[1024];
    private double[] volume = new double[1024];
    private long[] rows = new long[1024];
    private int n;
    private int rowsRead;
    private boolean outOfOrder;
    private int zoned = -1;
    private long zonedRow;

    /**
     * @param source names the source in messages (a file or table; never a credential)
     * @param symbol the symbol
     * @param timeframe the bars' timeframe
     * @param policy STRICT or REPAIR
     */
    public BarRows(String source, Symbol symbol, Timeframe timeframe, ValidationPolicy policy) {
        this.source = source;
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.policy = policy;
        this.grid = timeframe.millis() <= HOUR ? timeframe.millis() : timeframe.isIntraday() ? HOUR : DAY;
        this.textTimes = new CsvParser(source, timeframe, policy);
    }

    /** @return the prefix of every message: {@code SOURCE SYMBOL TF} */
    public String where() {
        return source + " " + symbol + " " + timeframe;
    }

    /**
     * Reports a row that cannot become a bar before its values are known (a NULL, a value of the wrong
     * type, an unparsable timestamp): STRICT throws, REPAIR drops the row and lists it.
     *
     * @param row 1-based row number in the source's order
     * @param column the column
     * @param value the value as read (or {@code NULL})
     * @param rule the rule broken
     * @param detail one line
     * @throws DataException under STRICT
     */
    public void reject(long row, String column, String value, ValidationRule rule, String detail) {
        rowsRead++;
        issue(row, "", column, value, rule, RowIssue.Action.DROPPED, detail);
    }

    /**
     * Parses a text timestamp with the CSV reader's rules, refusing a column that mixes zoned and
     * zone-less values.
     *
     * @param row the row number
     * @param text the timestamp text
     * @return epoch milliseconds, or {@link Long#MIN_VALUE} when the row was rejected (REPAIR)
     * @throws DataException under STRICT when the text is not a timestamp
     */
    public long parseTime(long row, String text) {
        byte[] b = text.trim().getBytes(StandardCharsets.UTF_8);
        long t = textTimes.parseTime(b, 0, b.length);
        String error = textTimes.takeError();
        if (error != null) {
            reject(row, "timestamp", text, ValidationRule.TIMESTAMP, error);
            return Long.MIN_VALUE;
        }
        if (b.length >= 10 && b[4] == '-') {
            int z = hasZone(b) ? 1 : 0;
            if (zoned < 0) {
                zoned = z;
                zonedRow = row;
            } else if (z != zoned) {
                reject(row, "timestamp", text, ValidationRule.TIMESTAMP, "mixed time zones: this timestamp "
                        + (z == 1 ? "has" : "has no") + " zone but the one of row " + zonedRow + (zoned == 1 ? " has" : " has none")
                        + "; write every timestamp with Z or an offset");
                return Long.MIN_VALUE;
            }
        }
        return t;
    }

    private static boolean hasZone(byte[] b) {
        int last = b.length - 1;
        if (b[last] == 'Z' || b[last] == 'z') {
            return true;
        }
        for (int i = 11; i < b.length; i++) {
            if (b[i] == '+' || b[i] == '-') {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds a row with typed values, checking the price, volume, grid, order and OHLC rules in the CSV
     * reader's order.
     *
     * @param row 1-based row number in the source's order
     * @param t open time, epoch milliseconds UTC
     * @param o open
     * @param h high
     * @param l low
     * @param c close
     * @param v volume
     * @throws DataException under STRICT for a bad row
     */
    public void add(long row, long t, double o, double h, double l, double c, double v) {
        rowsRead++;
        int bad = !(o > 0) || o == Double.POSITIVE_INFINITY ? 0 : !(h > 0) || h == Double.POSITIVE_INFINITY ? 1
                : !(l > 0) || l == Double.POSITIVE_INFINITY ? 2 : !(c > 0) || c == Double.POSITIVE_INFINITY ? 3 : -1;
        if (bad >= 0) {
            String name = new String[] {"open", "high", "low", "close"}[bad];
            double x = bad == 0 ? o : bad == 1 ? h : bad == 2 ? l : c;
            boolean finite = Double.isFinite(x);
            issue(row, ts(t), name, Double.toString(x), finite ? ValidationRule.PRICE_NOT_POSITIVE : ValidationRule.PRICE_NOT_FINITE,
                    RowIssue.Action.DROPPED, finite ? name + " " + x + " is not positive" : name + " is " + x + ", not a finite number");
            return;
        }
        if (!(v >= 0) || v == Double.POSITIVE_INFINITY) {
            issue(row, ts(t), "volume", Double.toString(v), ValidationRule.VOLUME, RowIssue.Action.DROPPED,
                    "volume " + v + " is not a finite number >= 0");
            return;
        }
        if (Math.floorMod(t, grid) != 0) {
            issue(row, ts(t), "timestamp", ts(t), ValidationRule.OFF_GRID, RowIssue.Action.DROPPED, "not on the " + timeframe
                    + " grid (" + (grid == DAY ? "daily bars are date labels at 00:00:00Z" : "a multiple of " + (grid / 60_000) + " minutes") + ")");
            return;
        }
        if (n > 0 && t <= times[n - 1]) {
            boolean dup = t == times[n - 1];
            if (policy == ValidationPolicy.STRICT) {
                issue(row, ts(t), "timestamp", ts(t), dup ? ValidationRule.DUPLICATE : ValidationRule.UNSORTED, RowIssue.Action.DROPPED,
                        dup ? "same timestamp as row " + rows[n - 1] : "earlier than row " + rows[n - 1]);
                return;
            }
            outOfOrder = true;
        }
        if (h < l || h < Math.max(o, c) || l > Math.min(o, c)) {
            double nh = Math.max(Math.max(o, c), Math.max(h, l));
            double nl = Math.min(Math.min(o, c), Math.min(h, l));
            String fix = policy == ValidationPolicy.REPAIR ? "; set high " + nh + ", low " + nl : "";
            if (h < l) {
                issue(row, ts(t), "high", Double.toString(h), ValidationRule.HIGH_BELOW_LOW, RowIssue.Action.FIXED, "high " + h + " < low " + l + fix);
            }
            if (h < Math.max(o, c)) {
                issue(row, ts(t), "high", Double.toString(h), ValidationRule.HIGH_BELOW_OPEN_CLOSE, RowIssue.Action.FIXED,
                        "high " + h + " < max(open " + o + ", close " + c + ")" + fix);
            }
            if (l > Math.min(o, c)) {
                issue(row, ts(t), "low", Double.toString(l), ValidationRule.LOW_ABOVE_OPEN_CLOSE, RowIssue.Action.FIXED,
                        "low " + l + " > min(open " + o + ", close " + c + ")" + fix);
            }
            h = nh;
            l = nl;
        }
        if (n == times.length) {
            int cap = n * 2;
            times = Arrays.copyOf(times, cap);
            open = Arrays.copyOf(open, cap);
            high = Arrays.copyOf(high, cap);
            low = Arrays.copyOf(low, cap);
            close = Arrays.copyOf(close, cap);
            volume = Arrays.copyOf(volume, cap);
            rows = Arrays.copyOf(rows, cap);
        }
        times[n] = t;
        open[n] = o;
        high[n] = h;
        low[n] = l;
        close[n] = c;
        volume[n] = v;
        rows[n] = row;
        n++;
    }

    /** @return the rows read so far, good or bad */
    public int rowsRead() {
        return rowsRead;
    }

    /**
     * Finishes the series: under REPAIR rows out of order are sorted (and reported), later duplicates
     * dropped; close times follow {@link CsvBars#closeTimes}.
     *
     * @param calendar decides when daily bars close
     * @return the series and the report
     * @throws DataException when no row at all was read ("returned no rows")
     */
    public CsvBars.Loaded build(TradingCalendar calendar) {
        if (rowsRead == 0) {
            throw new DataException(where() + ": the source returned no rows", source, 0, null);
        }
        long[] t = times;
        double[] o = open;
        double[] h = high;
        double[] l = low;
        double[] c = close;
        double[] v = volume;
        int m = n;
        if (outOfOrder) {
            // REPAIR only: stable sort by time (row order breaks ties), report moved rows, keep the first of each timestamp.
            long max = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                if (t[i] < max) {
                    issues.add(new RowIssue(rows[i], ts(t[i]), "timestamp", ts(t[i]), ValidationRule.UNSORTED, RowIssue.Action.FIXED,
                            "earlier than a row before it; moved to its sorted position"));
                }
                max = Math.max(max, t[i]);
            }
            int[] idx = sortedIndex(t, n);
            long[] t2 = new long[n];
            double[] o2 = new double[n];
            double[] h2 = new double[n];
            double[] l2 = new double[n];
            double[] c2 = new double[n];
            double[] v2 = new double[n];
            m = 0;
            long prevRow = 0;
            for (int k = 0; k < n; k++) {
                int i = idx[k];
                if (m > 0 && t[i] == t2[m - 1]) {
                    issues.add(new RowIssue(rows[i], ts(t[i]), "timestamp", ts(t[i]), ValidationRule.DUPLICATE, RowIssue.Action.DROPPED,
                            "same timestamp as row " + prevRow + "; the first row was kept"));
                    continue;
                }
                t2[m] = t[i];
                o2[m] = o[i];
                h2[m] = h[i];
                l2[m] = l[i];
                c2[m] = c[i];
                v2[m] = v[i];
                prevRow = rows[i];
                m++;
            }
            t = t2;
            o = o2;
            h = h2;
            l = l2;
            c = c2;
            v = v2;
            issues.sort((a, b) -> Long.compare(a.line(), b.line()));
        }
        long[] openTimes = Arrays.copyOf(t, m);
        BarSeries s = new BarSeries(symbol, timeframe, openTimes, CsvBars.closeTimes(openTimes, timeframe, calendar),
                Arrays.copyOf(o, m), Arrays.copyOf(h, m), Arrays.copyOf(l, m), Arrays.copyOf(c, m), Arrays.copyOf(v, m));
        return new CsvBars.Loaded(s, new ValidationReport(where(), policy, rowsRead, m, issues));
    }

    /** Stable ascending order of {@code t[0..n)} by (time, position), with primitive keys. */
    private static int[] sortedIndex(long[] t, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        // Merge sort on indices: stable, so equal times keep their row order.
        int[] tmp = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n - width; lo += 2 * width) {
                int mid = lo + width;
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                int k = lo;
                while (a < mid && b < hi) {
                    tmp[k++] = t[idx[b]] < t[idx[a]] ? idx[b++] : idx[a++];
                }
                while (a < mid) {
                    tmp[k++] = idx[a++];
                }
                while (b < hi) {
                    tmp[k++] = idx[b++];
                }
                System.arraycopy(tmp, lo, idx, lo, hi - lo);
            }
        }
        return idx;
    }

    private static String ts(long t) {
        return Instant.ofEpochMilli(t).toString();
    }

    private void issue(long row, String ts, String column, String value, ValidationRule rule, RowIssue.Action action, String detail) {
        if (policy == ValidationPolicy.STRICT) {
            throw new DataException(where() + " row " + row + ": " + column + " '" + value + "' breaks rule " + rule.id() + ": " + detail,
                    source, row, null);
        }
        issues.add(new RowIssue(row, ts, column, value, rule, action, detail));
    }
}
