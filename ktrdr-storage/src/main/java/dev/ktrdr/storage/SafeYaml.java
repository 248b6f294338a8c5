package dev.ktrdr.storage;

import dev.ktrdr.api.ConfigurationException;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads untrusted YAML (a stored or legacy {@code strategy.yaml}) into plain maps and lists with limits:
 * at most {@link #MAX_CHARS} characters, nesting depth {@link #MAX_DEPTH}, {@link #MAX_ALIASES} aliases
 * for collections (an alias bomb, "billion laughs", is refused at once instead of expanding), no
 * duplicate keys. Nothing is instantiated from tags: values are maps, lists, strings, numbers and
 * booleans only.
 *
 * <p>Parsed with SnakeYAML's composer and {@link SafeConstructor} (a direct dependency of ktrdr-storage):
 * Jackson's YAML parser does not resolve aliases to collections (it returns the
 * anchor name as a string), so it can neither enforce the alias limit nor give the right data.
 * Stateless and thread-safe (a parser is built per call; SnakeYAML's {@code Yaml} is not thread-safe).
 */
public final class SafeYaml {
    /** Largest document accepted, in characters. */
    public static final int MAX_CHARS = 4 * 1024 * 1024;
    /** Deepest nesting accepted. */
    public static final int MAX_DEPTH = 50;
    /** Most aliases to collections accepted. */
    public static final int MAX_ALIASES = 50;

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
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CHARS);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        Object tree;
        try {
            tree = new Yaml(new SafeConstructor(options), new org.yaml.snakeyaml.representer.Representer(
                    new org.yaml.snakeyaml.DumperOptions()), new org.yaml.snakeyaml.DumperOptions(), options).load(text);
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : LimitedJson.firstLine(e.getMessage());
            throw new ConfigurationException("", source + ": refused: " + m, e);
        }
        if (!(tree instanceof Map)) {
            throw new ConfigurationException("", source + ": the document is not a YAML mapping");
        }
        return (Map<String, Object>) tree;
    }
}
