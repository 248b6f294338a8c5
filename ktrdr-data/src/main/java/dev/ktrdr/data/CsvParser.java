package dev.ktrdr.data;

import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.io.FileRefusedException;
import dev.ktrdr.api.io.StrictText;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipException;

/**
 * The byte-level CSV bar parser behind {@link CsvBars}. Hand-written rather than built on a CSV
 * library or {@code String.split}: the input is plain ASCII numbers and timestamps, and parsing bytes
 * in place without creating a String or boxed value per field is what makes ≥ 2 million bars per
 * second on one core possible. One instance parses one file; not thread-safe.
 */
final class CsvParser implements BarBuilder.Texts {
    static final int MAX_LINE = 4096;
    private static final long DAY = 86_400_000L;
    /** Epoch values below this (1973-03-03 in ms) are taken for seconds and refused. */
    static final long MIN_EPOCH_MS = 100_000_000_000L;
    /** Epoch values at or above this (year 5138 in ms) are taken for micro- or nanoseconds and refused. */
    static final long MAX_EPOCH_MS = 100_000_000_000_000L;
    private static final double[] POW10 = new double[23];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private static final int C_TIME = 0;
    private static final int C_OPEN = 1;
    private static final int C_HIGH = 2;
    private static final int C_LOW = 3;
    private static final int C_CLOSE = 4;
    private static final int C_VOLUME = 5;
    private static final String[] NAMES = {"timestamp", "open", "high", "low", "close", "volume"};

    private final String file;

    /** The one validation path: every parsed row goes through it. */
    final BarBuilder bars;

    private int[] roles;
    private final int[] fieldStart = new int[64];
    private final int[] fieldEnd = new int[64];
    private String error;
    private byte[] rowBytes;
    private int rowFields;
    private int lastDateKey = -1;
    private long lastEpochDay;
    /** File offset (of the decompressed text) of buf[0], for encoding messages. */
    private long base;

    CsvParser(String file, Timeframe timeframe, ValidationPolicy policy) {
        this(file, timeframe, policy, Plausibility.DEFAULTS);
    }

    CsvParser(String file, Timeframe timeframe, ValidationPolicy policy, Plausibility rules) {
        this.file = file;
        this.bars = new BarBuilder(file, StrictText.printable(file) + ":", "line", false, timeframe, policy, rules);
    }

