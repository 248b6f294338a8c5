package dev.ktrdr.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Files the benchmarks create and remove. Stateless. */
public final class BenchFiles {
    private BenchFiles() {
    }

    /**
     * Deletes a benchmark's temporary folder and everything below it (symbolic links are deleted, not followed).
     *
     * @param root the folder; nothing happens when it does not exist
     * @throws IOException when an entry cannot be deleted
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
