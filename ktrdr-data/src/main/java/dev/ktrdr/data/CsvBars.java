package dev.ktrdr.data;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingCalendar;
import dev.ktrdr.api.io.AtomicFiles;
import dev.ktrdr.api.io.BoundedFiles;
import dev.ktrdr.api.io.BoundedGzip;
import dev.ktrdr.api.io.FileRefusedException;
import dev.ktrdr.api.io.ReadLimits;
import dev.ktrdr.api.io.StrictText;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;

/**
 * Reads and writes bars as CSV or gzip-compressed CSV.
 *
 * <p><b>Format.</b> A header naming six columns in any order, case-insensitive: {@code timestamp}
 * (aliases {@code date}, {@code time}, {@code datetime}, {@code open_time}), {@code open},
 * {@code high}, {@code low}, {@code close}, {@code volume} (alias {@code vol}); other columns are
 * refused. Then one bar per line. UTF-8 (a byte-order mark is skipped), LF or CRLF line ends, blank
 * lines ignored, fields may be blank-padded or double-quoted. Gzip is recognised by its magic bytes,
 * whatever the file name.
 *
 * <p><b>Timestamps</b> are the bar's open time: ISO-8601 with {@code Z}, an offset or no zone
 * (meaning UTC), a date alone (00:00Z), or epoch milliseconds. Epoch <em>seconds</em> are refused, not
 * converted: a whole number below 10^11 (1973-03-03 in milliseconds) is reported as "looks like epoch
 * seconds", and one of 10^14 or more as micro- or nanoseconds, because guessing the unit of a number
 * silently would shift every bar by a factor of 1000. Write ISO-8601 for instants before 1973.
 *
 * <p><b>Close times</b> (rule 1 of the look-ahead rules): an intraday bar closes at open +
 * timeframe. A daily bar's timestamp is a date label: under the US-equity calendar it becomes known at
 * that session's close (16:00 New York, 13:00 on early-close days); under the forex and crypto
 * calendars (whose daily files are UTC calendar days) at label + 1 day. A weekly bar closes at open + 7
 * days. Never earlier than the data was complete.
 *
 * <p><b>Validation</b>: see {@link ValidationRule} and {@link ValidationPolicy}. Under STRICT the
 * first bad row raises a {@link DataException} whose message reads
 * {@code FILE:LINE: COLUMN 'VALUE' breaks rule RULE: detail}.
 *
 * <p>Stateless and thread-safe; each call reads one file on the calling thread.
 */
public final class CsvBars {
    private CsvBars() {
    }

    /**
     * What a read returned: the series and the validation report.
     *
     * @param series the bars, sorted, with close times set by the calendar
     * @param report every row dropped or fixed (always clean under STRICT)
     */
    public record Loaded(BarSeries series, ValidationReport report) {
    }

    /**
     * Reads a file under STRICT validation with the calendar inferred for the symbol
     * ({@link SymbolRegistry#defaults()}).
     *
     * @param file a .csv or .csv.gz file
     * @param symbol the symbol to stamp on the series
     * @param timeframe the bars' timeframe
     * @return the series
     * @throws DataException naming file and line for any problem
     */
    public static BarSeries read(Path file, Symbol symbol, Timeframe timeframe) {
        return read(file, symbol, timeframe, SymbolRegistry.defaults().calendar(symbol), ValidationPolicy.STRICT).series();
    }

    /**
     * Reads a file under STRICT validation with the given calendar.
     *
     * @param file a .csv or .csv.gz file
     * @param symbol the symbol
     * @param timeframe the bars' timeframe
     * @param calendar decides when daily bars close
     * @return the series
     * @throws DataException naming file and line for any problem
     */
    public static BarSeries read(Path file, Symbol symbol, Timeframe timeframe, TradingCalendar calendar) {
        return read(file, symbol, timeframe, calendar, ValidationPolicy.STRICT).series();
    }

