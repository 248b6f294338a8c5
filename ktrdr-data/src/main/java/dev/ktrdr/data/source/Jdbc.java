package dev.ktrdr.data.source;

import dev.ktrdr.api.DataException;
import dev.ktrdr.api.io.StrictText;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * How to open a JDBC connection: the URL, the credentials kept apart from it, and a description
 * without any credential for messages. The driver is whichever registered {@code java.sql.Driver}
 * accepts the URL ({@link DriverManager}'s service loading; no class is loaded by name); a missing
 * driver is one error naming the Maven artifact to add.
 * Credentials never appear in a message: the description drops the URL's query and user part, and any
 * driver message is scrubbed of the password before it is passed on.
 *
 * @param url the JDBC URL (may hold no password; use {@code properties})
 * @param properties connection properties ({@code user}, {@code password}, ...)
 * @param description the URL without query or user info
 */
public record Jdbc(String url, Properties properties, String description) {
    /** The artifact a host adds to read PostgreSQL. */
    public static final String POSTGRESQL_ARTIFACT = "org.postgresql:postgresql:42.7.13";
    /** The artifact a host adds to read Parquet or DuckDB files. */
    public static final String DUCKDB_ARTIFACT = "org.duckdb:duckdb_jdbc:1.4.4.0";

    /** DuckDB's connection property that streams a result instead of materialising it. */
    public static final String DUCKDB_STREAM_RESULTS = "jdbc_stream_results";

    /** Checks presence and copies the properties. */
    public Jdbc {
        Objects.requireNonNull(url, "url");
        Properties p = new Properties();
        p.putAll(Objects.requireNonNull(properties, "properties"));
        properties = p;
        Objects.requireNonNull(description, "description");
    }

    /**
     * @param url a JDBC URL
     * @param user the user, or null
     * @param password the password, or null
     * @return the connection settings, described without credentials
     */
    public static Jdbc of(String url, String user, String password) {
        Properties p = new Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        return new Jdbc(url, p, describe(url));
    }

    /**
     * @param url a JDBC URL
     * @return it without query string and user info ({@code jdbc:postgresql://host:5432/db})
     */
    public static String describe(String url) {
        String s = url;
        int q = s.indexOf('?');
        if (q >= 0) {
            s = s.substring(0, q);
        }
        int scheme = s.indexOf("//");
        int at = s.indexOf('@');
        if (scheme >= 0 && at > scheme) {
            s = s.substring(0, scheme + 2) + s.substring(at + 1);
        }
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    /**
     * Opens a connection with autocommit off (so that PostgreSQL streams with the fetch size).
     *
     * @return the connection
     * @throws DataException one line without credentials when the driver is missing or the server refuses
     */
    public Connection open() {
        requireDriver(url);
        try {
            Connection c = DriverManager.getConnection(url, properties);
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            throw new DataException(description + ": cannot connect: " + scrub(e.getMessage()));
        }
    }

    /**
     * @param message a driver message
     * @return its first line, with the password (if any) replaced by {@code ***}
     */
    public String scrub(String message) {
        String m = message == null ? "no message" : message.lines().findFirst().orElse("");
        String pw = properties.getProperty("password");
        if (pw != null && !pw.isEmpty()) {
            m = m.replace(pw, "***");
        }
        return m;
    }

    /**
     * Fails with one clear line when no registered driver accepts a URL. Drivers are found by
     * {@link DriverManager} itself, which loads every {@code java.sql.Driver} on the class path through
     * {@link java.util.ServiceLoader}; no class is loaded by name. For the two databases the library
     * documents, the message names the Maven artifact to add.
     *
     * @param url a JDBC URL
     * @throws DataException naming the scheme and, for PostgreSQL and DuckDB, the artifact
     */
    static void requireDriver(String url) {
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            int end = url.indexOf(':', 5);
            String scheme = url.substring(5, end > 5 ? Math.min(end, 45) : Math.min(url.length(), 45));
            String artifact = switch (scheme) {
                case "postgresql" -> POSTGRESQL_ARTIFACT;
                case "duckdb" -> DUCKDB_ARTIFACT;
                default -> null;
            };
            throw new DataException("no JDBC driver for " + StrictText.printable(scheme) + " on the class path; "
                    + (artifact != null ? "add the Maven dependency " + artifact
                    : "add the database's JDBC driver (drivers register themselves as java.sql.Driver services)"));
        }
    }
}
