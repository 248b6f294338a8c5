package dev.ktrdr.api.io;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The one way the library and its command line write a user-visible file: the content goes to a
 * temporary file with a random name in the target's folder, created with
 * {@link StandardOpenOption#CREATE_NEW} and {@link LinkOption#NOFOLLOW_LINKS} (so a planted symbolic
 * link, at any name, is never followed or truncated), forced to disk, and then atomically renamed onto
 * the target; the folder is synced afterwards. Readers see the old file or the whole new one, never
 * half of it, and a failure leaves the target unchanged and removes the temporary file. When the
 * target itself is a symbolic link, the link is replaced, not the file it points to.
 *
 * <p>Internal-use helper of the library's modules (see the package comment). Stateless, thread-safe.
 */
public final class AtomicFiles {
    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param out the stream (buffered; closing it only flushes it)
         * @throws IOException from the stream
         */
        void write(OutputStream out) throws IOException;
    }

    /** Writes a file's content to its channel directly (e.g. from a direct buffer, without a stream's copies). */
    @FunctionalInterface
    public interface ChannelBody {
        /**
         * @param out the temporary file's channel, open for writing at position 0 (closed by the caller)
         * @throws IOException from the channel
         */
        void write(FileChannel out) throws IOException;
    }

    /** Writes a file's text to a writer. */
    @FunctionalInterface
    public interface TextBody {
        /**
         * @param out a buffered UTF-8 writer (closing it only flushes it)
         * @throws IOException from the writer
         */
        void write(Writer out) throws IOException;
    }

    /**
     * Writes {@code target} atomically through a temporary sibling (see the class comment).
     *
     * @param target the file to create or replace
     * @param body writes the content
     * @throws FileRefusedException when the target is a directory
     * @throws IOException when the file cannot be written; the target is then unchanged
     */
    public static void write(Path target, Body body) throws IOException {
        write(target, body, true);
    }

    /**
     * Writes {@code target} atomically through a temporary sibling like {@link #write(Path, Body)}, but without
     * forcing the content or the folder to disk: readers still see the old file or the whole new one, yet after
     * a power loss or kernel crash the target may be missing or hold incomplete content. Only for caches whose
     * files carry their own size and checksum, which their readers verify and rebuild on mismatch (the training
     * feature store's shards); a forced write there costs more than the computation it saves.
     *
     * @param target the file to create or replace
     * @param body writes the content
     * @throws FileRefusedException when the target is a directory
     * @throws IOException when the file cannot be written; the target is then unchanged
     */
    public static void writeCache(Path target, Body body) throws IOException {
        write(target, body, false);
    }

    /**
     * {@link #writeCache(Path, Body)} writing the temporary file's channel directly.
     *
     * @param target the file to create or replace
     * @param body writes the content
     * @throws FileRefusedException when the target is a directory
     * @throws IOException when the file cannot be written; the target is then unchanged
     */
    public static void writeCacheChannel(Path target, ChannelBody body) throws IOException {
        writeChannel(target, body, false);
    }

    private static void write(Path target, Body body, boolean durable) throws IOException {
        writeChannel(target, c -> {
            OutputStream os = new BufferedOutputStream(Channels.newOutputStream(c), 1 << 16);
            body.write(new FilterOutputStream(os) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            });
            os.flush();
        }, durable);
    }

    private static void writeChannel(Path target, ChannelBody body, boolean durable) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null) {
            throw new FileRefusedException(StrictText.printable(target.toString()) + ": not a file name");
        }
        if (Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileRefusedException(StrictText.printable(target.toString()) + ": is a directory; cannot write a file there");
        }
        Path tmp = null;
        FileChannel ch = null;
        for (int attempt = 0; ch == null; attempt++) {
            tmp = dir.resolve(tempName(abs.getFileName().toString()));
            try {
                ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 8) {
                    throw e;
                }
            }
        }
        boolean moved = false;
        try {
            try (FileChannel c = ch) {
                body.write(c);
                if (durable) {
                    c.force(true);
                }
            }
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            moved = true;
            if (durable) {
                syncDirectory(dir);
            }
        } finally {
            if (!moved) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /**
     * Writes text as UTF-8 through a buffered writer, atomically.
     *
     * @param target the file to create or replace
     * @param body writes the text
     * @throws IOException when the file cannot be written; the target is then unchanged
     */
    public static void writeText(Path target, TextBody body) throws IOException {
        write(target, out -> {
            Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            body.write(w);
            w.flush();
        });
    }

    /**
     * Writes bytes atomically.
     *
     * @param target the file to create or replace
     * @param bytes the content
     * @throws IOException when the file cannot be written; the target is then unchanged
     */
    public static void writeBytes(Path target, byte[] bytes) throws IOException {
        write(target, out -> out.write(bytes));
    }

    /**
     * Writes text as UTF-8 atomically.
     *
     * @param target the file to create or replace
     * @param text the content
     * @throws IOException when the file cannot be written; the target is then unchanged
     */
    public static void writeString(Path target, CharSequence text) throws IOException {
        writeBytes(target, text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Forces a folder's entries (creations, renames) to disk. Platforms that cannot open a folder as a
     * channel (Windows) make renames durable themselves, so a failure to open is ignored.
     *
     * @param dir the folder
     */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Not supported for folders on this platform; nothing more can be done.
        }
    }

    private static String tempName(String fileName) {
        byte[] r = new byte[8];
        RANDOM.nextBytes(r);
        String base = fileName.length() > 180 ? fileName.substring(0, 180) : fileName;
        return "." + base + "." + HexFormat.of().formatHex(r) + ".tmp";
    }
}
