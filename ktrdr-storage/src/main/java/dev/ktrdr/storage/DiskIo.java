package dev.ktrdr.storage;

import dev.ktrdr.api.ModelException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

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
     * @param file a file
     * @param max the largest size accepted
     * @param name the name for messages
     * @return its bytes
     * @throws ModelException naming the file when it is missing, too large or unreadable
     */
    static byte[] readBounded(Path file, long max, String name) {
        try {
            long size = Files.size(file);
            if (size > max) {
                throw new ModelException(name + ": " + size + " bytes is larger than the " + max + " allowed");
            }
            byte[] b = Files.readAllBytes(file);
            if (b.length > max) {
                throw new ModelException(name + ": grew beyond " + max + " bytes while being read");
            }
            return b;
        } catch (NoSuchFileException e) {
            throw new ModelException(name + " is missing");
        } catch (IOException e) {
            throw new ModelException(name + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Deletes a directory tree; entries that vanish meanwhile (another cleaner) are fine. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
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
