package dev.ktrdr.examples.cli.train;

import dev.ktrdr.api.ProgressListener;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Prints progress events as {@code [stage done/total] message}, with an estimate of the time left
 * (elapsed in the stage / done × remaining) for stages that know their total and have run a second or more
 * (unless the library's message already says it), and the time since the command started ({@code [t+12.3s]}).
 */
final class EtaProgress implements ProgressListener {
    private final PrintWriter err;
    private final Map<String, long[]> started = new HashMap<>();
    private final long origin = System.nanoTime();

    EtaProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void onProgress(Event e) {
        long now = System.nanoTime();
        synchronized (err) {
            long[] start = started.computeIfAbsent(e.stage(), k -> new long[] {now, e.done()});
            if (e.done() < start[1]) {
                // the stage started over (e.g. the next walk-forward fold's training): measure from here
                start[0] = now;
                start[1] = e.done();
            }
            long done = e.done() - start[1];
            String eta = "";
            double elapsed = (now - start[0]) / 1e9;
            if (!e.message().contains(" left") && e.total() > 0 && e.done() < e.total() && done > 0 && elapsed >= 1) {
                eta = " (about " + duration(elapsed / done * (e.total() - e.done())) + " left)";
            }
            err.println("[" + e.stage() + " " + e.done() + (e.total() > 0 ? "/" + e.total() : "") + "] " + e.message()
                    + eta + String.format(Locale.ROOT, " [t+%.1fs]", (now - origin) / 1e9));
            err.flush();
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
