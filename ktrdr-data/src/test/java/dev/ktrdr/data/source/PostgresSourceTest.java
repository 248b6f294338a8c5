package dev.ktrdr.data.source;

import static dev.ktrdr.data.source.SqlBarSourceTest.SYM;
import static dev.ktrdr.data.source.SqlBarSourceTest.assertBitwise;
import static dev.ktrdr.data.source.SqlBarSourceTest.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.data.ValidationPolicy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a real PostgreSQL server: {@code .ci/run} starts a throw-away cluster and sets
 * {@code KTRDR_TEST_PG_URL}, {@code KTRDR_TEST_PG_USER}, {@code KTRDR_TEST_PG_PASSWORD}; skipped without them.
 */
class PostgresSourceTest {
    private String url;
    private Map<String, String> env;

    @BeforeEach
    void server() {
        url = System.getenv("KTRDR_TEST_PG_URL");
        assumeTrue(url != null && !url.isBlank(), "KTRDR_TEST_PG_URL is not set");
        env = new HashMap<>();
        env.put("KTRDR_JDBC_USER", System.getenv("KTRDR_TEST_PG_USER"));
        env.put("KTRDR_JDBC_PASSWORD", System.getenv("KTRDR_TEST_PG_PASSWORD"));
    }

    private Jdbc jdbc() {
        return Jdbc.of(url, env.get("KTRDR_JDBC_USER"), env.get("KTRDR_JDBC_PASSWORD"));
    }

    private void exec(String... sql) throws Exception {
        try (Connection c = jdbc().open(); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
            c.commit();
        }
    }

    private ListedBars open(String table) {
        return DataSources.open(url, new DataSources.Options(table, null, ValidationPolicy.STRICT), env);
    }

    @Test
    void sameBarsAsCsvWhateverTheSessionTimeZone() throws Exception {
        BarSeries h1 = series(Timeframe.H1, 3000);
        exec("DROP TABLE IF EXISTS bars_same");
        BarSinks.writeTable(jdbc(), "bars_same", h1);
        assertBitwise(h1, open("bars_same").load(SYM, Timeframe.H1));
        // A session in New York reads the same instants from timestamptz.
        Map<String, String> ny = new HashMap<>(env);
        java.nio.file.Path props = java.nio.file.Files.createTempFile("pg", ".properties");
        java.nio.file.Files.writeString(props, "options=-c TimeZone=America/New_York\n");
        ny.put("KTRDR_JDBC_PROPERTIES", props.toString());
        assertBitwise(h1, DataSources.open(url, new DataSources.Options("bars_same", null, ValidationPolicy.STRICT), ny)
                .load(SYM, Timeframe.H1));
        java.nio.file.Files.delete(props);
        assertThat(open("bars_same").timeframes(SYM)).containsExactly(Timeframe.H1);
        assertThat(open("bars_same").symbols()).containsExactly(SYM);
    }

    @Test
    void numericAndZoneLessTimestampColumnsAsUsersHaveThem() throws Exception {
        exec("DROP TABLE IF EXISTS bars_types",
                "CREATE TABLE bars_types (symbol text, timeframe text, ts timestamp, open numeric(18,8), high numeric(18,8), low real, close double precision, volume bigint)",
                "INSERT INTO bars_types VALUES ('BTCUSD', '1h', '2021-01-01 01:00', 1.1, 1.5, 1.0, 1.2, 10), ('BTCUSD', '1h', '2021-01-01 00:00', 1.0, 1.2, 0.5, 1.1, 7)");
        BarSeries s = open("bars_types").load(SYM, Timeframe.H1);
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.openTime(0)).isEqualTo(java.time.Instant.parse("2021-01-01T00:00:00Z").toEpochMilli());
        assertThat(s.open(1)).isEqualTo(1.1);
        assertThat(s.low(0)).isEqualTo(0.5);
        assertThat(s.volume(1)).isEqualTo(10.0);
    }

    @Test
    void badInputBadCredentialsMissingTableNoRows() throws Exception {
        exec("DROP TABLE IF EXISTS bars_bad",
                "CREATE TABLE bars_bad (symbol text, timeframe text, ts timestamptz, open double precision, high double precision, low double precision, close double precision, volume double precision)",
                "INSERT INTO bars_bad VALUES ('BTCUSD', '1h', '2021-01-01T00:00:00Z', 1, 2, 1, 1, 5), ('BTCUSD', '1h', '2021-01-01T00:00:00+00', 1, 2, 1, 1, 6),"
                        + " ('ETHUSD', '1h', '2021-01-01T00:00:00Z', 1, NULL, 1, 1, 5)");
        assertThatThrownBy(() -> open("bars_bad").load(SYM, Timeframe.H1)).isInstanceOf(DataException.class)
                .hasMessageContaining("table bars_bad BTCUSD 1h row 2: timestamp '2021-01-01T00:00:00Z' breaks rule duplicate: same timestamp as row 1");
        assertThatThrownBy(() -> open("bars_bad").load(dev.ktrdr.api.Symbol.of("ETHUSD"), Timeframe.H1)).isInstanceOf(DataException.class)
                .hasMessageContaining("table bars_bad ETHUSD 1h row 1: high 'NULL' breaks rule number");
        assertThatThrownBy(() -> open("bars_bad").load(SYM, Timeframe.D1)).isInstanceOf(DataException.class)
                .hasMessageEndingWith("table bars_bad BTCUSD 1d: the source returned no rows");
        assertThatThrownBy(() -> open("no_such_table").load(SYM, Timeframe.H1)).isInstanceOf(DataException.class)
                .hasMessageContaining("table no_such_table BTCUSD 1h:").hasMessageContaining("no_such_table")
                .hasMessageContaining("does not exist");
        exec("DROP TABLE IF EXISTS bars_text",
                "CREATE TABLE bars_text (symbol text, timeframe text, ts timestamptz, open text, high double precision, low double precision, close double precision, volume double precision)",
                "INSERT INTO bars_text VALUES ('BTCUSD', '1h', '2021-01-01T00:00:00Z', '1', 2, 1, 1, 5)");
        assertThatThrownBy(() -> open("bars_text").load(SYM, Timeframe.H1)).isInstanceOf(DataException.class)
                .hasMessageContaining("column open has type text; expected a number");

        Map<String, String> bad = new HashMap<>(env);
        String secret = "Wr0ng-s3cret-" + System.nanoTime();
        bad.put("KTRDR_JDBC_PASSWORD", secret);
        assertThatThrownBy(() -> DataSources.open(url, DataSources.Options.DEFAULTS, bad).load(SYM, Timeframe.H1))
                .isInstanceOf(DataException.class)
                .satisfies(e -> {
                    assertThat(e.getMessage()).doesNotContain(secret).doesNotContain("\n")
                            .startsWith(Jdbc.describe(url) + ": cannot connect: ").contains("password authentication failed");
                    assertThat(String.valueOf(e.getCause())).doesNotContain(secret);
                });
        Properties none = DataSources.credentials(Map.of());
        assertThat(none).isEmpty();
    }
}
