package dev.ktrdr.storage;

import dev.ktrdr.api.ModelArtifacts;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.storage.testcodec.Fixtures;
import java.nio.file.Path;
import java.util.List;

/**
 * A child process for the crash and multi-process tests: saves models into a store, printing
 * {@code saved <dir>} after each save has returned (i.e. is durable), and {@code done} at the end.
 * Arguments: root, count (negative: forever), seed, and optionally {@code wait}: print {@code ready} and
 * start only after a line arrives on stdin (so that several children save at the same moment), or
 * {@code churn}: half of the operations are removals instead of saves, half {@code delete} of a random
 * version that is neither the latest nor the highest of its series, half {@code prune --keep 2}. Each
 * removal prints {@code removing <dir>} before it starts and {@code deleted <dir>} once it has returned.
 */
public final class SaverMain {
    private SaverMain() {
    }

    /**
     * Without a strategy text the YAML parser is never loaded: a child JVM starts faster, and the crash test
     * is about files, renames and pointers, not YAML.
     */
    private static ModelArtifacts lean(ModelArtifacts a) {
        return new ModelArtifacts(a.metadata(), a.model(), "", a.scalerJson(), a.metricsJson(), a.historyCsv());
    }

    /**
     * @param args root, count, seed [wait]
     * @throws java.io.IOException when stdin cannot be read
     */
    public static void main(String[] args) throws java.io.IOException {
        FileModelStore store = new FileModelStore(Path.of(args[0]));
        long count = Long.parseLong(args[1]);
        long seed = Long.parseLong(args[2]);
        if (args.length > 3 && "wait".equals(args[3])) {
            System.out.println("ready");
            System.out.flush();
            new java.io.BufferedReader(new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
                    .readLine();
        }
        List<Timeframe> one = List.of(Timeframe.H1);
        boolean churn = args.length > 3 && "churn".equals(args[3]);
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        for (long i = 0; count < 0 || i < count; i++) {
            int op = churn && i > 0 ? random.nextInt(4) : 0;
            if (op == 3) {
                List<Path> removed = store.prune("crash", 2, false, d -> say("removing " + d.getFileName()));
                removed.forEach(d -> say("deleted " + d.getFileName()));
                continue;
            }
            if (op == 2) {
                deleteOne(store, random);
                continue;
            }
            Path p;
            // Two series per strategy so that pointers of several series are replaced concurrently.
            if (i % 3 == 2) {
                p = store.save(lean(Fixtures.artifacts("crash", ModelScope.symbol(Symbol.of("EURUSD")), one,
                        Fixtures.trainingOnly(one), List.of(Symbol.of("EURUSD")), seed + i)));
            } else {
                p = store.save(lean(Fixtures.universal("crash", seed + i)));
            }
            say("saved " + p.getFileName());
        }
        say("done");
    }

    private static void deleteOne(FileModelStore store, java.util.SplittableRandom random) {
        List<VersionInfo> all = store.versions("crash");
        java.util.Map<String, Integer> highest = new java.util.HashMap<>();
        all.forEach(v -> highest.merge(v.name().seriesKey(), v.name().version(), Math::max));
        // Never the highest: a removed highest number could be reused by the next save.
        List<VersionInfo> doomed = all.stream().filter(v -> !v.latest()
                && v.name().version() < highest.get(v.name().seriesKey())).toList();
        if (doomed.isEmpty()) {
            return;
        }
        String name = doomed.get(random.nextInt(doomed.size())).name().dirName();
        say("removing " + name);
        try {
            store.delete("crash", name);
            say("deleted " + name);
        } catch (dev.ktrdr.api.ModelException e) {
            // Another child removed it first, or it became the latest meanwhile.
            say("skipped " + name);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
