package dev.ktrdr.training.strategy;

import dev.ktrdr.api.io.StrictText;
import dev.ktrdr.api.io.FileRefusedException;
import dev.ktrdr.api.io.BoundedFiles;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.ktrdr.api.ConfigurationException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads strategy YAML into plain trees ({@code Map}, {@code List}, strings, numbers, booleans) with
 * safety limits, and writes trees back as YAML. Limits: at most {@value #MAX_CHARS} characters, nesting
 * depth {@value #MAX_DEPTH}, at most {@value #MAX_ALIASES} aliases for collections (an alias bomb is
 * refused before it expands; since Jackson would hand an alias over as its bare name, aliases are refused
 * outright), and duplicate keys are refused with their line. No typing is taken from the document
 * (no tags, no default typing): only plain values come out.
 *
 * <p>Stateless and thread-safe.
 */
public final class StrategyYaml {
    /** The largest document accepted, in characters. */
    public static final int MAX_CHARS = 1024 * 1024;
    /** The deepest nesting accepted. */
    public static final int MAX_DEPTH = 40;
    /** The most aliases for collections accepted. */
    public static final int MAX_ALIASES = 20;

    private static final ObjectMapper READER;
    private static final ObjectMapper WRITER;

    static {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit(MAX_CHARS);
        options.setAllowDuplicateKeys(false);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build()).build();
        READER = new ObjectMapper(factory);
        YAMLFactory out = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .build();
        WRITER = new ObjectMapper(out).disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    private StrategyYaml() {
    }

    /**
     * Parses YAML text into a tree.
     *
     * @param text the document
     * @param source where it came from (a file name), for messages
     * @return the top-level mapping, in document order
     * @throws ConfigurationException naming the source when the text is too large, malformed, not a
     *     mapping, too deep, has too many aliases or duplicate keys
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String text, String source) {
        if (text.length() > MAX_CHARS) {
            throw new ConfigurationException("", source + ": " + text.length() + " characters is more than the "
                    + MAX_CHARS + " allowed");
        }
        Object tree;
        try (JsonParser p = READER.getFactory().createParser(text)) {
            if (p.nextToken() == null) {
                throw new ConfigurationException("", source + ": the document is empty");
            }
            tree = value(p, source);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
            throw new ConfigurationException("", source + ": not valid YAML: " + StrictText.printable(m), e);
        }
        if (!(tree instanceof Map)) {
            throw new ConfigurationException("", source + ": the document is not a YAML mapping");
        }
        return (Map<String, Object>) tree;
    }

    // Jackson hands a YAML alias (*a) over as the plain string "a": a silently wrong value. The tree is
    // therefore built from the token stream here, refusing aliases and duplicate keys with their line.
    private static Object value(JsonParser p, String source) throws IOException {
        JsonToken t = p.currentToken();
        if (p instanceof YAMLParser y && y.isCurrentAlias()) {
            throw new ConfigurationException("", source + ": line " + p.currentLocation().getLineNr()
                    + ": YAML aliases (*" + StrictText.printable(p.getText()) + ") are not supported in strategy files; write the value out");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int line = p.currentLocation().getLineNr();
                    p.nextToken();
                    Object v = value(p, source);
                    if (m.containsKey(key)) {
                        throw new ConfigurationException("", source + ": line " + line + ": duplicate key '" + StrictText.printable(key) + "'");
                    }
                    m.put(key, v);
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p, source));
                }
                return l;
            }
            case VALUE_STRING: return p.getText();
            case VALUE_NUMBER_INT: return p.getNumberValue();
            case VALUE_NUMBER_FLOAT: return p.getDoubleValue();
            case VALUE_TRUE: return Boolean.TRUE;
            case VALUE_FALSE: return Boolean.FALSE;
            case VALUE_NULL: return null;
            default:
                throw new ConfigurationException("", source + ": line " + p.currentLocation().getLineNr()
                        + ": unexpected " + t);
        }
    }

    /**
     * Reads a YAML file into a tree: {@link #readText(Path)} then {@link #parse(String, String)} with the
     * file name as the source. The one way the command line reads strategy YAML.
     *
     * @param file the YAML file
     * @return the top-level mapping, in document order
     * @throws ConfigurationException naming the file when it is missing, too large, malformed, not a
     *     mapping, too deep, or has aliases or duplicate keys
     */
    public static Map<String, Object> read(Path file) {
        return parse(readText(file), file.toString());
    }

    /**
     * Reads a regular file as strict UTF-8 text through a stream cut off at {@code 4 * MAX_CHARS} bytes
     * (devices, FIFOs and directories are refused before opening; undecodable bytes are reported with
     * their byte offset).
     *
     * @param file the file
     * @return its text
     * @throws ConfigurationException when the file is missing, not a regular file, unreadable, too large
     *     or not UTF-8
     */
    public static String readText(Path file) {
        try {
            return BoundedFiles.readUtf8(file, MAX_CHARS * 4L, "strategy file");
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("", "no such file: " + StrictText.printable(file.toString()));
        } catch (FileRefusedException e) {
            throw new ConfigurationException("", e.getMessage(), e);
        } catch (IOException e) {
            throw new ConfigurationException("", StrictText.printable(file.toString()) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes a tree as YAML (block style, quotes only where needed, strings that look like numbers
     * quoted so that they read back as strings).
     *
     * @param tree a tree of maps, lists, strings, numbers and booleans
     * @return the YAML text
     */
    public static String write(Map<String, Object> tree) {
        try {
            return WRITER.writeValueAsString(tree);
        } catch (IOException e) {
            throw new ConfigurationException("", "cannot write YAML: " + e.getMessage(), e);
        }
    }
}
