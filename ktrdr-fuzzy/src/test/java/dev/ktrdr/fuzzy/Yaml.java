package dev.ktrdr.fuzzy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** Test helper: YAML text or files to the plain tree the parsers take. */
public final class Yaml {
    private static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory());

    private Yaml() {
    }

    /**
     * @param text YAML
     * @return the document as maps and lists
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String text) {
        try {
            return MAPPER.readValue(text, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file a YAML file
     * @return the document as maps and lists
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) {
        try {
            return MAPPER.readValue(file.toFile(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the shared strategies folder (../shared/strategies from the worktree, or KTRDR_STRATEGIES) */
    public static Path strategies() {
        String env = System.getenv("KTRDR_STRATEGIES");
        if (env != null) {
            return Path.of(env);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path c = p.resolveSibling("shared").resolve("strategies");
            if (java.nio.file.Files.isDirectory(c)) {
                return c;
            }
            p = p.getParent();
        }
        return Path.of("/work/shared/strategies");
    }
}
