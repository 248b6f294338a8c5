package dev.ktrdr.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.storage.testcodec.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentWritersTest {
    @TempDir
    Path tmp;

    @Test
    void eightThreadsSavingFiftyModelsEachGetFourHundredDistinctCompleteVersions() throws Exception {
        FileModelStore store = new FileModelStore(tmp);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<List<Path>>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            long base = 1000L * t;
            Callable<List<Path>> job = () -> {
                start.await();
                List<Path> mine = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    mine.add(store.save(Fixtures.universal("conc", base + i)));
                }
                return mine;
            };
            futures.add(pool.submit(job));
        }
        start.countDown();
        Set<Path> all = new HashSet<>();
        for (Future<List<Path>> f : futures) {
            all.addAll(f.get(5, TimeUnit.MINUTES));
        }
        pool.shutdown();
        assertThat(all).hasSize(400);
        assertThat(store.versions("conc")).extracting(v -> v.name().version())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 400).boxed().toList());
        for (Path p : all) {
            assertThat(store.verify(p)).as(p.toString()).isEmpty();
        }
        assertThat(Files.readString(tmp.resolve("conc/latest-universal_1h-4h-1d"), StandardCharsets.UTF_8).trim())
                .isEqualTo("universal_1h-4h-1d_v400");
    }

    @Test
    void twoProcessesSavingAtOnceLoseNoSave() throws Exception {
        Path root = tmp.resolve("store");
        Files.createDirectories(root);
        int each = 40;
        Path out1 = tmp.resolve("p1.out");
        Path out2 = tmp.resolve("p2.out");
        Process p1 = CrashSafetyTest.child(root, each, 1, "wait").redirectOutput(out1.toFile()).start();
        Process p2 = CrashSafetyTest.child(root, each, 2, "wait").redirectOutput(out2.toFile()).start();
        // Both are started and waiting: release them together so that their saves interleave.
        for (Path out : List.of(out1, out2)) {
            Process p = out == out1 ? p1 : p2;
            while (p.isAlive() && !Files.readString(out, StandardCharsets.UTF_8).contains("ready")) {
                p.waitFor(2, TimeUnit.MILLISECONDS);
            }
        }
        for (Process p : List.of(p1, p2)) {
            p.getOutputStream().write("go\n".getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().flush();
        }
        assertThat(p1.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p2.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p1.exitValue()).isZero();
        assertThat(p2.exitValue()).isZero();
        Set<String> saved = new HashSet<>();
        int lines = 0;
        for (Path out : List.of(out1, out2)) {
            List<String> ls = Files.readAllLines(out, StandardCharsets.UTF_8);
            assertThat(ls).first().isEqualTo("ready");
            assertThat(ls).last().isEqualTo("done");
            for (String l : ls) {
                if (l.startsWith("saved ")) {
                    saved.add(l.substring(6));
                    lines++;
                }
            }
        }
        assertThat(lines).isEqualTo(2 * each);
        assertThat(saved).hasSize(2 * each);
        FileModelStore store = new FileModelStore(root);
        List<VersionInfo> versions = store.versions("crash");
        assertThat(versions).hasSize(2 * each);
        assertThat(versions).extracting(v -> v.name().dirName()).containsExactlyInAnyOrderElementsOf(saved);
        for (VersionInfo v : versions) {
            assertThat(store.verify(v.directory())).isEmpty();
        }
        assertThat(versions).filteredOn(VersionInfo::latest).extracting(v -> v.name().dirName())
                .containsExactlyInAnyOrder("universal_1h-4h-1d_v54", "EURUSD_1h_v26");
    }
}
