package dev.ktrdr.examples.cli.audit;

import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.examples.cli.data.DataSourceOptions;
import dev.ktrdr.examples.cli.strategy.StrategyProblems;
import dev.ktrdr.sdk.AuditOptions;
import dev.ktrdr.sdk.AuditReport;
import dev.ktrdr.sdk.DataSource;
import dev.ktrdr.sdk.Ktrdr;
import dev.ktrdr.sdk.StrategyInput;
import dev.ktrdr.training.strategy.StrategyLoader;
import dev.ktrdr.training.strategy.StrategyYaml;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ktrdr audit S.yaml --data-dir DIR [--symbols A,B] [--json] [--quick] [--cuts N] [--seed S] [--canary-seeds N]}: whether
 * a strategy and its data can be trusted, one table with a verdict per check and its evidence (a thin
 * client of {@link Ktrdr#audit}). Exit 0 when no check fails, 1 when one does, 2 for bad input.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Audit a strategy and its data: timeframe consistency, look-ahead, splits, baselines.")
public final class AuditCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "STRATEGY", description = "strategy YAML file")
    Path strategyFile;

    @CommandLine.Mixin
    DataSourceOptions data;

    @Option(names = "--symbols", split = ",", paramLabel = "A,B", description = "symbols instead of the strategy's")
    List<String> symbols = new ArrayList<>();

    @Option(names = "--json", description = "print one JSON document instead of the table")
    boolean json;

    @Option(names = "--quick", description = "only the checks that need no training (data, prefix, split): seconds")
    boolean quick;

    @Option(names = "--cuts", paramLabel = "N", description = "random cut instants per symbol for the prefix check (1-50, default 3)")
    int cuts = 3;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the cut instants (default 42)")
    long seed = 42;

    @Option(names = "--canary-seeds", paramLabel = "N", description = "trainings on shuffled copies (1-20, default 3)")
    int canarySeeds = 3;

    @Option(names = "--out", paramLabel = "DIR", description = "also write the audit page DIR/index.html (each check with its evidence)")
    Path outDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String yaml = StrategyYaml.readText(strategyFile);
        StrategyProblems.print(err, "ktrdr: ", strategyFile.toString(),
                StrategyLoader.parse(yaml, strategyFile.toString()).warnings());
        List<Symbol> syms = new ArrayList<>();
        for (String s : symbols) {
            syms.add(Symbol.of(s.trim()));
        }
        // the audit never saves a model: the store path is not created
        // A CSV folder is audited as files (the data check compares them); Parquet and databases through the source.
        java.util.Optional<Path> dir = data.folder();
        if (dir.isPresent() && !Files.isDirectory(dir.get())) {
            throw new DataException("--data-dir " + dir.get() + " is not a directory");
        }
        DataSource source = dir.isPresent() ? DataSource.folder(dir.get()) : DataSource.of(data.open());
        Ktrdr k = Ktrdr.open(source, Path.of(System.getProperty("java.io.tmpdir"), ".ktrdr-audit-no-store"));
        AuditReport r = k.audit(StrategyInput.text(yaml, strategyFile.toString()),
                new AuditOptions(syms, quick, cuts, seed, canarySeeds));
        if (json) {
            out.println(r.toJson());
        } else {
            r.table().forEach(out::println);
        }
        if (outDir != null) {
            Path page = k.writeReport(r, outDir);
            if (!json) {
                out.println("page: " + page);
            }
        }
        out.flush();
        return r.overall() == AuditReport.Verdict.FAIL ? 1 : 0;
    }
}
