package dev.ktrdr.examples.cli.demo;

import dev.ktrdr.api.ProgressListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A {@link ProgressListener} that draws one text progress bar per stage ({@code prepare}, {@code epoch},
 * {@code evaluate}, or a stage of the caller's) on a writer, normally standard error. A new stage closes
 * the bar of the previous one.
 *
 * <p>Thread-safe: events may arrive from the trainer's worker threads.
 */
public final class ProgressBars implements ProgressListener, AutoCloseable {
    private final PrintWriter err;
    private final String prefix;
    private ProgressBar bar;
    private String stage;

    /**
     * @param err where the bars are drawn
     * @param prefix text before each stage name, e.g. the model being trained
     */
    public ProgressBars(PrintWriter err, String prefix) {
        this.err = err;
        this.prefix = prefix;
    }

    @Override
    public synchronized void onProgress(Event e) {
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
