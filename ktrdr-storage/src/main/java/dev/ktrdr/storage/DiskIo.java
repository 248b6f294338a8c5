package dev.ktrdr.storage;

import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.io.BoundedFiles;
import dev.ktrdr.api.io.FileRefusedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/** File-system steps with durability: synced writes, directory syncs, bounded reads, recursive delete. */
final class DiskIo {
    private DiskIo() {
    }

    /** Creates {@code file} (it must not exist), writes all bytes and forces them to disk. */
    static void writeSynced(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer b = ByteBuffer.wrap(bytes);
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
    }

    /**
     * Forces a directory's entries (creations, renames) to disk. Platforms that cannot open a directory
     * as a channel (Windows) make their renames durable themselves, so a failure to open is ignored.
     */
    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Not supported for directories on this platform; nothing more can be done.
        }
    }

    /**
     * Reads a regular file through a stream that fails one byte past {@code max}, without following a
     * symbolic link at any step: a link, directory, device (e.g. {@code /dev/zero}), FIFO or socket is
     * refused from its attributes before anything is opened, so that such a file never hangs the reader
     * nor fills the heap. (A file swapped for a FIFO between the check and the open would still block the
     * open; that needs write access to the store and is not defended against.)
     *
     * @param file a file
     * @param max the largest size accepted
     * @param name the name for messages
     * @return its bytes
     * @throws ModelException naming the file when it is missing, not a regular file, too large or unreadable
     */
    static byte[] readBounded(Path file, long max, String name) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isRegularFile()) {
                throw new ModelException(name + " is " + kind(file, a) + ", not a regular file" + NO_LINKS);
            }
            if (a.size() > max) {
                throw new ModelException(name + ": " + a.size() + " bytes is larger than the " + max + " allowed");
            }
            // Links are refused above (the store never follows one), so the shared helper's own check, which
            // accepts a link to a regular file, is not used; its limited stream is.
            try (InputStream in = BoundedFiles.limit(Files.newInputStream(file, StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS), max, name, "file")) {
                return in.readAllBytes();
            }
        } catch (FileRefusedException e) {
            throw new ModelException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new ModelException(name + " is missing");
        } catch (IOException e) {
            throw new ModelException(name + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Appended to refusals of links and special files. */
    static final String NO_LINKS = " (the store reads regular files and directories only and never follows links)";

    /**
     * @param p a path
     * @return its attributes, not following a link, or empty when nothing exists there
     * @throws IOException when the attributes cannot be read for another reason
     */
    static Optional<BasicFileAttributes> attributes(Path p) throws IOException {
        try {
            return Optional.of(Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /**
     * @param p a path
     * @param a its attributes, read without following links
     * @return what it is, for messages: "a symbolic link", "a directory", "a FIFO (named pipe)", ...
     */
    static String kind(Path p, BasicFileAttributes a) {
        if (a.isSymbolicLink()) {
            return "a symbolic link";
        }
        if (a.isDirectory()) {
            return "a directory";
        }
        if (a.isRegularFile()) {
            return "a regular file";
        }
        try {
            int type = (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000;
            switch (type) {
                case 0010000: return "a FIFO (named pipe)";
                case 0020000: return "a character device";
                case 0060000: return "a block device";
                case 0140000: return "a socket";
                default: break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // No unix attribute view here: the generic word below is all that can be said.
        }
        return "a device, FIFO or socket";
    }

    /** Deletes a directory tree; entries that vanish meanwhile (another cleaner) are fine. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                if (exc != null && !(exc instanceof NoSuchFileException)) {
                    throw exc;
                }
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