    /**
     * Reads a file with a validation policy.
     *
     * @param file a .csv or .csv.gz file
     * @param symbol the symbol
     * @param timeframe the bars' timeframe
     * @param calendar decides when daily bars close
     * @param policy STRICT or REPAIR
     * @return the series and the report
     * @throws DataException for file-level problems, and under STRICT for the first bad row
     */
    public static Loaded read(Path file, Symbol symbol, Timeframe timeframe, TradingCalendar calendar, ValidationPolicy policy) {
        return read(file, symbol, timeframe, calendar, policy, ReadLimits.defaults(), Plausibility.DEFAULTS);
    }

    /**
     * Reads a file with a validation policy, size limits and plausibility rules. Only a regular file
     * (or a link to one) is opened: directories, devices, FIFOs and sockets are refused before opening.
     *
     * @param file a .csv or .csv.gz file
     * @param symbol the symbol
     * @param timeframe the bars' timeframe
     * @param calendar decides when daily bars close
     * @param policy STRICT or REPAIR
     * @param limits the most bytes read and decompressed
     * @param rules the plausibility rules
     * @return the series and the report
     * @throws DataException for file-level problems (naming the file), and under STRICT for the first bad row
     */
    public static Loaded read(Path file, Symbol symbol, Timeframe timeframe, TradingCalendar calendar, ValidationPolicy policy,
                              ReadLimits limits, Plausibility rules) {
        String name = file.toString();
        try (InputStream in = BoundedFiles.open(file, limits.maxFileBytes(), "bar file")) {
            return read(in, name, symbol, timeframe, calendar, policy, limits, rules);
        } catch (NoSuchFileException e) {
            throw new DataException(StrictText.printable(name) + ": no such file", name, 0, e);
        } catch (FileRefusedException e) {
            throw new DataException(e.getMessage(), name, 0, e);
        } catch (IOException e) {
            throw new DataException(StrictText.printable(name) + ": cannot read: " + e.getMessage(), name, 0, e);
        }
    }

    /**
     * Reads bars from a stream (plain or gzip-compressed CSV). The stream is not closed.
     *
     * @param in the bytes
     * @param fileName the name used in messages
     * @param symbol the symbol
     * @param timeframe the bars' timeframe
     * @param calendar decides when daily bars close
     * @param policy STRICT or REPAIR
     * @return the series and the report
     * @throws DataException for file-level problems, and under STRICT for the first bad row
     */
    public static Loaded read(InputStream in, String fileName, Symbol symbol, Timeframe timeframe, TradingCalendar calendar,
                              ValidationPolicy policy) {
        return read(in, fileName, symbol, timeframe, calendar, policy, ReadLimits.defaults(), Plausibility.DEFAULTS);
    }

    /**
     * Reads bars from a stream (plain or gzip-compressed CSV) with decompression limits and plausibility
     * rules. The stream is not closed. Gzip input must end with its last member: trailing bytes are refused.
     *
     * @param in the bytes
     * @param fileName the name used in messages
     * @param symbol the symbol
     * @param timeframe the bars' timeframe
     * @param calendar decides when daily bars close
     * @param policy STRICT or REPAIR
     * @param limits decompression limits ({@link ReadLimits#maxFileBytes()} is the caller's to enforce on {@code in})
     * @param rules the plausibility rules
     * @return the series and the report
     * @throws DataException for file-level problems, and under STRICT for the first bad row
     */
    public static Loaded read(InputStream in, String fileName, Symbol symbol, Timeframe timeframe, TradingCalendar calendar,
                              ValidationPolicy policy, ReadLimits limits, Plausibility rules) {
        CsvParser p = new CsvParser(fileName, timeframe, policy, rules);
        try {
            BufferedInputStream bin = new BufferedInputStream(in, 1 << 16);
            bin.mark(2);
            int b0 = bin.read();
            int b1 = bin.read();
            bin.reset();
            InputStream body = bin;
            if (b0 == 0x1F && b1 == 0x8B) {
                try {
                    body = BoundedGzip.open(bin, fileName, limits.maxDecompressedBytes(), limits.maxRatio(), limits.ratioFloor());
                } catch (IOException e) {
                    throw new DataException(fileName + ": truncated or corrupt gzip header", fileName, 0, e);
                }
            } else if (fileName.endsWith(".gz")) {
                throw new DataException(fileName + ": the name ends in .gz but the content is not gzip-compressed", fileName, 0, null);
            }
            p.parse(body);
        } catch (FileRefusedException e) {
            throw new DataException(e.getMessage(), fileName, 0, e);
        } catch (IOException e) {
            throw new DataException(StrictText.printable(fileName) + ": cannot read: " + e.getMessage(), fileName, 0, e);
        }
        return finish(p, fileName, symbol, Calendars.of(calendar));
    }

