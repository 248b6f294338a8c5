package dev.ktrdr.storage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ktrdr.api.ModelException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON reader and writer of ktrdr-storage: Jackson's tree model with explicit field mapping (no
 * default typing, no polymorphism, no class names), strict duplicate-key detection, and limits on
 * document size, nesting depth, string, name and number length. Thread-safe.
 */
final class LimitedJson {
    /** Largest JSON document read (bytes). */
    static final int MAX_BYTES = 16 * 1024 * 1024;
    /** Deepest nesting accepted; storage documents nest at most 4 levels. */
    static final int MAX_DEPTH = 16;

    private static final ObjectMapper MAPPER;

    static {
        StreamReadConstraints limits = StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH)
                .maxDocumentLength(MAX_BYTES)
                .maxStringLength(4 * 1024 * 1024)
                .maxNameLength(4096)
                .maxNumberLength(64)
                .build();
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(limits)
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        MAPPER = JsonMapper.builder(factory).enable(SerializationFeature.INDENT_OUTPUT).build();
    }

    private LimitedJson() {
    }

    /** @return a new empty object node */
    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * @param bytes a JSON document
     * @param file the file name, for messages
     * @return the root node, an object
     * @throws ModelException naming the file when the document is too large, malformed or not an object
     */
    static ObjectNode read(byte[] bytes, String file) {
        if (bytes.length > MAX_BYTES) {
            throw new ModelException(file + ": " + bytes.length + " bytes is larger than the " + MAX_BYTES + " allowed");
        }
        try {
            JsonNode node = MAPPER.readTree(bytes);
            if (!(node instanceof ObjectNode)) {
                throw new ModelException(file + ": the document is not a JSON object");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new ModelException(file + ": not valid JSON: " + firstLine(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new ModelException(file + ": cannot be read: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * @param bytes a JSON document of any kind (object, array, scalar)
     * @param file the file name, for messages
     * @throws ModelException naming the file when the document is too large or malformed
     */
    static void readAny(byte[] bytes, String file) {
        if (bytes.length > MAX_BYTES) {
            throw new ModelException(file + ": " + bytes.length + " bytes is larger than the " + MAX_BYTES + " allowed");
        }
        try {
            MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new ModelException(file + ": not valid JSON: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * @param node a tree
     * @return its indented UTF-8 text, ending with a newline
     */
    static byte[] write(JsonNode node) {
        try {
            String s = MAPPER.writeValueAsString(node) + "\n";
            return s.getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String firstLine(String m) {
        if (m == null) {
            return "";
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
