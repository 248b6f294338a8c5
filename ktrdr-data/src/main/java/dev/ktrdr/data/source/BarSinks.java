package dev.ktrdr.data.source;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.internal.SafeNames;
import dev.ktrdr.api.Symbol;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Writes bars where {@link SqlBarSource} reads them: a {@code SYMBOL_TF.parquet} file (through DuckDB in
 * memory, {@code ts} as timestamp with time zone, prices and volume as double) or the rows of one symbol
 * and timeframe in a database table (created when missing with the default layout; the symbol's rows of
 * that timeframe are replaced in one transaction). Values are bound as doubles, so a series read back is
 * bitwise identical.
 */
public final class BarSinks {
    private static final Pattern IDENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}(\\.[A-Za-z_][A-Za-z0-9_]{0,62})?");
    private static final int BATCH = 5_000;

    private BarSinks() {
    }

    /**
     * @param dir the Parquet folder
     * @param series the bars
     * @return the file written ({@code dir/SYMBOL_TF.parquet}, written to a temporary sibling and moved)
     * @throws DataException when it cannot be written
     */
    public static Path writeParquet(Path dir, BarSeries series) {
        Symbol sym = series.symbol();
        SafeNames.require("symbol", sym.value(), Symbol.MAX_LENGTH);
        Path file = dir.resolve(sym.value() + "_" + series.timeframe().label() + ".parquet");
        Path tmp = dir.resolve(sym.value() + "_" + series.timeframe().label() + ".parquet.tmp");
        Jdbc jdbc = Jdbc.of("jdbc:duckdb:", null, null);
        try (Connection c = jdbc.open()) {
            try (Statement st = c.createStatement()) {
                st.execute("SET TimeZone = 'UTC'");
                st.execute("CREATE TEMP TABLE b (ts TIMESTAMPTZ, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume DOUBLE)");
            }
            insert(c, "INSERT INTO b VALUES (?, ?, ?, ?, ?, ?)", null, series);
            try (PreparedStatement ps = c.prepareStatement("COPY (SELECT * FROM b ORDER BY ts) TO ? (FORMAT parquet)")) {
                ps.setString(1, tmp.toString());
                ps.execute();
            } catch (SQLException e) {
                // Some versions refuse a parameter in COPY: fall back to a quoted literal of the checked path.
                try (Statement st = c.createStatement()) {
                    st.execute("COPY (SELECT * FROM b ORDER BY ts) TO '" + tmp.toString().replace("'", "''") + "' (FORMAT parquet)");
                }
            }
            c.commit();
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (SQLException | java.io.IOException e) {
            throw new DataException(file + ": cannot write: " + jdbc.scrub(e.getMessage()), e);
        }
        return file;
    }

    /**
     * @param jdbc the database
     * @param table the table (plain identifier)
     * @param series the bars (replacing the table's rows of that symbol and timeframe)
     * @throws DataException when it cannot be written (one line, no credential)
     */
    public static void writeTable(Jdbc jdbc, String table, BarSeries series) {
        if (!IDENT.matcher(table).matches()) {
            throw new DataException("table name is not a plain identifier ([A-Za-z_][A-Za-z0-9_]*, optionally schema.table)");
        }
        boolean pg = jdbc.url().startsWith("jdbc:postgresql:");
        try (Connection c = jdbc.open()) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE IF NOT EXISTS " + table + " (symbol VARCHAR(64) NOT NULL, timeframe VARCHAR(8) NOT NULL, ts "
                        + (pg ? "TIMESTAMPTZ" : "TIMESTAMP WITH TIME ZONE") + " NOT NULL, open DOUBLE PRECISION NOT NULL, high DOUBLE PRECISION NOT NULL, "
                        + "low DOUBLE PRECISION NOT NULL, close DOUBLE PRECISION NOT NULL, volume DOUBLE PRECISION NOT NULL)");
            }
            try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE symbol = ? AND timeframe = ?")) {
                del.setString(1, series.symbol().value());
                del.setString(2, series.timeframe().label());
                del.executeUpdate();
            }
            insert(c, "INSERT INTO " + table + " (symbol, timeframe, ts, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    series, series);
            c.commit();
        } catch (SQLException e) {
            throw new DataException(jdbc.description() + " table " + table + ": cannot write " + series.symbol() + " "
                    + series.timeframe() + ": " + jdbc.scrub(e.getMessage()));
        }
    }

    private static void insert(Connection c, String sql, BarSeries keyed, BarSeries s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int k = keyed != null ? 3 : 1;
            for (int i = 0; i < s.size(); i++) {
                if (keyed != null) {
                    // Every parameter is set per row: some drivers clear them after addBatch.
                    ps.setString(1, keyed.symbol().value());
                    ps.setString(2, keyed.timeframe().label());
                }
                ps.setObject(k, OffsetDateTime.ofInstant(Instant.ofEpochMilli(s.openTime(i)), ZoneOffset.UTC));
                ps.setDouble(k + 1, s.open(i));
                ps.setDouble(k + 2, s.high(i));
                ps.setDouble(k + 3, s.low(i));
                ps.setDouble(k + 4, s.close(i));
                ps.setDouble(k + 5, s.volume(i));
                ps.addBatch();
                if ((i + 1) % BATCH == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
    }
}
