package dev.ktrdr.examples.cli.models;

import dev.ktrdr.api.io.StrictText;
import dev.ktrdr.api.io.FileRefusedException;
import dev.ktrdr.api.io.BoundedFiles;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.KtrdrException;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.storage.StoreModelLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ktrdr models check-compatibility VERSION_DIR --symbol S --timeframes T [--features FILE]}. */
@Command(name = "check-compatibility", mixinStandardHelpOptions = true,
        description = "Check whether a version may serve a symbol on timeframes (deployment, checksums, codec) "
                + "and, with --features, whether it expects exactly those features. Exit 0 compatible, 1 not.")
final class ModelsCheckCompatibility implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "VERSION_DIR", description = "A version directory, e.g. M/my_strategy/universal_1h-4h-1d_v3 (or relative to --models-dir).")
    Path versionDir;

    @Option(names = "--features", paramLabel = "FILE",
            description = "The features you will feed: a text file with one name per line, in column order.")
    Path featuresFile;

    @Mixin
    ModelsCommand.Common common = new ModelsCommand.Common();

    @Mixin
    ModelsCommand.SymbolOptions symbolOptions = new ModelsCommand.SymbolOptions();

    @Override
    public Integer call() {
        Path dir = versionDir;
        if (!Files.isDirectory(dir) && common.modelsDir != null) {
            dir = common.modelsDir.resolve(versionDir.toString());
        }
        Path abs = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(abs) || abs.getParent() == null || abs.getParent().getParent() == null) {
            throw new ConfigurationException("VERSION_DIR", "'" + versionDir + "' is not a version directory");
        }
        FileModelStore store = new FileModelStore(abs.getParent().getParent());
        SymbolInfo info = symbolOptions.info();
        List<Timeframe> tfs = symbolOptions.timeframes();
        List<String> reasons = new ArrayList<>();
        new StoreModelLoader(store).refusal(abs, info, tfs).ifPresent(reasons::add);
        Optional<StoredModel> model = Optional.empty();
        try {
            model = Optional.of(store.load(abs));
        } catch (KtrdrException e) {
            reasons.add(e.getMessage());
        }
        if (featuresFile != null && model.isPresent()) {
            model.get().model().featureSpec().firstDifference(readFeatures(featuresFile))
                    .ifPresent(d -> reasons.add("feature spec mismatch: " + d));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("version_dir", abs.toString());
            o.put("symbol", info.symbol().value());
            o.put("compatible", reasons.isEmpty());
            o.put("reasons", reasons);
            ModelsCommand.printJson(out, o);
        } else if (reasons.isEmpty()) {
            out.println("compatible: " + abs.getFileName() + " may serve " + info.symbol() + " on " + tfs);
        } else {
            for (String r : reasons) {
                out.println("incompatible: " + r);
            }
        }
        out.flush();
        return reasons.isEmpty() ? 0 : 1;
    }

    private static FeatureSpec readFeatures(Path file) {
        try {
            List<String> names = new ArrayList<>();
            for (String line : BoundedFiles.readUtf8(file, 16L * 1024 * 1024, "features file").split("\r?\n")) {
                if (!line.isBlank()) {
                    names.add(line.trim());
                }
            }
            return new FeatureSpec(names);
        } catch (FileRefusedException e) {
            throw new ConfigurationException("--features", e.getMessage(), e);
        } catch (IOException e) {
            throw new ConfigurationException("--features", "cannot read " + StrictText.printable(file.toString()) + ": " + e.getMessage(), e);
        }
    }
}