    void parse(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 18];
        int len = 0;
        int pos = 0;
        long line = 0;
        boolean header = true;
        boolean eof = false;
        boolean first = true;
        while (true) {
            // Find the end of the next line, refilling the buffer as needed.
            int nl = indexOf(buf, pos, len, (byte) '\n');
            while (nl < 0 && !eof) {
                if (pos > 0) {
                    System.arraycopy(buf, pos, buf, 0, len - pos);
                    len -= pos;
                    base += pos;
                    pos = 0;
                }
                if (len == buf.length) {
                    throw fail(line + 1, "line is longer than " + MAX_LINE + " bytes");
                }
                int r;
                try {
                    r = in.read(buf, len, buf.length - len);
                } catch (EOFException e) {
                    throw new DataException(file + ": truncated gzip data (the file ends inside the compressed stream, after line "
                            + line + ")", file, line, e);
                } catch (ZipException e) {
                    String m = String.valueOf(e.getMessage());
                    String prefix = StrictText.printable(file) + ": corrupt gzip data (";
                    String detail = m.startsWith(prefix) && m.endsWith(")") ? m.substring(prefix.length(), m.length() - 1) : m;
                    throw new DataException(file + ": corrupt gzip data after line " + line + " (" + detail + ")", file, line, e);
                } catch (FileRefusedException e) {
                    throw new DataException(e.getMessage(), file, line, e);
                }
                if (r < 0) {
                    eof = true;
                } else {
                    int from = len;
                    len += r;
                    if (first && len >= 2) {
                        checkEncoding(buf, len);
                        first = false;
                    }
                    nl = indexOf(buf, from, len, (byte) '\n');
                }
            }
            if (first) {
                checkEncoding(buf, len);
                first = false;
            }
            int end = nl < 0 ? len : nl;
            if (pos >= end && nl < 0) {
                break;
            }
            line++;
            int lineEnd = end;
            if (lineEnd > pos && buf[lineEnd - 1] == '\r') {
                lineEnd--;
            }
            if (lineEnd - pos > MAX_LINE) {
                throw fail(line, "line is longer than " + MAX_LINE + " bytes");
            }
            int start = pos;
            if (line == 1 && lineEnd - start >= 3 && (buf[start] & 0xff) == 0xEF && (buf[start + 1] & 0xff) == 0xBB
                    && (buf[start + 2] & 0xff) == 0xBF) {
                start += 3; // UTF-8 byte order mark
            }
            if (header) {
                checkUtf8(buf, start, lineEnd, line);
                parseHeader(buf, start, lineEnd, line);
                header = false;
            } else if (!isBlank(buf, start, lineEnd)) {
                parseRow(buf, start, lineEnd, line);
            }
            pos = nl < 0 ? len : nl + 1;
            if (nl < 0) {
                break;
            }
        }
        if (header) {
            throw new DataException(file + ": the file is empty (expected a header line 'timestamp,open,high,low,close,volume')", file, 0, null);
        }
        if (bars.rowsRead == 0) {
            throw new DataException(file + ": the file has a header but no data rows", file, line, null);
        }
    }

    private void checkEncoding(byte[] b, int len) {
        if (len >= 2 && (((b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) || ((b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF))) {
            throw new DataException(file + ":1: the file is UTF-16 text; UTF-8 is required", file, 1, null);
        }
        if (len >= 2 && (b[0] & 0xff) == 0x1F && (b[1] & 0xff) == 0x8B) {
            throw new DataException(file + ":1: the file is gzip-compressed twice or named without .gz", file, 1, null);
        }
    }

    private void checkUtf8(byte[] b, int from, int to, long line) {
        for (int i = from; i < to; i++) {
            int c = b[i] & 0xff;
            if (c == 0) {
                throw fail(line, "NUL byte at column " + (i - from + 1) + " (byte offset " + (base + i)
                        + "); the file is not UTF-8 text");
            }
            if (c < 0x80) {
                continue;
            }
            int extra = c >= 0xF0 && c <= 0xF4 ? 3 : c >= 0xE0 ? (c <= 0xEF ? 2 : -1) : c >= 0xC2 && c <= 0xDF ? 1 : -1;
            boolean ok = extra > 0 && i + extra < to + 1 && i + extra <= to - 0;
            for (int k = 1; ok && k <= extra; k++) {
                if (i + k >= to || (b[i + k] & 0xC0) != 0x80) {
                    ok = false;
                }
            }
            if (!ok) {
                throw fail(line, String.format(Locale.ROOT, "byte 0x%02X at column %d (byte offset %d) is not valid UTF-8;"
                        + " the file must be UTF-8 text", c, i - from + 1, base + i));
            }
            i += extra;
        }
    }

    private void parseHeader(byte[] b, int from, int to, long line) {
        int nf = split(b, from, to, line);
        roles = new int[nf];
        boolean[] seen = new boolean[NAMES.length];
        List<String> names = new ArrayList<>();
        for (int f = 0; f < nf; f++) {
            String name = StrictText.printable(new String(b, fieldStart[f], fieldEnd[f] - fieldStart[f], StandardCharsets.UTF_8));
            names.add(name);
            int role = role(name);
            if (role < 0) {
                throw fail(line, "unexpected column '" + name + "' in header " + names(b, nf)
                        + "; expected timestamp,open,high,low,close,volume");
            }
            if (seen[role]) {
                throw fail(line, "column '" + NAMES[role] + "' appears twice in header " + names(b, nf));
            }
            seen[role] = true;
            roles[f] = role;
        }
        for (int r = 0; r < NAMES.length; r++) {
            if (!seen[r]) {
                throw fail(line, "header " + names(b, nf) + " has no '" + NAMES[r]
                        + "' column; expected timestamp,open,high,low,close,volume");
            }
        }
    }

    private String names(byte[] b, int nf) {
        StringBuilder sb = new StringBuilder("'");
        for (int f = 0; f < nf; f++) {
            if (f > 0) {
                sb.append(',');
            }
            sb.append(StrictText.printable(new String(b, fieldStart[f], fieldEnd[f] - fieldStart[f], StandardCharsets.UTF_8)));
        }
        return sb.append('\'').toString();
    }

    static int role(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "timestamp": case "date": case "time": case "datetime": case "date_time": case "open_time":
            case "timestamp_ms": case "time_ms":
                return C_TIME;
            case "open": case "o": return C_OPEN;
            case "high": case "h": return C_HIGH;
            case "low": case "l": return C_LOW;
            case "close": case "c": return C_CLOSE;
            case "volume": case "vol": case "v": return C_VOLUME;
            default: return -1;
        }
    }

    /** Splits a line at commas into fieldStart/fieldEnd, trimming blanks and one pair of quotes. */
    private int split(byte[] b, int from, int to, long line) {
        int nf = 0;
        int s = from;
        for (int i = from; i <= to; i++) {
            if (i == to || b[i] == ',') {
                if (nf == fieldStart.length) {
                    throw fail(line, "more than " + fieldStart.length + " fields");
                }
                int a = s;
                int e = i;
                while (a < e && (b[a] == ' ' || b[a] == '\t')) {
                    a++;
                }
                while (e > a && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
                    e--;
                }
                if (e - a >= 2 && b[a] == '"' && b[e - 1] == '"') {
                    a++;
                    e--;
                }
                fieldStart[nf] = a;
                fieldEnd[nf] = e;
                nf++;
                s = i + 1;
            }
        }
        return nf;
    }

    /**
     * One pass over a data row: field boundaries (blank-trimmed, one pair of quotes removed) and the
     * check for NUL and non-ASCII bytes, which sends the row to the full UTF-8 check. The trimming
     * repeats {@link #split}'s on purpose: moving it into a shared helper measured 8% slower
     * (CsvReadBenchmark, 2.97M vs 2.72M bars/s).
     */
    private int scanFields(byte[] b, int from, int to, long line) {
        int nf = 0;
        int s = from;
        boolean odd = false;
        int max = fieldStart.length;
        for (int i = from; ; i++) {
            byte c = i < to ? b[i] : (byte) ',';
            if (c <= 0) {
                odd = true;
            }
            if (c == ',') {
                if (nf == max) {
                    return nf + 1;
                }
                int a = s;
                int e = i < to ? i : to;
                if (a < e && (b[a] == ' ' || b[a] == '\t' || b[a] == '"' || b[e - 1] == ' ' || b[e - 1] == '\t' || b[e - 1] == '"')) {
                    while (a < e && (b[a] == ' ' || b[a] == '\t')) {
                        a++;
                    }
                    while (e > a && (b[e - 1] == ' ' || b[e - 1] == '\t')) {
                        e--;
                    }
                    if (e - a >= 2 && b[a] == '"' && b[e - 1] == '"') {
                        a++;
                        e--;
                    }
                }
                fieldStart[nf] = a;
                fieldEnd[nf] = e;
                nf++;
                s = i + 1;
                if (i >= to) {
                    break;
                }
            }
        }
        if (odd) {
            checkUtf8(b, from, to, line);
        }
        return nf;
    }

    private void parseRow(byte[] b, int from, int to, long line) {
        int nf = scanFields(b, from, to, line);
        if (nf != roles.length) {
            bars.reject(line, "", "row", text(b, from, to), ValidationRule.FIELD_COUNT,
                    nf + " fields, the header has " + roles.length);
            return;
        }
        long t = 0;
        double o = 0;
        double h = 0;
        double l = 0;
        double c = 0;
        double v = 0;
        for (int f = 0; f < nf; f++) {
            int role = roles[f];
            int a = fieldStart[f];
            int e = fieldEnd[f];
            if (role == C_TIME) {
                error = null;
                t = parseTime(b, a, e);
                if (error != null) {
                    bars.reject(line, text(b, a, e), "timestamp", text(b, a, e), ValidationRule.TIMESTAMP, error);
                    return;
                }
            } else {
                error = null;
                double x = parseNumber(b, a, e);
                if (error != null) {
                    bars.reject(line, timeText(b, nf), NAMES[role], text(b, a, e), ValidationRule.NUMBER, error);
                    return;
                }
                switch (role) {
                    case C_OPEN: o = x; break;
                    case C_HIGH: h = x; break;
                    case C_LOW: l = x; break;
                    case C_CLOSE: c = x; break;
                    default: v = x; break;
                }
            }
        }
        rowBytes = b;
        rowFields = nf;
        bars.add(line, t, o, h, l, c, v, this);
        rowBytes = null;
    }

    /** The current row's field of a column as written, for {@link BarBuilder}'s messages. */
    @Override
    public String text(int column) {
        return field(rowBytes, rowFields, column);
    }

    private String field(byte[] b, int nf, int role) {
        for (int f = 0; f < nf; f++) {
            if (roles[f] == role) {
                return text(b, fieldStart[f], fieldEnd[f]);
            }
        }
        return "";
    }

    private String timeText(byte[] b, int nf) {
        return field(b, nf, C_TIME);
    }

    private static String text(byte[] b, int from, int to) {
        String s = StrictText.printable(new String(b, from, Math.min(to - from, 200), StandardCharsets.UTF_8));
        return to - from > 200 ? s + "..." : s;
    }

    /** @return the problem found by the last {@link #parseTime} or {@link #parseNumber} call (null if none), and clears it */
    String takeError() {
        String e = error;
        error = null;
        return e;
    }

    DataException fail(long line, String message) {
        return new DataException(file + ":" + line + ": " + message, file, line, null);
    }

    private static int indexOf(byte[] b, int from, int to, byte x) {
        for (int i = from; i < to; i++) {
            if (b[i] == x) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != ' ' && b[i] != '\t' && b[i] != ',') {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- numbers

    /** Parses a decimal number; sets {@link #error} and returns NaN when the text is not one. */
    double parseNumber(byte[] b, int from, int to) {
        if (from >= to) {
            error = "empty value";
            return Double.NaN;
        }
        int i = from;
        boolean neg = false;
        if (b[i] == '-' || b[i] == '+') {
            neg = b[i] == '-';
            i++;
        }
        long mant = 0;
        int digits = 0;
        int scale = 0;
        boolean dot = false;
        boolean any = false;
        boolean slow = false;
        for (; i < to; i++) {
            int c = b[i];
            if (c >= '0' && c <= '9') {
                any = true;
                if (digits < 18) {
                    mant = mant * 10 + (c - '0');
                    if (mant != 0) {
                        digits++;
                    }
                    if (dot) {
                        scale++;
                    }
                } else {
                    slow = true;
                }
            } else if (c == '.' && !dot) {
                dot = true;
            } else {
                break;
            }
        }
        if (i < to && any && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            boolean eneg = false;
            if (i < to && (b[i] == '-' || b[i] == '+')) {
                eneg = b[i] == '-';
                i++;
            }
            int exp = 0;
            int ed = 0;
            while (i < to && b[i] >= '0' && b[i] <= '9' && ed < 6) {
                exp = exp * 10 + (b[i] - '0');
                i++;
                ed++;
            }
            if (ed == 0) {
                error = "not a number";
                return Double.NaN;
            }
            scale += eneg ? exp : -exp;
        }
        if (i != to || !any) {
            return special(b, from, to);
        }
        if (slow || digits > 15 || scale > 22 || scale < -22) {
            // Rare: more precision than a long holds exactly; let the JDK round correctly.
            return Double.parseDouble(new String(b, from, to - from, StandardCharsets.US_ASCII));
        }
        double x = scale >= 0 ? mant / POW10[scale] : mant * POW10[-scale];
        return neg ? -x : x;
    }

    private double special(byte[] b, int from, int to) {
        String s = new String(b, from, to - from, StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        switch (s) {
            case "nan": case "+nan": case "-nan": return Double.NaN;
            case "inf": case "+inf": case "infinity": case "+infinity": return Double.POSITIVE_INFINITY;
            case "-inf": case "-infinity": return Double.NEGATIVE_INFINITY;
            default:
                error = "not a number";
                return Double.NaN;
        }
    }

    // ---------------------------------------------------------------- timestamps

    /**
     * Parses an ISO-8601 timestamp ({@code 2020-01-02T03:04:05Z}, optional fraction, {@code Z},
     * {@code ±HH:MM}, {@code ±HHMM}, {@code ±HH} or no zone meaning UTC, {@code T} or a space between
     * date and time, or a date alone meaning 00:00Z) or epoch milliseconds. Sets {@link #error}.
     */
    long parseTime(byte[] b, int from, int to) {
        int len = to - from;
        if (len == 0) {
            error = "empty timestamp";
            return 0;
        }
        if (len >= 10 && b[from + 4] == '-') {
            return parseIso(b, from, to);
        }
        int i = from;
        boolean neg = false;
        if (b[i] == '-') {
            neg = true;
            i++;
        }
        if (i == to || to - i > 18) {
            error = "not an ISO-8601 timestamp or epoch milliseconds";
            return 0;
        }
        long v = 0;
        for (; i < to; i++) {
            int c = b[i];
            if (c < '0' || c > '9') {
                if (c == '.') {
                    error = "fractional epoch value; epoch milliseconds must be a whole number";
                } else {
                    error = "not an ISO-8601 timestamp or epoch milliseconds";
                }
                return 0;
            }
            v = v * 10 + (c - '0');
        }
        if (v < MIN_EPOCH_MS) {
            error = "looks like epoch seconds (" + (neg ? "-" : "") + v + "); epoch milliseconds or ISO-8601 are required";
            return 0;
        }
        if (v >= MAX_EPOCH_MS) {
            error = "looks like epoch micro- or nanoseconds; epoch milliseconds or ISO-8601 are required";
            return 0;
        }
        return neg ? -v : v;
    }

    private long parseIso(byte[] b, int from, int to) {
        if (to - from == 20 && b[from + 10] == 'T' && b[from + 19] == 'Z' && b[from + 7] == '-' && b[from + 13] == ':'
                && b[from + 16] == ':') {
            // Fast path for the canonical form YYYY-MM-DDTHH:MM:SSZ.
            int y = d2(b, from) * 100 + d2(b, from + 2);
            int mo = d2(b, from + 5);
            int d = d2(b, from + 8);
            int hh = d2(b, from + 11);
            int mm = d2(b, from + 14);
            int ss = d2(b, from + 17);
            if (y >= 0 && mo >= 1 && mo <= 12 && d >= 1 && hh >= 0 && hh <= 23 && mm >= 0 && mm <= 59 && ss >= 0 && ss <= 59) {
                int key = y * 10000 + mo * 100 + d;
                if (key != lastDateKey) {
                    if (d > daysInMonth(y, mo)) {
                        error = "no such date";
                        return 0;
                    }
                    lastDateKey = key;
                    lastEpochDay = epochDay(y, mo, d);
                }
                return lastEpochDay * DAY + (hh * 3600L + mm * 60L + ss) * 1000L;
            }
        }
        int y = digits(b, from, 4, to);
        int mo = digits(b, from + 5, 2, to);
        int d = (to - from >= 10) ? digits(b, from + 8, 2, to) : -1;
        if (y < 0 || mo < 0 || d < 0 || b[from + 7] != '-') {
            error = "not an ISO-8601 date (expected YYYY-MM-DD)";
            return 0;
        }
        if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) {
            error = "no such date";
            return 0;
        }
        long days = epochDay(y, mo, d);
        int i = from + 10;
        long ms = 0;
        if (i < to && (b[i] == 'T' || b[i] == 't' || b[i] == ' ')) {
            i++;
            int hh = digits(b, i, 2, to);
            if (hh < 0 || i + 5 > to || b[i + 2] != ':') {
                error = "not an ISO-8601 time (expected HH:MM[:SS])";
                return 0;
            }
            int mm = digits(b, i + 3, 2, to);
            i += 5;
            int ss = 0;
            if (i < to && b[i] == ':') {
                ss = digits(b, i + 1, 2, to);
                i += 3;
                if (i > to) {
                    ss = -1;
                }
            }
            if (mm < 0 || ss < 0 || hh > 23 || mm > 59 || ss > 59) {
                error = "not a valid ISO-8601 time";
                return 0;
            }
            ms = (hh * 3600L + mm * 60L + ss) * 1000L;
            if (i < to && b[i] == '.') {
                i++;
                int scale = 100;
                int fd = 0;
                while (i < to && b[i] >= '0' && b[i] <= '9') {
                    ms += (b[i] - '0') * scale;
                    scale /= 10;
                    i++;
                    fd++;
                }
                if (fd == 0) {
                    error = "not a valid ISO-8601 time fraction";
                    return 0;
                }
            }
        }
        long offset = 0;
        if (i < to) {
            int c = b[i];
            if ((c == 'Z' || c == 'z') && i + 1 == to) {
                i++;
            } else if (c == '+' || c == '-') {
                int oh = digits(b, i + 1, 2, to);
                int om = 0;
                int j = i + 3;
                if (j < to && b[j] == ':') {
                    j++;
                }
                if (j < to) {
                    om = digits(b, j, 2, to);
                    j += 2;
                }
                if (oh < 0 || om < 0 || oh > 18 || om > 59 || j != to) {
                    error = "not a valid ISO-8601 zone offset";
                    return 0;
                }
                offset = (oh * 3600L + om * 60L) * 1000L * (c == '-' ? -1 : 1);
                i = to;
            } else {
                error = "unexpected text after the ISO-8601 timestamp";
                return 0;
            }
        }
        return days * DAY + ms - offset;
    }

    /** Two decimal digits, or a negative number when either is not a digit. */
    private static int d2(byte[] b, int i) {
        int x = b[i] - '0';
        int y = b[i + 1] - '0';
        if ((x | y) < 0 || x > 9 || y > 9) {
            return -1000;
        }
        return x * 10 + y;
    }

    private static int digits(byte[] b, int from, int count, int to) {
        int v = 0;
        for (int k = 0; k < count; k++) {
            int i = from + k;
            if (i >= to) {
                return -1;
            }
            int c = b[i] - '0';
            if (c < 0 || c > 9) {
                return -1;
            }
            v = v * 10 + c;
        }
        return v;
    }

    private static int daysInMonth(int y, int m) {
        switch (m) {
            case 2: return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4: case 6: case 9: case 11: return 30;
            default: return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long epochDay(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        long era = Math.floorDiv(y, 400);
        long yoe = y - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
