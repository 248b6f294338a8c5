package dev.ktrdr.data.source;

import dev.ktrdr.api.DataException;
import dev.ktrdr.api.io.StrictText;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.data.SymbolRegistry;
import dev.ktrdr.data.ValidationPolicy;
import dev.ktrdr.data.actions.CorporateActions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Opens a bar source from a URI, the one factory shared by the CLI and hosts:
 * <ul>
 *   <li>{@code DIR} or {@code csv:DIR}: a folder of {@code SYMBOL_TF.csv[.gz]} files ({@link DataFolder});</li>
 *   <li>{@code parquet:DIR}: Parquet files read by DuckDB's embedded engine ({@link SqlBarSource#parquet});</li>
 *   <li>{@code duckdb:FILE}: a DuckDB database file, opened read-only, table {@code bars} by default;</li>
 *   <li>{@code jdbc:...}: any JDBC database (PostgreSQL built in), table {@code bars} by default.</li>
 * </ul>
 * Credentials never come from the URI text shown in messages; they are read from the environment:
 * {@code KTRDR_JDBC_USER} (else {@code PGUSER}), {@code KTRDR_JDBC_PASSWORD} (else {@code PGPASSWORD}),
 * or a properties file named by {@code KTRDR_JDBC_PROPERTIES} (keys {@code user}, {@code password}
 * and any driver property). The table is {@link Options#table()} and a query replaces it.
 *
 * <p>A CSV or Parquet folder with a {@code corporate_actions.csv} is back-adjusted by it
 * ({@link CorporateActions}); without the file, bars are used as stored.
 */
public final class DataSources {
    private DataSources() {
    }

    /**
     * How to read a database source.
     *
     * @param table the table ({@code bars} by default)
     * @param query a SQL query with {@code :symbol}, {@code :timeframe}, {@code :from}, {@code :to}, or null
     * @param policy STRICT or REPAIR
     */
    public record Options(String table, String query, ValidationPolicy policy) {
        /** The defaults: table {@code bars}, no query, STRICT. */
        public static final Options DEFAULTS = new Options("bars", null, ValidationPolicy.STRICT);

        /** Checks presence. */
        public Options {
            Objects.requireNonNull(table, "table");
            Objects.requireNonNull(policy, "policy");
        }
    }

    /**
     * Opens with the defaults and the process environment.
     *
     * @param uri the source URI
     * @return the source
     * @throws DataException when the source cannot be opened (one line, no credential)
     */
    public static ListedBars open(String uri) {
        return open(uri, Options.DEFAULTS, System.getenv());
    }

    /**
     * @param uri the source URI
     * @param options table, query, validation policy
     * @param env where credentials are read from
     * @return the source
     * @throws DataException when the source cannot be opened (one line, no credential)
     */
    public static ListedBars open(String uri, Options options, Map<String, String> env) {
        return open(uri, options, env, null);
    }

    /**
     * @param uri the source URI
     * @param options table, query, validation policy
     * @param env where credentials are read from
     * @param registry symbol information (calendars, asset classes); null for the default: the
     *     {@code symbols.csv} of a CSV or Parquet folder, else {@link SymbolRegistry#defaults()}
     * @return the source
     * @throws DataException when the source cannot be opened (one line, no credential)
     */
    public static ListedBars open(String uri, Options options, Map<String, String> env, SymbolRegistry registry) {
        Objects.requireNonNull(uri, "uri");
        if (uri.length() > 4096) {
            throw new DataException("the data source URI is longer than 4096 characters");
        }
        if (uri.startsWith("parquet:")) {
            Path dir = Path.of(uri.substring(8));
            return CorporateActions.load(dir).adjusting(
                    SqlBarSource.parquet(dir, registry != null ? registry : SymbolRegistry.load(dir), options.policy()));
        }
        if (uri.startsWith("duckdb:")) {
            Path file = Path.of(uri.substring(7));
            if (!Files.isRegularFile(file)) {
                throw new DataException(file + ": no such DuckDB database file");
            }
            Properties p = new Properties();
            p.setProperty("duckdb.read_only", "true");
            p.setProperty(Jdbc.DUCKDB_STREAM_RESULTS, "true");
            Jdbc jdbc = new Jdbc("jdbc:duckdb:" + file, p, "duckdb:" + file);
            return sql(jdbc, options, registry);
        }
        if (uri.startsWith("jdbc:")) {
            return sql(new Jdbc(uri, credentials(env), Jdbc.describe(uri)), options, registry);
        }
        String dir = uri.startsWith("csv:") ? uri.substring(4) : uri;
        Path folder = Path.of(dir);
        if (!Files.isDirectory(folder)) {
            throw new DataException(folder + ": not a directory (a data source is DIR, csv:DIR, parquet:DIR, duckdb:FILE or jdbc:...)");
        }
        return CorporateActions.load(folder).adjusting(
                ListedBars.of(new DataFolder(folder, registry != null ? registry : SymbolRegistry.load(folder), options.policy())));
    }

    private static ListedBars sql(Jdbc jdbc, Options options, SymbolRegistry registry) {
        SymbolRegistry r = registry != null ? registry : SymbolRegistry.defaults();
        return options.query() != null ? SqlBarSource.query(jdbc, options.query(), r, options.policy())
                : SqlBarSource.table(jdbc, options.table(), r, options.policy());
    }

    /**
     * The connection properties from the environment (see the class comment).
     *
     * @param env the environment
     * @return user, password and any driver property
     * @throws DataException when the properties file cannot be read
     */
    public static Properties credentials(Map<String, String> env) {
        Properties p = new Properties();
        String file = env.get("KTRDR_JDBC_PROPERTIES");
        if (file != null && !file.isBlank()) {
            Path f = Path.of(file);
            try (InputStream in = Files.newInputStream(f)) {
                if (Files.size(f) > 65_536) {
                    throw new DataException(f + ": the JDBC properties file is larger than 64 KiB");
                }
                p.load(in);
            } catch (IOException e) {
                throw new DataException(f + ": cannot read the JDBC properties file: " + StrictText.printable(String.valueOf(e.getMessage())));
            }
        }
        String user = first(env, "KTRDR_JDBC_USER", "PGUSER");
        String password = first(env, "KTRDR_JDBC_PASSWORD", "PGPASSWORD");
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    private static String first(Map<String, String> env, String a, String b) {
        String v = env.get(a);
        return v != null ? v : env.get(b);
    }
}
