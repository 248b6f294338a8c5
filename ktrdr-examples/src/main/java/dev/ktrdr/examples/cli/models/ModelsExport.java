package dev.ktrdr.examples.cli.models;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.sdk.DataSource;
import dev.ktrdr.sdk.Ktrdr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ktrdr models export VERSION_DIR --onnx FILE}: a thin client of {@link Ktrdr#exportOnnx}. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a stored model to ONNX (features and, for universal models, the symbol as inputs; "
                + "BUY/HOLD/SELL probabilities as output; feature spec and symbol map in the metadata).")
final class ModelsExport implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "VERSION_DIR", description = "A stored version directory.")
    Path versionDir;

    @Option(names = "--onnx", paramLabel = "FILE", required = true, description = "The .onnx file to write.")
    Path onnx;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Override
    public Integer call() {
        if (!Files.isDirectory(versionDir)) {
            throw new ConfigurationException("VERSION_DIR", "'" + versionDir + "' is not a directory");
        }
        // a version directory is {store root}/{strategy}/{version}; no bars are read
        Path dir = versionDir.toAbsolutePath().normalize();
        Path root = dir.getParent() == null || dir.getParent().getParent() == null ? dir : dir.getParent().getParent();
        long bytes = Ktrdr.open(DataSource.folder(dir), root).exportOnnx(dir, onnx);
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("exported", versionDir.toString());
            o.put("onnx", onnx.toString());
            o.put("bytes", bytes);
            ModelsCommand.printJson(spec.commandLine().getOut(), o);
        } else {
            spec.commandLine().getOut().println("exported " + versionDir.getFileName() + " to " + onnx + " (" + bytes
                    + " bytes)");
            spec.commandLine().getOut().flush();
        }
        return 0;
    }
}
