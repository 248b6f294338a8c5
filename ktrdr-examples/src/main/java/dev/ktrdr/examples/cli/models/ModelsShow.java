package dev.ktrdr.examples.cli.models;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.storage.FileModelStore;
import java.io.PrintWriter;
import java.nio.file.Files;
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

/** {@code ktrdr models show VERSION_DIR [--verify] [--json]}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = "Show a version's metadata; --verify checks every checksum and decodes the model.")
final class ModelsShow implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "VERSION_DIR",
            description = "A version directory, e.g. M/my_strategy/universal_1h-4h-1d_v3 (or relative to --models-dir).")
    Path versionDir;

    @Option(names = "--verify", description = "Check every file against the manifest; exit non-zero naming the file on a mismatch.")
    boolean verify;

    @Mixin
    ModelsCommand.Common common = new ModelsCommand.Common();

    @Override
    public Integer call() {
        Path dir = versionDir;
        if (!Files.isDirectory(dir) && common.modelsDir != null) {
            dir = common.modelsDir.resolve(versionDir.toString());
        }
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationException("VERSION_DIR", "'" + versionDir + "' is not a directory");
        }
        Path abs = dir.toAbsolutePath().normalize();
        if (abs.getParent() == null || abs.getParent().getParent() == null) {
            throw new ConfigurationException("VERSION_DIR", "'" + versionDir + "' is not inside {root}/{strategy}/");
        }
        FileModelStore store = new FileModelStore(abs.getParent().getParent());
        PrintWriter out = spec.commandLine().getOut();
        List<String> problems = verify ? store.verify(abs) : List.of();
        if (problems.size() > 1) {
            // The error handler prints the first problem; list every one when there are several.
            PrintWriter err = spec.commandLine().getErr();
            for (String p : problems) {
                err.println("FAILED: " + p);
            }
            err.flush();
        }
        if (!problems.isEmpty()) {
            throw new ModelException(problems.get(0));
        }
        ModelMetadata m = store.readMetadata(abs);
        if (common.json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("version_dir", abs.toString());
            o.putAll(ModelsCommand.summary(m));
            o.put("samples_per_symbol", toStrings(m.samplesPerSymbol()));
            o.put("performance", m.performance());
            o.put("provenance", m.provenance());
            if (verify) {
                o.put("verified", true);
            }
            ModelsCommand.printJson(out, o);
            return 0;
        }
        out.println("version    " + abs);
        ModelsCommand.summary(m).forEach((k, v) -> out.printf("%-21s %s%n", k, v));
        out.printf("%-21s %s%n", "samples_per_symbol", toStrings(m.samplesPerSymbol()));
        out.printf("%-21s %s%n", "performance", m.performance());
        if (verify) {
            out.println("verified: every checksum matches (" + FileModelStore.FILES.size() + " files) and the model decodes");
        }
        out.flush();
        return 0;
    }

    private static Map<String, Long> toStrings(Map<dev.ktrdr.api.Symbol, Long> m) {
        Map<String, Long> o = new LinkedHashMap<>();
        m.forEach((k, v) -> o.put(k.value(), v));
        return o;
    }
}
