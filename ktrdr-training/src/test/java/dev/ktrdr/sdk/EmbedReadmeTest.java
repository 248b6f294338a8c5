package dev.ktrdr.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's {@code Embed} class, compiled and run as a host would: on the class path only this
 * module, the library modules it depends on and their runtime dependencies (the list Maven resolves
 * for a host, {@code target/host-classpath.txt}), no test or command-line library.
 */
class EmbedReadmeTest {
    @TempDir
    Path dir;

    static List<String> javaBlockAfter(List<String> readme, String marker) {
        int at = readme.indexOf(marker);
        assertThat(at).as("README marker " + marker).isNotNegative();
        assertThat(readme.get(at + 1)).isEqualTo("```java");
        List<String> out = new ArrayList<>();
        for (String l : readme.subList(at + 2, readme.size())) {
            if (l.equals("```")) {
                return out;
            }
            out.add(l);
        }
        throw new AssertionError("the java block after " + marker + " is not closed");
    }

    @Test
    void readmeEmbedCompilesAndRunsOnTheLibraryAlone() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("..", "README.md"), StandardCharsets.UTF_8);
        List<String> code = javaBlockAfter(readme, "<!-- embed -->");
        assertThat(code).hasSizeLessThanOrEqualTo(40);
        assertThat(String.join("\n", readme)).contains("<!-- maven -->\n```xml\n<dependency>\n  <groupId>dev.ktrdr</groupId>");

        String hostClasspath = "target/classes" + java.io.File.pathSeparator
                + Files.readString(Path.of("target", "host-classpath.txt")).trim();
        assertThat(hostClasspath).doesNotContain("picocli", "jmh", "ta-lib", "ta4j", "junit", "assertj", "quicktheories");

        Path src = dir.resolve("src/Embed.java");
        Files.createDirectories(src.getParent());
        Files.write(src, code, StandardCharsets.UTF_8);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int compiled = javac.run(null, null, null, "-proc:none", "-cp", hostClasspath, "-d", classes.toString(),
                src.toString());
        assertThat(compiled).as("javac exit code").isZero();

        Path data = dir.resolve("data");
        SyntheticMarket.Config config = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2020-01-01T00:00:00Z"), 4_000, 42);
        SyntheticMarket.writeFolder(data, config, SyntheticMarket.generate(config));
        Path strategy = dir.resolve("universal.yaml");
        try (InputStream in = getClass().getResourceAsStream("/strategies/sdk_universal.yaml")) {
            Files.write(strategy, in.readAllBytes());
        }
        Path out = dir.resolve("out");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                classes + java.io.File.pathSeparator + hostClasspath, "Embed", data.toString(), strategy.toString(),
                "ETHUSDT", out.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output.strip()).matches("(?s).*rung UNIVERSAL, total return -?\\d+\\.\\d\\d %, Sharpe -?\\d+\\.\\d\\d");
        assertThat(out.resolve("report/index.html")).exists();
        assertThat(out.resolve("models/sdk_universal")).isDirectory();
    }
}
