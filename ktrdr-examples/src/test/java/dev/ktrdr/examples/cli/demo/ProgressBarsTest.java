package dev.ktrdr.examples.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.ProgressListener.Event;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarsTest {
    private static String run(boolean redraw) {
        StringWriter out = new StringWriter();
        try (ProgressBars bars = new ProgressBars(new PrintWriter(out), "demo", redraw)) {
            for (int i = 0; i <= 3; i++) {
                bars.onProgress(new Event("prepare", i, 3, "EURUSD"));
            }
            for (int i = 0; i <= 12; i++) {
                bars.onProgress(new Event("epoch", i, 12, ""));
            }
        }
        return out.toString();
    }

    @Test
    void withoutATerminalEachStageIsOnePlainLineWithoutCarriageReturns() {
        String text = run(false);
        assertThat(text).doesNotContain("\r");
        assertThat(text.lines()).containsExactly("demo prepare 3/3", "demo epoch 12/12");
    }

    @Test
    void onATerminalBarsRedrawInPlace() {
        String text = run(true);
        assertThat(text).contains("\r").contains("demo prepare").contains("demo epoch");
    }

    @Test
    void withoutAConsoleTheDefaultIsPlainLines() {
        // Surefire's forked JVM has no console, like a pipe or a CI log
        org.junit.jupiter.api.Assumptions.assumeTrue(System.console() == null);
        assertThat(ProgressBars.stderrIsTerminal()).isFalse();
        StringWriter out = new StringWriter();
        try (ProgressBars bars = new ProgressBars(new PrintWriter(out), "demo")) {
            bars.onProgress(new Event("epoch", 1, 2, ""));
        }
        assertThat(out.toString()).doesNotContain("\r").isEqualTo("demo epoch 1/2" + System.lineSeparator());
    }
}
