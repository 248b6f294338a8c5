package dev.ktrdr.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/** Helpers that tamper with version directories the way an attacker or a disk would. */
final class StoreTestSupport {
    private StoreTestSupport() {
    }

    /** Replaces a file and writes a manifest that matches again (a "valid" foreign edit). */
    static void rewriteWithValidManifest(Path dir, String file, byte[] bytes) throws IOException {
        Files.write(dir.resolve(file), bytes);
        Map<String, String> hashes = new LinkedHashMap<>();
        for (String f : FileModelStore.FILES) {
            hashes.put(f, Manifest.sha256(Files.readAllBytes(dir.resolve(f))));
        }
        Files.write(dir.resolve(Manifest.FILE), new Manifest(Manifest.VERSION, "test", hashes).toBytes());
    }

    /** Flips every bit of one byte. */
    static void flipByte(Path file, int position) throws IOException {
        byte[] b = Files.readAllBytes(file);
        b[position % b.length] ^= (byte) 0xFF;
        Files.write(file, b);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        DiskIo.deleteTree(dir);
    }
}
