package dev.ktrdr.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child JVMs that save models are killed with SIGKILL ({@link Process#destroyForcibly()} on Linux) at
 * random moments; afterwards the store must hold only complete versions, every pointer must name one,
 * and every save a child reported as returned must be there.
 */
class CrashSafetyTest {
    static final int KILLS = 200;
    static final int PARALLEL = 3;

    @TempDir
    Path tmp;

    @Test
    void writersKilledAtRandomMomentsNeverLeaveAPartialVersionOrADanglingPointer() throws Exception {
        Path root = tmp.resolve("store");
        Set<String> acknowledged = Collections.synchronizedSet(new HashSet<>());
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<Boolean>> runs = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            long seed = 1000L * i;
            runs.add(pool.submit(() -> runAndKill(root, seed, acknowledged)));
        }
        int killedWhileRunning = 0;
        for (Future<Boolean> f : runs) {
            if (f.get(5, TimeUnit.MINUTES)) {
                killedWhileRunning++;
            }
        }
        pool.shutdown();
        assertThat(killedWhileRunning).isGreaterThanOrEqualTo(KILLS);
        assertThat(acknowledged).isNotEmpty();

        FileModelStore store = new FileModelStore(root);
        Path strategy = root.resolve("crash");
        Set<String> versionDirs = new HashSet<>();
        List<String> pointers = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(strategy)) {
            for (Path p : ds) {
                String f = p.getFileName().toString();
                if (f.startsWith(FileModelStore.LATEST_PREFIX)) {
                    pointers.add(Files.readString(p, StandardCharsets.UTF_8).trim());
                } else if (!f.startsWith(".")) {
                    versionDirs.add(f);
                    // Every directory with a version name is complete: all checksums hold and it decodes.
                    assertThat(store.verify(p)).as(f).isEmpty();
                }
            }
        }
        assertThat(versionDirs).containsAll(acknowledged);
        assertThat(pointers).isNotEmpty().allSatisfy(ptr -> assertThat(versionDirs).contains(ptr));
        assertThat(store.list("crash")).hasSize(versionDirs.size());

        // The next save removes what the dead writers left behind.
        store.save(dev.ktrdr.storage.testcodec.Fixtures.universal("crash", 1));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(strategy, ".{staging,latest-tmp,deleting}-*")) {
            assertThat(ds.iterator().hasNext()).isFalse();
        }
    }

    /** @return true when the child was killed while still saving */
    private static boolean runAndKill(Path root, long seed, Set<String> acknowledged) throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        // stdout goes to a file, so that every line the child wrote before dying can be read afterwards.
        Path log = root.resolveSibling("child-" + seed + ".out");
        Process p = child(root, -1, seed).redirectOutput(log.toFile()).start();
        while (p.isAlive() && !Files.readString(log, StandardCharsets.UTF_8).contains("\n")) {
            p.waitFor(2, TimeUnit.MILLISECONDS);
        }
        if (!p.isAlive()) {
            throw new AssertionError("child died before saving: exit " + p.exitValue());
        }
        // The kill lands anywhere in the following saves: while writing, syncing, renaming or moving a pointer.
        p.waitFor(random.nextInt(1, 80), TimeUnit.MILLISECONDS);
        boolean running = p.isAlive();
        p.destroyForcibly();
        p.waitFor();
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            if (line.startsWith("saved ")) {
                acknowledged.add(line.substring("saved ".length()));
            }
        }
        return running;
    }

    static ProcessBuilder child(Path root, long count, long seed, String... extra) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = Optional.ofNullable(System.getProperty("surefire.test.class.path"))
                .orElse(System.getProperty("java.class.path"));
        return new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m", "-XX:-UsePerfData",
                "-Xshare:auto", "-cp", cp, SaverMain.class.getName(), root.toString(), Long.toString(count),
                Long.toString(seed), extra.length > 0 ? extra[0] : "go")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
    }

    static String pathSeparator() {
        return File.pathSeparator;
    }
}
