package dev.ktrdr.data.source;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.internal.SafeNames;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.BarRows;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.data.SymbolRegistry;
import dev.ktrdr.data.ValidationPolicy;
import dev.ktrdr.data.ValidationRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Bars from SQL: a database table or query through JDBC (PostgreSQL, DuckDB, any driver), or Parquet
 * files read by DuckDB's embedded engine. Rows are streamed in chunks of {@link #FETCH_SIZE} (autocommit
 * off, so PostgreSQL uses a cursor; DuckDB with {@code jdbc_stream_results}, so its result is not
 * materialised) into primitive column chunks and validated row by row on the CSV reader's own path
 * ({@link BarRows}: row rules, then gap and spike); messages name the source, the symbol, the timeframe
 * and the row. Memory while loading: the series' columns plus at most one chunk, nothing boxed per row.
 *
 * <p><b>Layouts.</b> A table has the columns {@code symbol, timeframe, ts, open, high, low, close,
 * volume} (timeframe labels as {@code 1h}) and is read {@code ORDER BY ts}, so a duplicate timestamp is
 * reported and an unsorted table is not an error. A query is any SQL returning the columns
 * {@code ts, open, high, low, close, volume} in that order, with the named parameters {@code :symbol},
 * {@code :timeframe}, {@code :from} and {@code :to} (timestamps with time zone bounding the whole
 * history); its order is taken as given. Parquet files are either one per symbol and timeframe,
 * {@code SYMBOL_TF.parquet} with the columns {@code ts} (or {@code timestamp}), open, high, low, close,
 * volume, read in file order; or one dataset of {@code *.parquet} files with {@code symbol} and
 * {@code timeframe} columns, read {@code ORDER BY ts}.
 *
 * <p><b>Types.</b> {@code ts}: timestamp with time zone (any session zone: the instant is read),
 * timestamp without time zone (taken as UTC, as the CSV reader takes a zone-less timestamp), date (00:00Z)
 * or text/epoch milliseconds (parsed by the CSV reader's rules; a column mixing zoned and zone-less text
 * is refused). Prices and volume: any numeric type (double, real, numeric/decimal, integers), read as the
 * nearest double; a column of another type is refused before any row is read; a NULL breaks the
 * {@code number} rule.
 *
 * <p>Thread-safe: every load opens its own connection.
 */
public final class SqlBarSource implements ListedBars {
    /** Rows fetched per round trip. */
    public static final int FETCH_SIZE = 10_000;
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
    private static final Pattern PARAM = Pattern.compile(":(symbol|timeframe|from|to)\\b");
    private static final String[] COLS = {"ts", "open", "high", "low", "close", "volume"};
    private static final OffsetDateTime FROM = OffsetDateTime.of(1900, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    private static final OffsetDateTime TO = OffsetDateTime.of(9999, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    private enum Kind { TABLE, QUERY, PARQUET_FILES, PARQUET_DATASET }

    private final Kind kind;
    private final Jdbc jdbc;
    private final String target;
    private final Path dir;
    private final SymbolRegistry registry;
    private final ValidationPolicy policy;

    private SqlBarSource(Kind kind, Jdbc jdbc, String target, Path dir, SymbolRegistry registry, ValidationPolicy policy) {
        this.kind = kind;
        this.jdbc = jdbc;
        this.target = target;
        this.dir = dir;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * A table in a database.
     *
     * @param jdbc the connection settings
     * @param table the table name ({@code name} or {@code schema.name}, letters, digits, underscores)
     * @param registry symbol information
     * @param policy validation policy
     * @return the source
     * @throws DataException when the table name is not a plain identifier
     */
    public static SqlBarSource table(Jdbc jdbc, String table, SymbolRegistry registry, ValidationPolicy policy) {
        if (!IDENT.matcher(table).matches()) {
            throw new DataException("table name '" + (table.length() > 80 ? table.substring(0, 80) + "..." : table) + "' is not a plain identifier ([A-Za-z_][A-Za-z0-9_]*, optionally schema.table)");
        }
        return new SqlBarSource(Kind.TABLE, jdbc, table, null, registry, policy);
    }

    /**
     * A query with named parameters {@code :symbol}, {@code :timeframe}, {@code :from}, {@code :to}.
     *
     * @param jdbc the connection settings
     * @param sql the query (at most 10,000 characters)
     * @param registry symbol information
     * @param policy validation policy
     * @return the source
     */
    public static SqlBarSource query(Jdbc jdbc, String sql, SymbolRegistry registry, ValidationPolicy policy) {
        if (sql.length() > 10_000 || !sql.contains(":symbol") || !sql.contains(":timeframe")) {
            throw new DataException("the bar query must be at most 10000 characters and use :symbol and :timeframe");
        }
        return new SqlBarSource(Kind.QUERY, jdbc, sql, null, registry, policy);
    }

    /**
     * Parquet files in a folder, read by DuckDB in memory: {@code SYMBOL_TF.parquet} files when there are
     * any, else every {@code *.parquet} file as one dataset with {@code symbol} and {@code timeframe} columns.
     *
     * @param dir the folder
     * @param policy validation policy
     * @return the source (symbols.csv in the folder, if any, gives calendars)
     */
    public static SqlBarSource parquet(Path dir, ValidationPolicy policy) {
        return parquet(dir, SymbolRegistry.load(dir), policy);
    }

    /**
     * @param dir the folder
     * @param registry symbol information
     * @param policy validation policy
     * @return the source
     */
    public static SqlBarSource parquet(Path dir, SymbolRegistry registry, ValidationPolicy policy) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + ": not a directory");
        }
        Kind k = perFile(dir).isEmpty() ? Kind.PARQUET_DATASET : Kind.PARQUET_FILES;
        java.util.Properties p = new java.util.Properties();
        p.setProperty(Jdbc.DUCKDB_STREAM_RESULTS, "true");
        return new SqlBarSource(k, new Jdbc("jdbc:duckdb:", p, "duckdb:"), null, dir, registry, policy);
    }

