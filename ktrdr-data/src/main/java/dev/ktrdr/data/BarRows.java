package dev.ktrdr.data;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingCalendar;
import dev.ktrdr.data.calendar.Calendars;
import java.nio.charset.StandardCharsets;

/**
 * Builds a validated {@link BarSeries} from typed rows that arrive one at a time from a source other
 * than CSV text (a Parquet file through DuckDB, a database cursor). It is a typed front of the same
 * validation path as the CSV reader (row rules of {@link ValidationRule}, then the series rules of
 * {@link Plausibility}, in the same order with the same wording, under the same
 * {@link ValidationPolicy}); only the location differs: messages read
 * {@code SOURCE SYMBOL TF row N: COLUMN 'VALUE' breaks rule RULE: detail}. Text timestamps are parsed by
 * the CSV reader's own timestamp parser (ISO-8601 or epoch milliseconds; epoch seconds refused).
 *
 * <p>Memory: primitive column chunks, never copied while rows arrive, moved into the series column by
 * column at the end; nothing boxed per row. One instance builds one series; not thread-safe.
 */
public final class BarRows {
    private final String source;
    private final Symbol symbol;
    private final Timeframe timeframe;
    private final CsvParser textTimes;
    private final BarBuilder bars;
    private int zoned = -1;
    private long zonedRow;

    /**
     * With the default plausibility rules.
     *
     * @param source names the source in messages (a file or table; never a credential)
     * @param symbol the symbol
     * @param timeframe the bars' timeframe
     * @param policy STRICT or REPAIR
     */
    public BarRows(String source, Symbol symbol, Timeframe timeframe, ValidationPolicy policy) {
        this(source, symbol, timeframe, policy, Plausibility.DEFAULTS);
    }

    /**
     * @param source names the source in messages (a file or table; never a credential)
     * @param symbol the symbol
     * @param timeframe the bars' timeframe
     * @param policy STRICT or REPAIR
     * @param rules the plausibility rules
     */
    public BarRows(String source, Symbol symbol, Timeframe timeframe, ValidationPolicy policy, Plausibility rules) {
        this.source = source;
        this.symbol = symbol;
        this.timeframe = timeframe;
        this.textTimes = new CsvParser(source, timeframe, policy, rules);
        this.bars = new BarBuilder(source, where() + " row ", "row", true, timeframe, policy, rules);
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
        bars.reject(row, "", column, value, rule, detail);
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
     * Adds a row with typed values, checking every row rule in the CSV reader's order.
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
        bars.add(row, t, o, h, l, c, v, null);
    }

    /** @return the rows read so far, good or bad */
    public int rowsRead() {
        return bars.rowsRead;
    }

    /**
     * Finishes the series: under REPAIR rows out of order are sorted (and reported), later duplicates
     * dropped; then the series rules (gap, spike); close times follow {@link CsvBars#closeTimes}.
     *
     * @param calendar decides when daily bars close
     * @return the series and the report
     * @throws DataException when no row at all was read ("returned no rows"), and under STRICT for a gap or spike
     */
    public CsvBars.Loaded build(TradingCalendar calendar) {
        if (bars.rowsRead == 0) {
            throw new DataException(where() + ": the source returned no rows", source, 0, null);
        }
        return bars.finish(symbol, Calendars.of(calendar), where());
    }
}
