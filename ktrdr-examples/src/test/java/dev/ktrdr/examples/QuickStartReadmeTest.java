package dev.ktrdr.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's Java quick start is the compiled, tested body of {@link QuickStart#run}, line for line. */
class QuickStartReadmeTest {
    static List<String> between(List<String> lines, String startMarker, String endMarker) {
        List<String> out = new ArrayList<>();
        boolean in = false;
        for (String l : lines) {
            if (!in && l.trim().equals(startMarker)) {
                in = true;
            } else if (in && l.trim().equals(endMarker)) {
                return out;
            } else if (in) {
                out.add(l);
            }
        }
        throw new AssertionError("no block between '" + startMarker + "' and '" + endMarker + "'");
    }

    static List<String> dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            out.add(l.isBlank() ? "" : l.substring(indent).stripTrailing());
        }
        return out;
    }

    @Test
    void readmeQuickStartIsTheExampleCodeAndAtMostTwentyFiveLines() throws IOException {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"));
        int marker = readme.indexOf("<!-- quickstart -->");
        assertThat(marker).as("README marker").isNotNegative();
        assertThat(readme.get(marker + 1)).isEqualTo("```java");
        List<String> block = between(readme.subList(marker + 1, readme.size()), "```java", "```");
        List<String> code = between(Files.readAllLines(Path.of("src/main/java/dev/ktrdr/examples/QuickStart.java")),
                "// quick start: begin", "// quick start: end");
        assertThat(dedent(block)).isEqualTo(dedent(code));
        assertThat(block).hasSizeLessThanOrEqualTo(25);
    }
}
