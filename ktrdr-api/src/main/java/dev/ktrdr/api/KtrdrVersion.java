package dev.ktrdr.api;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this library, as built by Maven (for model metadata, provenance and
 * {@code ktrdr --version}).
 */
public final class KtrdrVersion {
    private static final String VERSION = load();

    private KtrdrVersion() {
    }

    /** @return the library version, e.g. {@code 0.1.0}; {@code "unknown"} if the build left no record */
    public static String get() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = KtrdrVersion.class.getResourceAsStream("ktrdr-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