    private static Loaded finish(CsvParser p, String file, Symbol symbol, MarketCalendar cal) {
        return p.bars.finish(symbol, cal, file);
    }

    /**
     * Close (known-at) times of bars by the rule in the class comment.
     *
     * @param openTimes open times (daily bars: date labels at 00:00Z)
     * @param timeframe the bars' timeframe
     * @param calendar decides daily closes
     * @return one close time per bar
     */
    public static long[] closeTimes(long[] openTimes, Timeframe timeframe, TradingCalendar calendar) {
        MarketCalendar cal = Calendars.of(calendar);
        long[] close = new long[openTimes.length];
        if (timeframe == Timeframe.D1) {
            for (int i = 0; i < close.length; i++) {
                LocalDate label = LocalDate.ofEpochDay(Math.floorDiv(openTimes[i], 86_400_000L));
                close[i] = Math.max(cal.dailyBarClose(label), openTimes[i] + 1);
            }
        } else {
            long d = timeframe.millis();
            for (int i = 0; i < close.length; i++) {
                close[i] = openTimes[i] + d;
            }
        }
        return close;
    }

    /**
     * Writes a series as CSV ({@code timestamp,open,high,low,close,volume}, ISO-8601 UTC open times,
     * numbers in Java's shortest round-trip form), gzip-compressed when the name ends in {@code .gz}.
     * The file is written to a temporary sibling with a random name (created without following links),
     * forced to disk and atomically moved into place, so readers never see half a file and a planted
     * link is never written through.
     *
     * @param file the target
     * @param series the bars
     * @throws DataException when the file cannot be written
     */
    public static void write(Path file, BarSeries series) {
        try {
            AtomicFiles.write(file, raw -> {
                try (OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                     Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16)) {
                    write(w, series);
                }
            });
        } catch (FileRefusedException e) {
            throw new DataException(e.getMessage(), file.toString(), 0, e);
        } catch (IOException e) {
            throw new DataException(StrictText.printable(file.toString()) + ": cannot write: " + e.getMessage(), file.toString(), 0, e);
        }
    }

    /**
     * Writes a series as CSV text to a writer (not closed).
     *
     * @param w the writer
     * @param series the bars
     * @throws IOException from the writer
     */
    public static void write(Writer w, BarSeries series) throws IOException {
        w.write("timestamp,open,high,low,close,volume\n");
        StringBuilder sb = new StringBuilder(96);
        for (int i = 0; i < series.size(); i++) {
            sb.setLength(0);
            sb.append(Instant.ofEpochMilli(series.openTime(i))).append(',');
            num(sb, series.open(i)).append(',');
            num(sb, series.high(i)).append(',');
            num(sb, series.low(i)).append(',');
            num(sb, series.close(i)).append(',');
            num(sb, series.volume(i)).append('\n');
            w.append(sb);
        }
    }

    private static StringBuilder num(StringBuilder sb, double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return sb.append((long) x);
        }
        return sb.append(x);
    }
}
