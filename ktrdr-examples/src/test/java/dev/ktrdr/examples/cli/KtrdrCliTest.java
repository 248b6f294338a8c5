package dev.ktrdr.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KtrdrCliTest {

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = KtrdrCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void helpListsTheCommandsAndExitsZero() {
        String[] r = run("--help");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).contains("Usage: ktrdr");
    }

    @Test
    void versionNamesTheLibraryVersion() {
        String[] r = run("--version");
        assertThat(r[0]).isEqualTo("0");
        assertThat(r[1]).startsWith("ktrdr 0.");
    }

    @Test
    void anUnknownOptionIsOneLineOnStderrAndExitTwo() {
        String[] r = run("--no-such-option");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2].strip()).doesNotContain("\n").startsWith("ktrdr: Unknown option: '--no-such-option'");
        assertThat(r[2]).doesNotContain("at dev.ktrdr");
    }

    @Test
    void noCommandPrintsTheUsageOnStderrAndExitsTwo() {
        String[] r = run();
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).isEmpty();
        assertThat(r[2]).startsWith("ktrdr: missing command").contains("Usage: ktrdr");
        for (String group : new String[] {"models", "data", "strategy", "analyze", "experiment"}) {
            String[] g = run(group);
            assertThat(g[0]).as(group).isEqualTo("2");
            assertThat(g[1]).as(group).isEmpty();
            assertThat(g[2]).as(group).startsWith("ktrdr " + group + ": missing command").contains("Usage: ktrdr " + group);
        }
    }
}
