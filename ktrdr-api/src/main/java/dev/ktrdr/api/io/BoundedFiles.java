package dev.ktrdr.api.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads of user-given paths that cannot hang, exhaust memory or read a device: only regular files (or
 * links to regular files) are opened, and every byte is counted against a hard limit.
 *
 * <p>The file type is checked with {@link LinkOption#NOFOLLOW_LINKS} attributes before anything is
 * opened (a link is then followed to check its target's type), so a FIFO is refused without blocking
 * in {@code open}, and {@code /dev/zero}, directories and sockets are refused with one line. The limit is
 * enforced on the stream, not on {@link Files#size}, so a file that grows while being read, or that
 * reports a size of 0, is still cut off. A file swapped for a FIFO between the check and the open could
 * still block the open; that window is the platform's (Java has no non-blocking open).
 *
 * <p>Internal-use helper of the library's modules (see the package comment). Stateless, thread-safe.
 */
public final class BoundedFiles {
    private BoundedFiles() {
    }

    /**
     * Checks that {@code file} is a regular file or a symbolic link to one.
     *
     * @param file the path
     * @throws NoSuchFileException when nothing is there (or a link's target is missing)
     * @throws FileRefusedException naming the file and its type when it is a directory, device, FIFO,
     *     socket or other non-regular file
     * @throws IOException when the attributes cannot be read
     */
    public static void requireRegularFile(Path file) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String via = "";
        if (a.isSymbolicLink()) {
            try {
                a = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                throw new NoSuchFileException(file.toString(), null, "a symbolic link whose target does not exist");
            }
            via = " (through a symbolic link)";
        }
        if (!a.isRegularFile()) {
            String kind = a.isDirectory() ? "a directory" : a.isOther() ? "a device, FIFO or socket" : "not a regular file";
            throw new FileRefusedException(StrictText.printable(file.toString()) + ": is " + kind + via
                    + "; only regular files are read");
        }
    }

    /**
     * Opens a regular file for reading through a stream that fails once more than {@code maxBytes}
     * bytes have been read.
     *
     * @param file the path
     * @param maxBytes the most bytes the stream delivers before it fails
     * @param what what the file is, for the message ("bar file", "strategy file", ...)
     * @return the stream (the caller closes it)
     * @throws NoSuchFileException when the file is missing
     * @throws FileRefusedException when it is not a regular file
     * @throws IOException when it cannot be opened
     */
    public static InputStream open(Path file, long maxBytes, String what) throws IOException {
        requireRegularFile(file);
        return limit(Files.newInputStream(file), maxBytes, file.toString(), what);
    }

    /**
     * Reads a whole regular file, at most {@code maxBytes} bytes.
     *
     * @param file the path
     * @param maxBytes the largest accepted size
     * @param what what the file is, for the message
     * @return its bytes
     * @throws NoSuchFileException when the file is missing
     * @throws FileRefusedException when it is not a regular file or larger than the limit
     * @throws IOException when it cannot be read
     */
    public static byte[] readBytes(Path file, long maxBytes, String what) throws IOException {
        try (InputStream in = open(file, maxBytes, what)) {
            return in.readAllBytes();
        }
    }

    /**
     * Reads a whole regular file as strict UTF-8 text (see {@link StrictText#decodeUtf8}).
     *
     * @param file the path
     * @param maxBytes the largest accepted size
     * @param what what the file is, for the message
     * @return the text, without a leading byte-order mark
     * @throws NoSuchFileException when the file is missing
     * @throws FileRefusedException when it is not a regular file, larger than the limit or not UTF-8
     * @throws IOException when it cannot be read
     */
    public static String readUtf8(Path file, long maxBytes, String what) throws IOException {
        return StrictText.decodeUtf8(readBytes(file, maxBytes, what), file.toString());
    }

    /**
     * Wraps a stream so that reading more than {@code maxBytes} bytes fails with a
     * {@link FileRefusedException} naming the file and the limit.
     *
     * @param in the stream
     * @param maxBytes the most bytes delivered
     * @param name the file name for the message
     * @param what what the file is, for the message
     * @return the limited stream; closing it closes {@code in}
     */
    public static InputStream limit(InputStream in, long maxBytes, String name, String what) {
        return new Limited(in, maxBytes, name, what);
    }

    private static final class Limited extends FilterInputStream {
        private final long max;
        private final String name;
        private final String what;
        private long count;

        Limited(InputStream in, long max, String name, String what) {
            super(in);
            this.max = max;
            this.name = name;
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int r = read(one, 0, 1);
            return r < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            // Allow one byte past the limit so that a file of exactly max bytes passes.
            long room = max - count + 1;
            int r = super.read(b, off, (int) Math.min(len, Math.max(1, room)));
            if (r > 0) {
                count += r;
                if (count > max) {
                    throw new FileRefusedException(StrictText.printable(name) + ": the " + what + " is larger than the "
                            + max + " bytes allowed");
                }
            }
            return r;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] b = new byte[(int) Math.min(8192, Math.max(1, n))];
            long done = 0;
            while (done < n) {
                int r = read(b, 0, (int) Math.min(b.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
