package dev.ktrdr.examples.cli.models;

import dev.ktrdr.storage.LegacyMigration;
import dev.ktrdr.storage.LegacyMigration.Outcome;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ktrdr models migrate [STRATEGY] [--dry-run] --models-dir M}. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Rewrite legacy {SYMBOL}_{tf}_v{n} directories (model.bin + metadata.json, no manifest) as "
                + "checksummed versions; legacy directories move to {strategy}/.legacy/. Exit 1 if any was refused.")
final class ModelsMigrate implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "STRATEGY", description = "Only this strategy (default: all).")
    String strategy;

    @Option(names = "--dry-run", description = "Check and print the plan; write nothing.")
    boolean dryRun;

    @Mixin
    ModelsCommand.Common common = new ModelsCommand.Common();

    @Override
    public Integer call() {
        List<Outcome> outcomes = new LegacyMigration(common.store()).migrate(Optional.ofNullable(strategy), dryRun);
        PrintWriter out = spec.commandLine().getOut();
        boolean refused = outcomes.stream().anyMatch(o -> o.status() == LegacyMigration.Status.REFUSED);
        if (common.json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (Outcome o : outcomes) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("legacy", o.legacy().toString());
                m.put("status", o.status().name().toLowerCase(Locale.ROOT));
                m.put("target", o.target().orElse(null));
                m.put("reason", o.reason());
                rows.add(m);
            }
            ModelsCommand.printJson(out, rows);
        } else {
            if (outcomes.isEmpty()) {
                out.println("no legacy model directories found");
            }
            for (Outcome o : outcomes) {
                out.println(o.status().name().toLowerCase(Locale.ROOT).replace('_', ' ') + "  "
                        + o.legacy().getParent().getFileName() + "/" + o.legacy().getFileName()
                        + o.target().map(t -> " -> " + t).orElse("") + "  (" + o.reason() + ")");
            }
            out.flush();
        }
        return refused ? 1 : 0;
    }
}
