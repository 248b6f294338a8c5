package dev.ktrdr.examples.cli.data;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.data.ValidationPolicy;
import dev.ktrdr.data.source.DataSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The shared {@code --data-dir DIR | --data URI} options of the commands that read bars, opened through
 * {@link DataSources}: {@code DIR}/{@code csv:DIR}, {@code parquet:DIR}, {@code duckdb:FILE} or
 * {@code jdbc:...} with credentials from {@code KTRDR_JDBC_USER}/{@code KTRDR_JDBC_PASSWORD}
 * ({@code PGUSER}/{@code PGPASSWORD}) or the properties file named by {@code KTRDR_JDBC_PROPERTIES}.
 */
public final class DataSourceOptions {
    @Option(names = "--data-dir", paramLabel = "DIR", description = "folder of {SYMBOL}_{tf}.csv[.gz] files")
    Path dataDir;

    @Option(names = "--data", paramLabel = "URI",
            description = "bar source: DIR, csv:DIR, parquet:DIR, duckdb:FILE or jdbc:postgresql://HOST:PORT/DB "
                    + "(credentials from KTRDR_JDBC_USER/KTRDR_JDBC_PASSWORD, PGUSER/PGPASSWORD or KTRDR_JDBC_PROPERTIES)")
    String uri;

    @Option(names = "--data-table", paramLabel = "TABLE", description = "table of a database source (default: bars)")
    String table = "bars";

    @Option(names = "--data-query-file", paramLabel = "SQL",
            description = "file with the SQL of a database source, using :symbol, :timeframe, :from, :to")
    Path queryFile;

    /** @return the source URI given (a --data-dir becomes its path) */
    public String uri() {
        if ((dataDir == null) == (uri == null)) {
            throw new ConfigurationException("--data", "give exactly one of --data-dir DIR and --data URI");
        }
        return uri != null ? uri : dataDir.toString();
    }

    /**
     * @return the CSV folder when the source is one ({@code --data-dir DIR}, {@code --data DIR} or
     *     {@code --data csv:DIR}), for commands that check files as files; empty for Parquet and databases
     * @throws ConfigurationException when neither or both of --data-dir and --data are given
     */
    public java.util.Optional<Path> folder() {
        String u = uri();
        if (u.startsWith("parquet:") || u.startsWith("duckdb:") || u.startsWith("jdbc:")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(Path.of(u.startsWith("csv:") ? u.substring(4) : u));
    }

    /**
     * @return the opened source
     * @throws ConfigurationException when neither or both of --data-dir and --data are given
     */
    public ListedBars open() {
        String u = uri();
        String query = null;
        if (queryFile != null) {
            try {
                if (Files.size(queryFile) > 10_000) {
                    throw new ConfigurationException("--data-query-file", queryFile + " is larger than 10000 bytes");
                }
                query = Files.readString(queryFile);
            } catch (IOException e) {
                throw new ConfigurationException("--data-query-file", queryFile + ": cannot read: " + e.getMessage());
            }
        }
        return DataSources.open(u, new DataSources.Options(table, query, ValidationPolicy.STRICT), System.getenv());
    }
}