    @Override
    public SymbolRegistry registry() {
        return registry;
    }

    @Override
    public String description() {
        return switch (kind) {
            case TABLE -> jdbc.description() + " table " + target;
            case QUERY -> jdbc.description() + " query";
            case PARQUET_FILES, PARQUET_DATASET -> "parquet:" + dir;
        };
    }

    @Override
    public String origin(Symbol symbol, Timeframe timeframe) {
        return switch (kind) {
            case TABLE -> "table " + target;
            case QUERY -> "query";
            case PARQUET_FILES -> "file " + file(symbol, timeframe).getFileName();
            case PARQUET_DATASET -> "dataset parquet:" + dir;
        };
    }

    @Override
    public BarSeries load(Symbol symbol, Timeframe timeframe) {
        return loadWithReport(symbol, timeframe).series();
    }

    /**
     * @param symbol the symbol
     * @param timeframe the timeframe
     * @return the series and its validation report
     * @throws DataException naming source, symbol and row for any problem
     */
    public CsvBars.Loaded loadWithReport(Symbol symbol, Timeframe timeframe) {
        SafeNames.require("symbol", symbol.value(), Symbol.MAX_LENGTH);
        String where = origin(symbol, timeframe);
        if (kind == Kind.PARQUET_FILES && !Files.isRegularFile(file(symbol, timeframe))) {
            throw new DataException("no file for " + symbol + " " + timeframe + " in " + dir + " (looked for "
                    + file(symbol, timeframe).getFileName() + ")");
        }
        BarRows rows = new BarRows(description().startsWith("parquet:") ? where.replaceFirst("^file ", dir + "/").replaceFirst("^dataset ", "")
                : description(), symbol, timeframe, policy);
        try (Connection c = jdbc.open(); PreparedStatement ps = prepare(c, symbol, timeframe)) {
            ps.setFetchSize(FETCH_SIZE);
            try (ResultSet rs = ps.executeQuery()) {
                read(rs, rows);
            }
            c.commit();
        } catch (SQLException e) {
            throw new DataException(rows.where() + ": " + jdbc.scrub(e.getMessage()));
        }
        return rows.build(registry.calendar(symbol));
    }

