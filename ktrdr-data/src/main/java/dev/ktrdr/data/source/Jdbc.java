package dev.ktrdr.data.source;

import dev.ktrdr.api.DataException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * How to open a JDBC connection: the URL, the credentials kept apart from it, and a description
 * without any credential for messages. The driver class is chosen from the URL's scheme from a fixed
 * list (never from input text); a missing driver is one error naming the Maven artifact to add.
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
     * Fails with the artifact to add when the driver of a URL's scheme is not on the class path.
     *
     * @param url a JDBC URL
     * @throws DataException naming the artifact
     */
    static void requireDriver(String url) {
        String cls;
        String artifact;
        if (url.startsWith("jdbc:postgresql:")) {
            cls = "org.postgresql.Driver";
            artifact = POSTGRESQL_ARTIFACT;
        } else if (url.startsWith("jdbc:duckdb:")) {
            cls = "org.duckdb.DuckDBDriver";
            artifact = DUCKDB_ARTIFACT;
        } else {
            return; // other drivers register themselves through DriverManager's service loading
        }
        try {
            Class.forName(cls, false, Jdbc.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new DataException("no JDBC driver for " + url.substring(5, url.indexOf(':', 5))
                    + " on the class path; add the Maven dependency " + artifact);
        }
    }
}
