package dev.ktrdr.storage;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ktrdr.api.ConfigurationException;
import java.io.IOException;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads untrusted YAML (a stored or legacy {@code strategy.yaml}) into plain maps and lists with limits:
 * at most {@link #MAX_CHARS} characters, nesting depth {@link #MAX_DEPTH}, {@link #MAX_ALIASES} aliases
 * for collections (an alias bomb, "billion laughs", is refused at once instead of expanding), no
 * duplicate keys. Nothing is instantiated from tags: values are maps, lists, strings, numbers and
 * booleans only. Stateless and thread-safe.
 */
public final class SafeYaml {
    /** Largest document accepted, in characters. */
    public static final int MAX_CHARS = 4 * 1024 * 1024;
    /** Deepest nesting accepted. */
    public static final int MAX_DEPTH = 50;
    /** Most aliases to collections accepted. */
    public static final int MAX_ALIASES = 50;

    private static final ObjectMapper MAPPER;

    static {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CHARS);
        options.setAllowDuplicateKeys(false);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build();
        MAPPER = new ObjectMapper(factory);
    }

    private SafeYaml() {
    }

    /**
     * Parses a YAML document that must be a mapping.
     *
     * @param text the document
     * @param source where it came from (a file name), for messages
     * @return the mapping, in document order
     * @throws ConfigurationException naming the source when the text is too large, too deep, uses too many
     *     aliases, repeats a key, is malformed or is not a mapping
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> readMapping(String text, String source) {
        if (text.length() > MAX_CHARS) {
            throw new ConfigurationException("", source + ": " + text.length() + " characters is more than the "
                    + MAX_CHARS + " allowed");
        }
        Object tree;
        try {
            tree = MAPPER.readValue(text, Object.class);
        } catch (IOException | RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : LimitedJson.firstLine(e.getMessage());
            throw new ConfigurationException("", source + ": refused: " + m, e);
        }
        if (!(tree instanceof Map)) {
            throw new ConfigurationException("", source + ": the document is not a YAML mapping");
        }
        return (Map<String, Object>) tree;
    }
}
