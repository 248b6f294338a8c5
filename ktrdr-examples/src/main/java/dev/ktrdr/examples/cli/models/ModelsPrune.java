package dev.ktrdr.examples.cli.models;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ktrdr models prune STRATEGY --keep N [--dry-run] --models-dir M}. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = "Keep the newest N versions of every scope and timeframe set (never the latest); delete the rest.")
final class ModelsPrune implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STRATEGY", description = "Strategy name (the folder under the model store root).")
    String strategy;

    @Option(names = "--keep", paramLabel = "N", required = true, description = "Versions to keep per series, at least 1.")
    int keep;

    @Option(names = "--dry-run", description = "Only print what would be deleted.")
    boolean dryRun;

    @Mixin
    ModelsCommand.Common common = new ModelsCommand.Common();

    @Override
    public Integer call() {
        List<Path> deleted = common.store().prune(strategy, keep, dryRun);
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("dry_run", dryRun);
            o.put(dryRun ? "would_delete" : "deleted", deleted.stream().map(p -> p.getFileName().toString()).toList());
            ModelsCommand.printJson(out, o);
            return 0;
        }
        if (deleted.isEmpty()) {
            out.println("nothing to prune");
        }
        for (Path p : deleted) {
            out.println((dryRun ? "would delete " : "deleted ") + p.getFileName());
        }
        out.flush();
        return 0;
    }
}
