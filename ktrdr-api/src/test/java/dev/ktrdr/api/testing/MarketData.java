package dev.ktrdr.api.testing;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;

/**
 * The real market data folder of the tests, named by the environment variable {@value #VARIABLE} (shared with the
 * other modules' tests through ktrdr-api's test jar). A relative value is resolved against the top-level project
 * folder (the system property {@value #ROOT_PROPERTY}, which Surefire sets to the folder Maven was started in), not
 * against each module's folder, so {@code KTRDR_MARKET_DATA=../shared/data/market mvn -B verify} works as written.
 */
public final class MarketData {
    /** The environment variable naming the folder. */
    public static final String VARIABLE = "KTRDR_MARKET_DATA";
    /** The system property holding the top-level project folder. */
    public static final String ROOT_PROPERTY = "ktrdr.project.root";

    private MarketData() {
    }

    /**
     * @return the folder, absolute and normalised; the calling test is skipped (JUnit assumption) when
     *     {@value #VARIABLE} is unset
     */
    public static Path folder() {
        Optional<Path> f = find();
        Assumptions.assumeTrue(f.isPresent(), VARIABLE + " is not set; real-data tests skipped");
        return f.orElseThrow();
    }

    /** @return the folder, absolute and normalised, or empty when {@value #VARIABLE} is unset or empty */
    public static Optional<Path> find() {
        String value = System.getenv(VARIABLE);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(resolve(value, System.getProperty(ROOT_PROPERTY)));
    }

    /**
     * @param value the variable's value, absolute or relative
     * @param root the top-level project folder, or null (or an unexpanded {@code ${...}}) when unknown: then the
     *     working directory stands in
     * @return {@code value} resolved against {@code root}, absolute and normalised
     */
    static Path resolve(String value, String root) {
        Path base = root == null || root.isBlank() || root.startsWith("${") ? Path.of("") : Path.of(root);
        return base.toAbsolutePath().resolve(value).normalize();
    }
}
