package dev.ktrdr.examples.cli.demo;

import dev.ktrdr.api.ProgressListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A {@link ProgressListener} that draws one text progress bar per stage ({@code prepare}, {@code epoch},
 * {@code evaluate}, or a stage of the caller's) on a writer, normally standard error. A new stage closes
 * the bar of the previous one.
 *
 * <p>A bar redraws itself with carriage returns, which only a terminal shows as intended; written to a file or a
 * pipe (no {@link System#console() console}, or standard error redirected), each stage is instead reported by
 * one plain line when it ends.
 *
 * <p>Thread-safe: events may arrive from the trainer's worker threads.
 */
public final class ProgressBars implements ProgressListener, AutoCloseable {
    private final PrintWriter err;
    private final String prefix;
    private final boolean redraw;
    private ProgressBar bar;
    private String stage;
    private Event last;

    /**
     * Bars that redraw when standard error is a terminal, plain lines otherwise.
     *
     * @param err where the bars are drawn (standard error)
     * @param prefix text before each stage name, e.g. the model being trained
     */
    public ProgressBars(PrintWriter err, String prefix) {
        this(err, prefix, stderrIsTerminal());
    }

    /**
     * @return false without a console or, where {@code /proc} tells (Linux), when standard error is not a
     *     terminal device (a file or a pipe); true otherwise
     */
    static boolean stderrIsTerminal() {
        if (System.console() == null) {
            return false;
        }
        Path fd2 = Path.of("/proc/self/fd/2");
        if (!Files.exists(fd2, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try {
            String target = Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return true;
        }
    }

    /**
     * @param err where the bars are drawn
     * @param prefix text before each stage name, e.g. the model being trained
     * @param redraw true for bars redrawn in place (a terminal), false for one plain line per finished stage
     */
    public ProgressBars(PrintWriter err, String prefix, boolean redraw) {
        this.err = err;
        this.prefix = prefix;
        this.redraw = redraw;
    }

    @Override
    public synchronized void onProgress(Event e) {
        if (!redraw) {
            if (last != null && !e.stage().equals(last.stage())) {
                finishBar();
            }
            last = e;
            return;
        }
        if (!e.stage().equals(stage) || bar == null) {
            finishBar();
            stage = e.stage();
            bar = new ProgressBarBuilder().setTaskName(prefix + " " + e.stage()).setInitialMax(Math.max(1, e.total()))
                    .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate()
                    .setConsumer(new DelegatingProgressBarConsumer(line -> {
                        synchronized (err) {
                            err.print('\r');
                            err.print(line);
                            err.flush();
                        }
                    }, 100)).build();
        }
        if (e.total() > 0) {
            bar.maxHint(e.total());
        }
        bar.stepTo(e.done());
    }

    /** Closes every bar. */
    @Override
    public void close() {
        finishBar();
    }

    /** Ends the current bar, leaving its last state on its own line, so that other text can follow. */
    public synchronized void finishBar() {
        if (last != null) {
            synchronized (err) {
                err.println(prefix + " " + last.stage() + " " + last.done() + (last.total() > 0 ? "/" + last.total() : ""));
                err.flush();
            }
            last = null;
        }
        if (bar != null) {
            bar.close();
            synchronized (err) {
                err.println();
                err.flush();
            }
            bar = null;
            stage = null;
        }
    }
}
