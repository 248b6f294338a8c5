package dev.ktrdr.data.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.data.SymbolRegistry;
import dev.ktrdr.data.ValidationPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One validation path: the same bad rows read from a CSV file, a Parquet file (DuckDB) and a PostgreSQL
 * query (when {@code KTRDR_TEST_PG_URL} is set) fail under STRICT with the same rule and the same
 * wording; only the location differs ({@code FILE:LINE} against {@code SOURCE SYMBOL TF row N}, the
 * CSV line being the row plus the header).
 */
class SameErrorEverySourceTest {
    private static final Symbol SYM = Symbol.of("BTCUSD");
    private static final Pattern CSV = Pattern.compile("^(.*BTCUSD_1h\\.csv):(\\d+): (.*)$");
    private static final Pattern SQL = Pattern.compile("^(.*) BTCUSD 1h row (\\d+): (.*)$");

    @TempDir
    Path tmp;

    /** One case: rows {@code ts,open,high,low,close,volume} in source order, and the rule expected. */
    private record Case(String name, String rule, int row, String... rows) {
    }

    private static final String OK1 = "2021-01-01T00:00:00Z,100,101,99,100,5";
    private static final String OK2 = "2021-01-01T01:00:00Z,100,101,99,100,5";
    private static final String OK3 = "2021-01-01T02:00:00Z,100,101,99,100,5";

    private static final List<Case> CASES = List.of(
            new Case("high-below-low", "high-below-low", 2, OK1, "2021-01-01T01:00:00Z,1.0,0.5,1.0,1.0,5"),
            new Case("price-range", "price-range", 2, OK1, "2021-01-01T01:00:00Z,100,2.0E13,99,100,5"),
            new Case("price-positive", "price-positive", 3, OK1, OK2, "2021-01-01T02:00:00Z,-1.5,101,99,100,5"),
            new Case("volume", "volume", 2, OK1, "2021-01-01T01:00:00Z,100,101,99,100,-3.0"),
            new Case("volume-range", "volume", 2, OK1, "2021-01-01T01:00:00Z,100,101,99,100,1.0E16"),
            new Case("timestamp-range", "timestamp-range", 2, OK1, "2150-01-01T00:00:00Z,100,101,99,100,5"),
            new Case("grid", "grid", 2, OK1, "2021-01-01T01:30:00Z,100,101,99,100,5"),
            new Case("duplicate", "duplicate", 3, OK1, OK2, "2021-01-01T01:00:00Z,100,102,99,100,5"),
            new Case("sorted", "sorted", 3, OK1, OK3, OK2),
            new Case("spike", "spike", 3, OK1, OK2, "2021-01-01T02:00:00Z,100,20000.0,99,100,5",
                    "2021-01-01T03:00:00Z,100,101,99,100,5", "2021-01-01T04:00:00Z,100,101,99,100,5"),
            new Case("gap", "gap", 2, OK1, "2022-06-01T00:00:00Z,100,101,99,100,5"));

    @Test
    void theSameBadRowsGiveTheSameErrorThroughCsvParquetAndPostgres() throws Exception {
        String pg = System.getenv("KTRDR_TEST_PG_URL");
        Jdbc pgJdbc = pg == null || pg.isBlank() ? null
                : Jdbc.of(pg, System.getenv("KTRDR_TEST_PG_USER"), System.getenv("KTRDR_TEST_PG_PASSWORD"));
        for (Case k : CASES) {
            Path dir = Files.createDirectories(tmp.resolve(k.name()));
            Path csv = dir.resolve("BTCUSD_1h.csv");
            Files.writeString(csv, "timestamp,open,high,low,close,volume\n" + String.join("\n", k.rows()) + "\n");
            DataException viaCsv = catchThrowableOfType(DataException.class, () -> CsvBars.read(csv, SYM, Timeframe.H1));
            Matcher cm = CSV.matcher(viaCsv.getMessage());
            assertThat(cm.matches()).as(k.name() + ": " + viaCsv.getMessage()).isTrue();
            assertThat(Long.parseLong(cm.group(2))).as(k.name()).isEqualTo(k.row() + 1);
            assertThat(cm.group(3)).as(k.name()).contains("breaks rule " + k.rule() + ":");
            String expected = csvToRows(cm.group(3));

            Path pq = Files.createDirectories(tmp.resolve(k.name() + "-pq"));
            try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
                st.execute("SET TimeZone = 'UTC'");
                st.execute("CREATE TABLE b (seq INTEGER, ts TIMESTAMPTZ, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume DOUBLE)");
                st.execute("INSERT INTO b VALUES " + values(k.rows()));
                st.execute("COPY (SELECT ts, open, high, low, close, volume FROM b ORDER BY seq) TO '"
                        + pq.resolve("BTCUSD_1h.parquet") + "' (FORMAT parquet)");
            }
            DataException viaParquet = catchThrowableOfType(DataException.class,
                    () -> SqlBarSource.parquet(pq, ValidationPolicy.STRICT).load(SYM, Timeframe.H1));
            check(k, viaParquet, "BTCUSD_1h.parquet", expected);

            if (pgJdbc != null) {
                String table = "same_error_" + k.name().replace('-', '_');
                try (Connection c = pgJdbc.open(); Statement st = c.createStatement()) {
                    st.execute("DROP TABLE IF EXISTS " + table);
                    st.execute("CREATE TABLE " + table + " (seq integer, symbol text, timeframe text, ts timestamptz,"
                            + " open double precision, high double precision, low double precision, close double precision, volume double precision)");
                    st.execute("INSERT INTO " + table + " SELECT seq, 'BTCUSD', '1h', ts::timestamptz, open, high, low, close, volume FROM (VALUES "
                            + values(k.rows()) + ") AS v(seq, ts, open, high, low, close, volume)");
                    c.commit();
                }
                SqlBarSource q = SqlBarSource.query(pgJdbc, "SELECT ts, open, high, low, close, volume FROM " + table
                        + " WHERE symbol = :symbol AND timeframe = :timeframe ORDER BY seq", SymbolRegistry.defaults(), ValidationPolicy.STRICT);
                DataException viaPg = catchThrowableOfType(DataException.class, () -> q.load(SYM, Timeframe.H1));
                check(k, viaPg, Jdbc.describe(pg) + " query", expected);
            }
        }
    }

    private static void check(Case k, DataException e, String source, String expected) {
        assertThat(e).as(k.name()).isNotNull();
        Matcher m = SQL.matcher(e.getMessage());
        assertThat(m.matches()).as(k.name() + ": " + e.getMessage()).isTrue();
        assertThat(m.group(1)).as(k.name()).contains(source);
        assertThat(Long.parseLong(m.group(2))).as(k.name()).isEqualTo(k.row());
        assertThat(m.group(3)).as(k.name()).isEqualTo(expected);
    }

    /** The CSV message's citations of other lines, as rows (line = row + 1). */
    private static String csvToRows(String s) {
        Matcher m = Pattern.compile("\\blines? (\\d+)(?: to (\\d+))?").matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String r = (m.group(2) == null ? "row " : "rows ") + (Long.parseLong(m.group(1)) - 1)
                    + (m.group(2) == null ? "" : " to " + (Long.parseLong(m.group(2)) - 1));
            m.appendReplacement(out, r);
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String values(String[] rows) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            String[] f = rows[i].split(",");
            out.add("(" + (i + 1) + ", '" + f[0] + "', " + f[1] + ", " + f[2] + ", " + f[3] + ", " + f[4] + ", " + f[5] + ")");
        }
        return String.join(", ", out);
    }
}
