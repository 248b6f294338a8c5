package dev.ktrdr.examples.cli.fuzzy;

import dev.ktrdr.api.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;

/** Writes command output to a file or to the command's standard output. */
final class CliCsv {
    /** Writes a table. */
    @FunctionalInterface
    interface Body {
        void write(Writer w) throws IOException;
    }

    private CliCsv() {
    }

    /**
     * @param out target file, or null for stdout
     * @param stdout the command line's output writer
     * @param body what to write
     */
    static void write(Path out, PrintWriter stdout, Body body) {
        try {
            if (out == null) {
                body.write(stdout);
                stdout.flush();
            } else {
                AtomicFiles.writeText(out, body::write);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out == null ? "stdout" : out.toString(), e);
        }
    }
}