    private PreparedStatement prepare(Connection c, Symbol symbol, Timeframe timeframe) throws SQLException {
        String cols = "ts, open, high, low, close, volume";
        switch (kind) {
            case TABLE -> {
                PreparedStatement ps = c.prepareStatement("SELECT " + cols + " FROM " + target + " WHERE symbol = ? AND timeframe = ? ORDER BY ts");
                ps.setString(1, symbol.value());
                ps.setString(2, timeframe.label());
                return ps;
            }
            case QUERY -> {
                List<String> names = new ArrayList<>();
                Matcher m = PARAM.matcher(target);
                StringBuilder sql = new StringBuilder();
                while (m.find()) {
                    names.add(m.group(1));
                    m.appendReplacement(sql, "?");
                }
                m.appendTail(sql);
                PreparedStatement ps = c.prepareStatement(sql.toString());
                for (int i = 0; i < names.size(); i++) {
                    switch (names.get(i)) {
                        case "symbol" -> ps.setString(i + 1, symbol.value());
                        case "timeframe" -> ps.setString(i + 1, timeframe.label());
                        case "from" -> ps.setObject(i + 1, FROM);
                        default -> ps.setObject(i + 1, TO);
                    }
                }
                return ps;
            }
            case PARQUET_FILES -> {
                String f = file(symbol, timeframe).toString();
                String ts = hasColumn(c, f, "ts") ? "ts" : "\"timestamp\"";
                PreparedStatement ps = c.prepareStatement("SELECT " + ts + ", open, high, low, close, volume FROM read_parquet(?)");
                ps.setString(1, f);
                return ps;
            }
            default -> {
                PreparedStatement ps = c.prepareStatement("SELECT " + cols + " FROM read_parquet(?) WHERE symbol = ? AND timeframe = ? ORDER BY ts");
                ps.setString(1, dir.resolve("*.parquet").toString());
                ps.setString(2, symbol.value());
                ps.setString(3, timeframe.label());
                return ps;
            }
        }
    }

