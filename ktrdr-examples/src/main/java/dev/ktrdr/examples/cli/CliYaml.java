package dev.ktrdr.examples.cli;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ktrdr.api.ConfigurationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads a YAML document into plain maps and lists for the command line, with size, depth and alias
 * limits (an alias bomb is refused quickly). Strategy-aware loading lives in ktrdr-training.
 */
public final class CliYaml {
    private static final int MAX_BYTES = 4 * 1024 * 1024;

    private CliYaml() {
    }

    /**
     * Reads a YAML mapping from a file.
     *
     * @param file the YAML file
     * @return the document as plain maps, lists, strings, numbers and booleans
     * @throws ConfigurationException when the file is missing, too large, malformed or not a mapping
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> read(Path file) {
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new ConfigurationException("", file + ": " + size + " bytes is larger than the " + MAX_BYTES + " allowed");
            }
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(50);
            options.setNestingDepthLimit(50);
            options.setCodePointLimit(MAX_BYTES);
            options.setAllowDuplicateKeys(false);
            YAMLFactory factory = YAMLFactory.builder().loaderOptions(options)
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(50).build()).build();
            Object tree = new ObjectMapper(factory).readValue(file.toFile(), Object.class);
            if (!(tree instanceof Map)) {
                throw new ConfigurationException("", file + ": the document is not a YAML mapping");
            }
            return (Map<String, Object>) tree;
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("", "no such file: " + file);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.toString() : e.getMessage().split("\n")[0];
            throw new ConfigurationException("", file + ": " + m, e);
        }
    }
}
