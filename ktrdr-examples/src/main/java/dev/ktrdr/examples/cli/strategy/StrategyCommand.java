package dev.ktrdr.examples.cli.strategy;

import dev.ktrdr.api.io.AtomicFiles;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.examples.cli.KtrdrCli;
import dev.ktrdr.training.strategy.Problem;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLayout;
import dev.ktrdr.training.strategy.StrategyLoader;
import dev.ktrdr.training.strategy.StrategyMigrator;
import dev.ktrdr.training.strategy.StrategyYaml;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ktrdr strategy validate S.yaml} and {@code ktrdr strategy migrate OLD.yaml --out NEW.yaml}.
 */
@Command(name = "strategy", mixinStandardHelpOptions = true, description = "Check and migrate strategy files.",
        subcommands = {StrategyCommand.Validate.class, StrategyCommand.Migrate.class})
public final class StrategyCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        return KtrdrCli.missingCommand(spec);
    }

    /**
     * Lists every problem of a strategy file, one per line with its YAML path; exit 2 if there is an
     * error. Warnings (settings accepted but without effect, such as {@code label_lookahead} with
     * {@code zigzag}) are printed too but do not fail the file.
     */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Report every problem of a strategy file, one per line with its YAML path (exit 2 if any "
                    + "error; warnings are printed but pass).")
    static final class Validate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "STRATEGY", description = "strategy YAML file (either layout)")
        Path file;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            String text = StrategyYaml.readText(file);
            List<Problem> problems = StrategyLoader.validate(text, file.toString());
            StrategyProblems.print(err, "", file.toString(), problems);
            if (!Problem.errors(problems).isEmpty()) {
                return 2;
            }
            Strategy s = StrategyLoader.parse(text, file.toString());
            StrategyLayout layout = StrategyMigrator.detect(StrategyYaml.parse(text, file.toString()));
            out.println(file + ": valid (" + (layout == StrategyLayout.LEGACY ? "older layout, migrates cleanly" : "current layout")
                    + "): " + s.name() + ", scope " + s.scope().id() + ", symbols "
                    + (s.trainingData().symbols().list().isEmpty() ? s.trainingData().symbols().assetClasses()
                    : s.trainingData().symbols().list()) + ", timeframes " + s.trainingData().timeframes().list()
                    + " (base " + s.trainingData().timeframes().base() + "), labels " + s.training().labels().source().id()
                    + (s.training().labels().horizon() == Integer.MAX_VALUE
                    ? " (horizon: up to the bar confirming each leg's end, measured when labelling)"
                    : " (horizon " + s.training().labels().horizon() + " bars)"));
            out.flush();
            return 0;
        }
    }

    /** Rewrites an older-layout strategy in the current layout. */
    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Rewrite a strategy in the older layout into the current one.")
    static final class Migrate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "OLD", description = "strategy YAML file")
        Path file;

        @Option(names = "--out", required = true, paramLabel = "NEW", description = "file to write (not the input)")
        Path outFile;

        @Override
        public Integer call() throws IOException {
            if (Files.exists(outFile) && Files.isSameFile(file, outFile)) {
                throw new ConfigurationException("--out", "refusing to overwrite the input " + file);
            }
            String text = StrategyYaml.readText(file);
            String migrated = "# Migrated to the current strategy layout by 'ktrdr strategy migrate' from "
                    + file.getFileName() + "\n" + StrategyMigrator.migrateYaml(text, file.toString());
            // The result must load to the same strategy as the input before anything is written.
            if (!StrategyLoader.parse(migrated, outFile.toString()).equals(StrategyLoader.parse(text, file.toString()))) {
                throw new ConfigurationException("", file + ": the migrated strategy differs from the original; nothing written");
            }
            AtomicFiles.writeString(outFile, migrated);
            PrintWriter out = spec.commandLine().getOut();
            out.println("wrote " + outFile);
            out.flush();
            return 0;
        }
    }
}
