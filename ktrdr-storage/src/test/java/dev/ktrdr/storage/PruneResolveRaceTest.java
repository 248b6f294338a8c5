package dev.ktrdr.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader.Resolution;
import dev.ktrdr.storage.testcodec.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One saver, one pruner (keep 1) and two resolvers work on one strategy for a bounded time: a complete
 * version exists throughout, so every resolve must serve (none may fail, none may blame damage).
 */
class PruneResolveRaceTest {
    /** How long the four threads run; the counts are printed by the test's name in the surefire report. */
    static final long RUN_NANOS = TimeUnit.SECONDS.toNanos(Long.getLong("ktrdr.race.seconds", 6));
    static final List<Timeframe> TFS = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);
    static final SymbolInfo EUR = new SymbolInfo(Symbol.of("EURUSD"), AssetClass.FOREX, "forex", Optional.empty());

    @TempDir
    Path tmp;

    @Test
    void resolversNeverFailWhileASaverAndAPrunerRunAlongside() throws Exception {
        FileModelStore store = new FileModelStore(tmp);
        StoreModelLoader loader = new StoreModelLoader(store);
        store.save(Fixtures.universal("race", 0));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong saves = new AtomicLong();
        AtomicLong prunes = new AtomicLong();
        AtomicLong pruned = new AtomicLong();
        AtomicLong resolves = new AtomicLong();
        AtomicLong withRefusals = new AtomicLong();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> jobs = new ArrayList<>();
        jobs.add(pool.submit(() -> {
            start.await();
            for (long i = 1; !stop.get(); i++) {
                store.save(Fixtures.universal("race", i));
                saves.incrementAndGet();
            }
            return null;
        }));
        jobs.add(pool.submit(() -> {
            start.await();
            while (!stop.get()) {
                pruned.addAndGet(store.prune("race", 1, false).size());
                prunes.incrementAndGet();
            }
            return null;
        }));
        for (int t = 0; t < 2; t++) {
            jobs.add(pool.submit(() -> {
                start.await();
                while (!stop.get()) {
                    try {
                        Resolution r = loader.resolve("race", EUR, TFS);
                        if (!r.refusals().isEmpty()) {
                            withRefusals.incrementAndGet();
                            failures.add("refusals while serving " + r.model().directory().getFileName() + ": "
                                    + r.refusals());
                        }
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                    }
                    resolves.incrementAndGet();
                }
                return null;
            }));
        }
        long t0 = System.nanoTime();
        start.countDown();
        // The main thread is the clock: it waits on the jobs with a timeout equal to the time left.
        for (Future<?> f : jobs) {
            long left = RUN_NANOS - (System.nanoTime() - t0);
            try {
                f.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                break;
            }
        }
        stop.set(true);
        for (Future<?> f : jobs) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();
        String counts = "resolves " + resolves.get() + ", failures " + failures.size() + " (" + withRefusals.get()
                + " served with refusals), saves " + saves.get() + ", prunes " + prunes.get() + " (" + pruned.get()
                + " versions removed)";
        System.out.println("PruneResolveRaceTest: " + counts);
        assertThat(resolves.get()).as(counts).isGreaterThan(100);
        assertThat(pruned.get()).as(counts).isGreaterThan(10);
        assertThat(failures).as(counts).isEmpty();
    }
}