    private static boolean hasColumn(Connection c, String file, String col) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM read_parquet(?) LIMIT 0")) {
            ps.setString(1, file);
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    if (md.getColumnLabel(i).equalsIgnoreCase(col)) {
                        return true;
                    }
                }
                return false;
            }
        }
    }

    private static final int T_TZ = 0;
    private static final int T_LOCAL = 1;
    private static final int T_DATE = 2;
    private static final int T_EPOCH = 3;
    private static final int T_TEXT = 4;

    private static void read(ResultSet rs, BarRows rows) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        if (md.getColumnCount() != 6) {
            throw new DataException(rows.where() + ": the result has " + md.getColumnCount()
                    + " columns; expected ts, open, high, low, close, volume");
        }
        int tsKind = timeKind(md, rows);
        for (int i = 2; i <= 6; i++) {
            if (!numeric(md.getColumnType(i))) {
                throw new DataException(rows.where() + ": column " + COLS[i - 1] + " has type " + md.getColumnTypeName(i)
                        + "; expected a number (double precision, real, numeric, integer)");
            }
        }
        double[] x = new double[5];
        long row = 0;
        rowLoop:
        while (rs.next()) {
            row++;
            long t;
            switch (tsKind) {
                case T_TZ -> {
                    OffsetDateTime v = rs.getObject(1, OffsetDateTime.class);
                    t = v == null ? Long.MIN_VALUE : v.toInstant().toEpochMilli();
                }
                case T_LOCAL -> {
                    LocalDateTime v = rs.getObject(1, LocalDateTime.class);
                    t = v == null ? Long.MIN_VALUE : v.toInstant(ZoneOffset.UTC).toEpochMilli();
                }
                case T_DATE -> {
                    LocalDate v = rs.getObject(1, LocalDate.class);
                    t = v == null ? Long.MIN_VALUE : v.toEpochDay() * 86_400_000L;
                }
                case T_EPOCH -> {
                    long v = rs.getLong(1);
                    t = rs.wasNull() ? Long.MIN_VALUE : rows.parseTime(row, Long.toString(v));
                    if (t == Long.MIN_VALUE && !rs.wasNull()) {
                        continue;
                    }
                }
                default -> {
                    String v = rs.getString(1);
                    if (v == null) {
                        t = Long.MIN_VALUE;
                    } else {
                        t = rows.parseTime(row, v);
                        if (t == Long.MIN_VALUE) {
                            continue;
                        }
                    }
                }
            }
            if (t == Long.MIN_VALUE) {
                rows.reject(row, "ts", "NULL", ValidationRule.TIMESTAMP, "NULL timestamp");
                continue;
            }
            for (int i = 0; i < 5; i++) {
                x[i] = rs.getDouble(i + 2);
                if (rs.wasNull()) {
                    rows.reject(row, COLS[i + 1], "NULL", ValidationRule.NUMBER, "NULL value at " + java.time.Instant.ofEpochMilli(t));
                    continue rowLoop;
                }
            }
            rows.add(row, t, x[0], x[1], x[2], x[3], x[4]);
        }
    }

    private static int timeKind(ResultSetMetaData md, BarRows rows) throws SQLException {
        int type = md.getColumnType(1);
        String name = md.getColumnTypeName(1).toLowerCase(Locale.ROOT);
        if (type == Types.TIMESTAMP_WITH_TIMEZONE || name.contains("timestamptz") || name.contains("with time zone")) {
            return T_TZ;
        }
        if (type == Types.TIMESTAMP) {
            return T_LOCAL;
        }
        if (type == Types.DATE) {
            return T_DATE;
        }
        if (type == Types.BIGINT || type == Types.INTEGER) {
            return T_EPOCH;
        }
        if (type == Types.VARCHAR || type == Types.CHAR || type == Types.LONGVARCHAR || type == Types.NVARCHAR) {
            return T_TEXT;
        }
        throw new DataException(rows.where() + ": column ts has type " + md.getColumnTypeName(1)
                + "; expected timestamp with time zone, timestamp, date, bigint epoch milliseconds or text");
    }

    private static boolean numeric(int type) {
        return switch (type) {
            case Types.DOUBLE, Types.FLOAT, Types.REAL, Types.NUMERIC, Types.DECIMAL, Types.INTEGER, Types.BIGINT,
                    Types.SMALLINT, Types.TINYINT -> true;
            default -> false;
        };
    }

    @Override
    public Set<Timeframe> timeframes(Symbol symbol) {
        Set<Timeframe> out = EnumSet.noneOf(Timeframe.class);
        if (kind == Kind.PARQUET_FILES) {
            for (Timeframe tf : Timeframe.values()) {
                if (Files.isRegularFile(file(symbol, tf))) {
                    out.add(tf);
                }
            }
            return out;
        }
        for (String label : strings("timeframe", symbol)) {
            for (Timeframe tf : Timeframe.values()) {
                if (tf.label().equals(label)) {
                    out.add(tf);
                }
            }
        }
        return out;
    }

    /** @return the symbols the source holds, sorted (a query source cannot list them: empty) */
    @Override
    public List<Symbol> symbols() {
        Set<Symbol> out = new TreeSet<>();
        if (kind == Kind.PARQUET_FILES) {
            for (Path p : perFile(dir)) {
                String stem = p.getFileName().toString().replaceFirst("\\.parquet$", "");
                out.add(Symbol.of(stem.substring(0, stem.lastIndexOf('_'))));
            }
        } else {
            for (String s : strings("symbol", null)) {
                if (SafeNames.isSafe(s, Symbol.MAX_LENGTH)) {
                    out.add(Symbol.of(s));
                }
            }
        }
        return List.copyOf(out);
    }

    private List<String> strings(String column, Symbol symbol) {
        String from = switch (kind) {
            case TABLE -> target;
            case PARQUET_DATASET -> "read_parquet(?)";
            default -> null;
        };
        List<String> out = new ArrayList<>();
        if (from == null) {
            if (symbol != null) {
                // A query cannot be listed: probe each timeframe for one row.
                for (Timeframe tf : Timeframe.values()) {
                    try (Connection c = jdbc.open(); PreparedStatement ps = prepare(c, symbol, tf)) {
                        ps.setMaxRows(1);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                out.add(tf.label());
                            }
                        }
                        c.commit();
                    } catch (SQLException e) {
                        throw new DataException(description() + ": " + jdbc.scrub(e.getMessage()));
                    }
                }
            }
            return out;
        }
        String sql = "SELECT DISTINCT " + column + " FROM " + from + (symbol == null ? "" : " WHERE symbol = ?");
        try (Connection c = jdbc.open(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (kind == Kind.PARQUET_DATASET) {
                ps.setString(i++, dir.resolve("*.parquet").toString());
            }
            if (symbol != null) {
                ps.setString(i, symbol.value());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next() && out.size() < 100_000) {
                    out.add(rs.getString(1));
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new DataException(description() + ": " + jdbc.scrub(e.getMessage()));
        }
        return out;
    }

    private Path file(Symbol symbol, Timeframe timeframe) {
        return dir.resolve(symbol.value() + "_" + timeframe.label() + ".parquet");
    }

    private static List<Path> perFile(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                if (!n.endsWith(".parquet")) {
                    return false;
                }
                String stem = n.substring(0, n.length() - 8);
                int us = stem.lastIndexOf('_');
                if (us <= 0) {
                    return false;
                }
                String tf = stem.substring(us + 1);
                return Stream.of(Timeframe.values()).anyMatch(t -> t.label().equals(tf));
            }).sorted().toList();
        } catch (IOException e) {
            throw new DataException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }
}
