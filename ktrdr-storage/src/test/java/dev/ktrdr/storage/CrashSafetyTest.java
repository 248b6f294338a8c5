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
 * Child JVMs that save, prune and delete models ({@link SaverMain} {@code churn}) are killed with SIGKILL
 * ({@link Process#destroyForcibly()} on Linux) at random moments; afterwards the store must hold only
 * complete versions, every pointer must name one, every save a child reported as returned must be there
 * unless some child announced its removal, and no version a child reported as deleted may be there.
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
        Set<String> removing = Collections.synchronizedSet(new HashSet<>());
        Set<String> deleted = Collections.synchronizedSet(new HashSet<>());
        Set<String> killedWhileRemoving = Collections.synchronizedSet(new HashSet<>());
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<Boolean>> runs = new ArrayList<>();
        for (int i = 0; i < KILLS; i++) {
            long seed = 1000L * i;
            runs.add(pool.submit(() -> runAndKill(root, seed, acknowledged, removing, deleted,
                    killedWhileRemoving)));
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
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(versionDirs);
        lost.removeAll(removing);
        Set<String> resurrected = new HashSet<>(deleted);
        resurrected.retainAll(versionDirs);
        System.out.println("CrashSafetyTest: " + KILLS + " children killed, " + acknowledged.size()
                + " acknowledged saves, " + removing.size() + " removals started, " + deleted.size()
                + " acknowledged removals, " + killedWhileRemoving.size() + " children killed while removing, "
                + versionDirs.size() + " versions left, all complete; lost saves "
                + lost.size() + ", deleted versions still visible " + resurrected.size());
        assertThat(lost).as("acknowledged saves missing without a removal").isEmpty();
        assertThat(resurrected).as("acknowledged removals still visible").isEmpty();
        // How many removals finish depends on the machine's load (28 to 362 seen); some always start and are killed.
        assertThat(removing).isNotEmpty();
        assertThat(killedWhileRemoving).isNotEmpty();
        assertThat(pointers).isNotEmpty().allSatisfy(ptr -> assertThat(versionDirs).contains(ptr));
        assertThat(store.list("crash")).hasSize(versionDirs.size());

        // The next save removes what the dead writers left behind.
        store.save(dev.ktrdr.storage.testcodec.Fixtures.universal("crash", 1));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(strategy, ".{staging,latest-tmp,deleting}-*")) {
            assertThat(ds.iterator().hasNext()).isFalse();
        }
    }

    /** @return true when the child was killed while still saving */
    private static boolean runAndKill(Path root, long seed, Set<String> acknowledged, Set<String> removing,
                                      Set<String> deleted, Set<String> killedWhileRemoving)
            throws IOException, InterruptedException {
        SplittableRandom random = new SplittableRandom(seed);
        // stdout goes to a file, so that every line the child wrote before dying can be read afterwards.
        Path log = root.resolveSibling("child-" + seed + ".out");
        Process p = child(root, -1, seed, "churn").redirectOutput(log.toFile()).start();
        while (p.isAlive() && !Files.readString(log, StandardCharsets.UTF_8).contains("\n")) {
            p.waitFor(2, TimeUnit.MILLISECONDS);
        }
        if (!p.isAlive()) {
            throw new AssertionError("child died before saving: exit " + p.exitValue());
        }
        // The kill lands anywhere in the following operations: while writing, syncing, renaming or moving a
        // pointer, or while renaming a version away or deleting its files.
        p.waitFor(random.nextInt(1, 200), TimeUnit.MILLISECONDS);
        boolean running = p.isAlive();
        p.destroyForcibly();
        p.waitFor();
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        if (running && !lines.isEmpty() && lines.get(lines.size() - 1).startsWith("removing ")) {
            killedWhileRemoving.add(seed + " " + lines.get(lines.size() - 1));
        }
        for (String line : lines) {
            if (line.startsWith("saved ")) {
                acknowledged.add(line.substring("saved ".length()));
            } else if (line.startsWith("removing ")) {
                removing.add(line.substring("removing ".length()));
            } else if (line.startsWith("deleted ")) {
                deleted.add(line.substring("deleted ".length()));
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
