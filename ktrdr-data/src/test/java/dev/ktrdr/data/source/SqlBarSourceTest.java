package dev.ktrdr.data.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.data.MultiTimeframeLoader;
import dev.ktrdr.data.ValidationPolicy;
import dev.ktrdr.data.ValidationRule;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlBarSourceTest {
    static final Symbol SYM = Symbol.of("BTCUSD");
    @TempDir
    Path tmp;

    static BarSeries series(Timeframe tf, int bars) {
        SyntheticMarket.SymbolSpec spec = new SyntheticMarket.SymbolSpec(SYM, dev.ktrdr.api.AssetClass.CRYPTO, 100, 0.3, 1000);
        return SyntheticMarket.generate(SyntheticMarket.Config.of(List.of(spec), tf, Instant.parse("2021-03-01T00:00:00Z"), bars, 7))
                .values().iterator().next();
    }

    static void assertBitwise(BarSeries a, BarSeries b) {
        assertThat(b.size()).isEqualTo(a.size());
        long[] ta = new long[a.size()];
        long[] tb = new long[b.size()];
        long[] ca = new long[a.size()];
        long[] cb = new long[b.size()];
        double[][] x = new double[10][a.size()];
        for (int i = 0; i < a.size(); i++) {
            ta[i] = a.openTime(i);
            tb[i] = b.openTime(i);
            ca[i] = a.closeTime(i);
            cb[i] = b.closeTime(i);
            x[0][i] = a.open(i);
            x[1][i] = b.open(i);
            x[2][i] = a.high(i);
            x[3][i] = b.high(i);
            x[4][i] = a.low(i);
            x[5][i] = b.low(i);
            x[6][i] = a.close(i);
            x[7][i] = b.close(i);
            x[8][i] = a.volume(i);
            x[9][i] = b.volume(i);
        }
        assertThat(tb).isEqualTo(ta);
        assertThat(cb).isEqualTo(ca);
        for (int k = 0; k < 10; k += 2) {
            assertThat(Arrays.equals(x[k], x[k + 1])).as("column %d bitwise", k / 2).isTrue();
        }
        assertThat(b.symbol()).isEqualTo(a.symbol());
        assertThat(b.timeframe()).isEqualTo(a.timeframe());
    }

    private Connection duck(Path file) throws Exception {
        return Jdbc.of("jdbc:duckdb:" + file, null, null).open();
    }

    private void exec(Path db, String... sql) throws Exception {
        try (Connection c = duck(db); Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            for (String s : sql) {
                st.execute(s);
            }
            c.commit();
        }
    }

    @Test
    void sameBarsThroughCsvParquetAndDuckdb() throws Exception {
        BarSeries h1 = series(Timeframe.H1, 2000);
        Path csv = tmp.resolve("csv");
        Path pq = tmp.resolve("pq");
        java.nio.file.Files.createDirectories(csv);
        java.nio.file.Files.createDirectories(pq);
        CsvBars.write(csv.resolve("BTCUSD_1h.csv.gz"), h1);
        BarSinks.writeParquet(pq, h1);
        Path db = tmp.resolve("bars.duckdb");
        BarSinks.writeTable(Jdbc.of("jdbc:duckdb:" + db, null, null), "bars", h1);

        BarSeries fromCsv = DataSources.open(csv.toString()).load(SYM, Timeframe.H1);
        assertBitwise(h1, fromCsv);
        assertBitwise(fromCsv, DataSources.open("parquet:" + pq).load(SYM, Timeframe.H1));
        assertBitwise(fromCsv, DataSources.open("duckdb:" + db).load(SYM, Timeframe.H1));

        // Multi-timeframe loading resamples the missing 4h and 1d the same way from every source.
        for (String uri : List.of(csv.toString(), "parquet:" + pq, "duckdb:" + db)) {
            ListedBars src = DataSources.open(uri);
            assertThat(src.timeframes(SYM)).containsExactly(Timeframe.H1);
            assertThat(src.symbols()).containsExactly(SYM);
            MultiTimeframeLoader.Loaded l = new MultiTimeframeLoader(src).load(SYM, List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1), Timeframe.H1);
            MultiTimeframeLoader.Loaded ref = new MultiTimeframeLoader(DataSources.open(csv.toString()))
                    .load(SYM, List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1), Timeframe.H1);
            assertBitwise(ref.bars().get(Timeframe.H4), l.bars().get(Timeframe.H4));
            assertBitwise(ref.bars().get(Timeframe.D1), l.bars().get(Timeframe.D1));
            assertThat(l.origins().get(Timeframe.D1)).startsWith("resampled from 1h");
        }
    }

    @Test
    void parquetDatasetWithSymbolAndTimeframeColumns() throws Exception {
        BarSeries h1 = series(Timeframe.H1, 300);
        Path db = tmp.resolve("x.duckdb");
        BarSinks.writeTable(Jdbc.of("jdbc:duckdb:" + db, null, null), "bars", h1);
        Path ds = tmp.resolve("ds");
        java.nio.file.Files.createDirectories(ds);
        exec(db, "COPY (SELECT * FROM bars ORDER BY ts DESC) TO '" + ds.resolve("part0.parquet") + "' (FORMAT parquet)");
        ListedBars src = DataSources.open("parquet:" + ds);
        assertThat(src.timeframes(SYM)).containsExactly(Timeframe.H1);
        assertBitwise(h1, src.load(SYM, Timeframe.H1));
    }

    @Test
    void queryWithNamedParameters() throws Exception {
        BarSeries h1 = series(Timeframe.H1, 300);
        Path db = tmp.resolve("q.duckdb");
        BarSinks.writeTable(Jdbc.of("jdbc:duckdb:" + db, null, null), "prices", h1);
        Properties p = new Properties();
        ListedBars src = DataSources.open("duckdb:" + db, new DataSources.Options("bars",
                "SELECT ts, open, high, low, close, volume FROM prices WHERE symbol = :symbol AND timeframe = :timeframe"
                        + " AND ts >= :from AND ts < :to ORDER BY ts", ValidationPolicy.STRICT), Map.of());
        assertBitwise(h1, src.load(SYM, Timeframe.H1));
        assertThat(src.timeframes(SYM)).containsExactly(Timeframe.H1);
        assertThat(p).isEmpty();
    }

    private DataException badTable(String create, String... inserts) throws Exception {
        Path db = tmp.resolve("bad" + System.nanoTime() + ".duckdb");
        String[] all = new String[inserts.length + 1];
        all[0] = create;
        System.arraycopy(inserts, 0, all, 1, inserts.length);
        exec(db, all);
        try {
            DataSources.open("duckdb:" + db).load(SYM, Timeframe.H1);
        } catch (DataException e) {
            return e;
        }
        throw new AssertionError("no error");
    }

    static final String TABLE = "CREATE TABLE bars (symbol VARCHAR, timeframe VARCHAR, ts TIMESTAMPTZ, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume DOUBLE)";

    @Test
    void badInputGetsTheCsvReadersQualityOfError() throws Exception {
        assertThat(badTable("CREATE TABLE bars (symbol VARCHAR, timeframe VARCHAR, ts TIMESTAMPTZ, open VARCHAR, high DOUBLE, low DOUBLE, close DOUBLE, volume DOUBLE)",
                "INSERT INTO bars VALUES ('BTCUSD', '1h', '2021-01-01T00:00:00Z', '1', 2, 1, 1, 5)").getMessage())
                .contains("table bars BTCUSD 1h").contains("column open has type VARCHAR; expected a number");
        assertThat(badTable(TABLE, "INSERT INTO bars VALUES ('BTCUSD', '1h', '2021-01-01T00:00:00Z', 1, 2, 1, 1, 5)",
                "INSERT INTO bars VALUES ('BTCUSD', '1h', '2021-01-01T01:00:00Z', 1, NULL, 1, 1, 5)").getMessage())
                .endsWith("table bars BTCUSD 1h row 2: high 'NULL' breaks rule number: NULL value at 2021-01-01T01:00:00Z");
        assertThat(badTable(TABLE, "INSERT INTO bars VALUES ('BTCUSD', '1h', '2021-01-01T00:00:00Z', 1, 2, 1, 1, 5)",
                "INSERT INTO bars VALUES ('BTCUSD', '1h', '2021-01-01T00:00:00Z', 1, 2, 1, 1, 6)").getMessage())
                .contains("row 2: timestamp '2021-01-01T00:00:00Z' breaks rule duplicate: same timestamp as row 1");
        assertThat(badTable(TABLE, "INSERT INTO bars VALUES ('BTCUSD', '1h', NULL, 1, 2, 1, 1, 5)").getMessage())
                .contains("row 1: ts 'NULL' breaks rule timestamp: NULL timestamp");
        assertThat(badTable(TABLE, "INSERT INTO bars VALUES ('BTCUSD', '1h', '2021-01-01T00:00:00Z', 1, 0.5, 1, 1, 5)").getMessage())
                .contains("row 1: high '0.5' breaks rule high-below-low");
        assertThat(badTable(TABLE).getMessage()).endsWith("table bars BTCUSD 1h: the source returned no rows");
        assertThat(badTable("CREATE TABLE other (x INT)").getMessage()).contains("table bars BTCUSD 1h:").contains("bars");
        // Text timestamps: the CSV reader's parser, and a column mixing zoned and zone-less values is refused.
        String text = "CREATE TABLE bars (symbol VARCHAR, timeframe VARCHAR, ts VARCHAR, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume DOUBLE)";
        assertThat(badTable(text, "INSERT INTO bars VALUES ('BTCUSD', '1h', '2021-01-01T00:00:00Z', 1, 2, 1, 1, 5)",
                "INSERT INTO bars VALUES ('BTCUSD', '1h', '2021-01-01T01:00:00', 1, 2, 1, 1, 5)").getMessage())
                .contains("row 2: timestamp '2021-01-01T01:00:00' breaks rule timestamp: mixed time zones");
        assertThat(badTable(text, "INSERT INTO bars VALUES ('BTCUSD', '1h', '1609459200', 1, 2, 1, 1, 5)").getMessage())
                .contains("row 1: timestamp '1609459200' breaks rule timestamp").contains("epoch seconds");
    }

    @Test
    void unsortedParquetRowsAreRefusedUnderStrictAndSortedUnderRepair() throws Exception {
        Path db = tmp.resolve("u.duckdb");
        Path pq = tmp.resolve("u");
        java.nio.file.Files.createDirectories(pq);
        exec(db, "CREATE TABLE b (ts TIMESTAMPTZ, open DOUBLE, high DOUBLE, low DOUBLE, close DOUBLE, volume DOUBLE)",
                "INSERT INTO b VALUES ('2021-01-01T01:00:00Z', 1, 2, 1, 1, 5), ('2021-01-01T00:00:00Z', 1, 2, 1, 1, 5), ('2021-01-01T00:00:00Z', 1, 3, 1, 1, 5)",
                "COPY b TO '" + pq.resolve("BTCUSD_1h.parquet") + "' (FORMAT parquet)");
        assertThatThrownBy(() -> DataSources.open("parquet:" + pq).load(SYM, Timeframe.H1)).isInstanceOf(DataException.class)
                .hasMessageContaining("BTCUSD_1h.parquet BTCUSD 1h row 2: timestamp '2021-01-01T00:00:00Z' breaks rule sorted: earlier than row 1");
        SqlBarSource repair = SqlBarSource.parquet(pq, ValidationPolicy.REPAIR);
        CsvBars.Loaded l = repair.loadWithReport(SYM, Timeframe.H1);
        assertThat(l.series().size()).isEqualTo(2);
        assertThat(l.series().high(0)).isEqualTo(2.0);
        // As the CSV reader: row 3 repeats row 2 and is dropped at once; row 2 is moved before row 1.
        assertThat(l.report().count(ValidationRule.UNSORTED)).isEqualTo(1);
        assertThat(l.report().count(ValidationRule.DUPLICATE)).isEqualTo(1);
        assertThat(l.report().issues().get(l.report().issues().size() - 1).line()).isEqualTo(3);
    }

    @Test
    void credentialsNeverAppearInErrorsAndUnsafeTableNamesAreRefused() {
        Jdbc j = Jdbc.of("jdbc:postgresql://u:secretpw@localhost:1/db?password=secretpw", "u", "secretpw");
        assertThat(j.description()).isEqualTo("jdbc:postgresql://localhost:1/db");
        assertThat(j.scrub("FATAL: bad secretpw\nmore")).isEqualTo("FATAL: bad ***");
        assertThatThrownBy(() -> SqlBarSource.table(j, "bars; DROP TABLE x", dev.ktrdr.data.SymbolRegistry.defaults(), ValidationPolicy.STRICT))
                .isInstanceOf(DataException.class).hasMessageContaining("not a plain identifier");
        assertThat(DataSources.credentials(Map.of("PGPASSWORD", "p1", "KTRDR_JDBC_USER", "me")))
                .containsEntry("user", "me").containsEntry("password", "p1");
    }

    @Test
    void aUrlNoRegisteredDriverAcceptsIsOneLineNamingTheSchemeAndNoCredential() {
        Jdbc j = Jdbc.of("jdbc:nosuchdb://u:pw-in-url@host/db", "u", "s3cret-pw");
        assertThatThrownBy(j::open).isInstanceOf(DataException.class)
                .hasMessage("no JDBC driver for nosuchdb on the class path; add the database's JDBC driver"
                        + " (drivers register themselves as java.sql.Driver services)");
        // The documented drivers are found by service loading (no class loaded by name).
        Jdbc.requireDriver("jdbc:postgresql://localhost:1/db");
        Jdbc.requireDriver("jdbc:duckdb:");
    }
}
