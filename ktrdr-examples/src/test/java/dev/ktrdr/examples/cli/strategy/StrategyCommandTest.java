package dev.ktrdr.examples.cli.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.examples.cli.KtrdrCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class StrategyCommandTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String... args) {
        CommandLine cl = KtrdrCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    Path copy(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/strategies/" + name)) {
            Path p = dir.resolve(name);
            Files.write(p, in.readAllBytes());
            return p;
        }
    }

    @Test
    void validateAcceptsTheSharedStrategies() throws IOException {
        for (String f : new String[] {"mtf_single.yaml", "universal_multi.yaml", "legacy_v2.yaml"}) {
            assertThat(run("strategy", "validate", copy(f).toString())).as(f + err).isZero();
        }
        assertThat(out.toString()).contains("universal_mean_reversion, scope universal").contains("older layout");
        // all three use zigzag labels with a label_lookahead, which zigzag does not use
        assertThat(out.toString().lines().filter(l -> l.startsWith("note: training.labels.label_lookahead is ignored "
                + "by source zigzag")).count()).isEqualTo(3);
    }

    @Test
    void validateListsEveryProblemWithItsPathAndExitsTwo() throws IOException {
        Path p = copy("mtf_single.yaml");
        Files.writeString(p, Files.readString(p).replace("base_timeframe: \"1h\"", "base_timeframe: \"2h\"")
                .replace("epochs: 50", "epochs: -1"));
        assertThat(run("strategy", "validate", p.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("2 problems")
                .contains("  training_data.timeframes.base_timeframe: '2h' is not in list [1h, 4h, 1d]")
                .contains("  training.epochs: -1 is not in [1, 1000000]");
    }

    @Test
    void migrateWritesAFileThatValidatesInTheCurrentLayout() throws IOException {
        Path old = copy("legacy_v2.yaml");
        Path migrated = dir.resolve("new.yaml");
        assertThat(run("strategy", "migrate", old.toString(), "--out", migrated.toString())).as(err.toString()).isZero();
        String text = Files.readString(migrated, StandardCharsets.UTF_8);
        assertThat(text).contains("training_data:").contains("epochs: 100");
        assertThat(run("strategy", "validate", migrated.toString())).isZero();
        assertThat(out.toString()).contains("current layout");
        assertThat(run("strategy", "migrate", old.toString(), "--out", old.toString())).isEqualTo(2);
        assertThat(run("strategy", "validate", dir.resolve("missing.yaml").toString())).isEqualTo(2);
    }
}
