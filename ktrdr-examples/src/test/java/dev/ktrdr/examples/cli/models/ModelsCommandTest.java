package dev.ktrdr.examples.cli.models;

import dev.ktrdr.storage.testcodec.LinearSoftmaxModel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.Deployment;
import dev.ktrdr.api.FeatureSpec;
import dev.ktrdr.api.ModelArtifacts;
import dev.ktrdr.api.ModelMetadata;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.examples.cli.KtrdrCli;
import dev.ktrdr.storage.FileModelStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ModelsCommandTest {
    static final List<Timeframe> TFS = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);

    @TempDir
    Path tmp;

    Path root;
    String out;
    String err;

    int run(String... args) {
        CommandLine cl = KtrdrCli.commandLine();
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o));
        cl.setErr(new PrintWriter(e));
        int code = cl.execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    static ModelArtifacts artifacts(ModelScope scope, Deployment d, List<Symbol> symbols, long seed) {
        List<String> names = new ArrayList<>();
        for (Timeframe tf : TFS) {
            names.add(tf.label() + "_rsi_14_low");
        }
        FeatureSpec spec = new FeatureSpec(names);
        Map<Symbol, Long> samples = new LinkedHashMap<>();
        symbols.forEach(s -> samples.put(s, 100L));
        ModelMetadata md = new ModelMetadata("strat", scope, symbols, samples, TFS, Timeframe.H1,
                Instant.parse("2020-01-01T00:00:00Z"), Instant.parse("2020-06-01T00:00:00Z"), d,
                new ModelMetadata.FeatureArchitecture(3, Map.of(Timeframe.H1, 1, Timeframe.H4, 1, Timeframe.D1, 1),
                        "embedding", 4, names), Map.of("test_accuracy", 0.5), "cli-test-linear", 1, "0.1.0-test",
                Instant.parse("2021-01-01T00:00:00Z"), Map.of());
        return new ModelArtifacts(md, LinearSoftmaxModel.random(spec, seed), "name: strat\n", "{}", "{}", "epoch,loss\n");
    }

    @BeforeEach
    void store() {
        root = tmp.resolve("models");
        FileModelStore store = new FileModelStore(root);
        store.save(artifacts(ModelScope.UNIVERSAL, new Deployment(Deployment.Mode.UNIVERSAL, Set.of(),
                Set.of(Symbol.of("GBPUSD")), TFS), List.of(Symbol.of("EURUSD"), Symbol.of("BTCUSDT")), 1));
        store.save(artifacts(ModelScope.UNIVERSAL, new Deployment(Deployment.Mode.UNIVERSAL, Set.of(),
                Set.of(Symbol.of("GBPUSD")), TFS), List.of(Symbol.of("EURUSD"), Symbol.of("BTCUSDT")), 2));
        store.save(artifacts(ModelScope.symbol(Symbol.of("GBPUSD")), new Deployment(Deployment.Mode.TRAINING_ONLY,
                Set.of(), Set.of(), TFS), List.of(Symbol.of("GBPUSD")), 3));
    }

    @Test
    void listShowsEveryVersionAndMarksTheLatest() {
        assertThat(run("models", "list", "--models-dir", root.toString())).isZero();
        assertThat(out).contains("GBPUSD_1h-4h-1d_v1  (latest)").contains("universal_1h-4h-1d_v1\n")
                .contains("universal_1h-4h-1d_v2  (latest)");
        assertThat(run("models", "list", "strat", "--models-dir", root.toString(), "--symbol", "GBPUSD",
                "--timeframes", "1h,4h,1d", "--json")).isZero();
        assertThat(out).contains("\"version_dir\" : \"GBPUSD_1h-4h-1d_v1\"").doesNotContain("universal_");
    }

    @Test
    void resolvePrintsTheRungThatServedAndEveryRefusal() {
        assertThat(run("models", "resolve", "strat", "--symbol", "GBPUSD", "--timeframes", "1h,4h,1d",
                "--models-dir", root.toString())).isZero();
        assertThat(out).contains("served by  GBPUSD_1h-4h-1d_v1  (rung: symbol)")
                .contains("refused    universal_1h-4h-1d_v2: symbol GBPUSD is excluded by the deployment");
        assertThat(run("models", "resolve", "strat", "--symbol", "AUDUSD", "--timeframes", "1d,1h,4h",
                "--models-dir", root.toString(), "--json")).isZero();
        assertThat(out).contains("\"rung\" : \"universal\"").contains("\"unseen_symbol\" : true");
    }

    @Test
    void resolveListsANewerVersionItCouldNotUseWhenAnOlderOneServes() throws IOException {
        Path v2 = root.resolve("strat/universal_1h-4h-1d_v2");
        Files.delete(v2.resolve("manifest.json"));
        assertThat(run("models", "resolve", "strat", "--symbol", "EURUSD", "--timeframes", "1h,4h,1d",
                "--models-dir", root.toString())).isZero();
        assertThat(out).contains("served by  universal_1h-4h-1d_v1  (rung: universal)")
                .contains("refused    universal_1h-4h-1d_v2: has no manifest.json: a damaged version")
                .doesNotContain("refusals   none");
        Files.move(v2, tmp.resolve("moved-away"));
        Files.createSymbolicLink(v2, tmp.resolve("moved-away"));
        assertThat(run("models", "resolve", "strat", "--symbol", "EURUSD", "--timeframes", "1h,4h,1d",
                "--models-dir", root.toString(), "--json")).isZero();
        assertThat(out).contains("\"version_dir\" : \"" + root.resolve("strat/universal_1h-4h-1d_v1") + "\"")
                .contains("\"candidate\" : \"universal_1h-4h-1d_v2\"")
                .contains("is a symbolic link, not a version directory (the store reads regular files and directories "
                        + "only and never follows links)");
    }

    @Test
    void showVerifyReportsAFileTheManifestDoesNotList() throws IOException {
        Path v = root.resolve("strat/universal_1h-4h-1d_v2");
        Files.writeString(v.resolve("model.bin.orig"), "left behind");
        assertThat(run("models", "show", v.toString(), "--verify")).isNotZero();
        assertThat(err).contains("unexpected regular file in " + v + ": 'model.bin.orig' is not listed in manifest.json");
        assertThat(out).doesNotContain("verified");
    }

    @Test
    void resolveWithNothingToServeExitsNonZeroListingEveryCandidate() {
        assertThat(run("models", "resolve", "strat", "--symbol", "GBPUSD", "--timeframes", "1h,4h",
                "--models-dir", root.toString())).isEqualTo(2);
        assertThat(err).contains("refused universal_1h-4h-1d_v2").contains("refused GBPUSD_1h-4h-1d_v1")
                .contains("refused group rung group-forex_*: no group (group-forex) model");
    }

    @Test
    void unsafeNamesAreRefusedWithExitCode2() {
        assertThat(run("models", "resolve", "../etc", "--symbol", "EURUSD", "--timeframes", "1h",
                "--models-dir", root.toString())).isEqualTo(2);
        assertThat(err).contains("strategy name");
        assertThat(run("models", "promote", "strat", "../../x_1h_v1", "--models-dir", root.toString())).isEqualTo(2);
        assertThat(run("models", "resolve", "strat", "--symbol", "A/B", "--timeframes", "1h",
                "--models-dir", root.toString())).isEqualTo(2);
        assertThat(err).contains("symbol");
    }

    @Test
    void showVerifyPassesOnAnIntactVersionAndNamesTheDamagedFile() throws IOException {
        Path v = root.resolve("strat/universal_1h-4h-1d_v2");
        assertThat(run("models", "show", v.toString(), "--verify")).isZero();
        assertThat(out).contains("verified").contains("scope").contains("universal");
        byte[] b = Files.readAllBytes(v.resolve("scaler.json"));
        b[0] ^= 0x01;
        Files.write(v.resolve("scaler.json"), b);
        assertThat(run("models", "show", v.toString(), "--verify")).isNotZero();
        assertThat(err).contains("scaler.json").contains("checksum mismatch");
        assertThat(run("models", "show", "strat/universal_1h-4h-1d_v1", "--models-dir", root.toString(), "--json")).isZero();
        assertThat(out).contains("\"scope\" : \"universal\"");
    }

    @Test
    void checkCompatibilityExitsOneWithTheReason() throws IOException {
        String v = root.resolve("strat/universal_1h-4h-1d_v2").toString();
        assertThat(run("models", "check-compatibility", v, "--symbol", "EURUSD", "--timeframes", "1h,4h,1d")).isZero();
        assertThat(out).contains("compatible");
        assertThat(run("models", "check-compatibility", v, "--symbol", "EURUSD", "--timeframes", "1h")).isEqualTo(1);
        assertThat(out).contains("incompatible: timeframes [1h] differ from the supported [1h, 4h, 1d]");
        Path features = tmp.resolve("features.txt");
        Files.writeString(features, "1h_rsi_14_low\n4h_rsi_14_high\n1d_rsi_14_low\n");
        assertThat(run("models", "check-compatibility", v, "--symbol", "EURUSD", "--timeframes", "1h,4h,1d",
                "--features", features.toString())).isEqualTo(1);
        assertThat(out).contains("feature 1 is '4h_rsi_14_low' in the model but '4h_rsi_14_high' in the input");
    }

    @Test
    void exportOfAFormatWithoutOnnxExporterIsOneLineAndWritesNothing() {
        Path v = root.resolve("strat/universal_1h-4h-1d_v2");
        Path onnx = tmp.resolve("out.onnx");
        assertThat(run("models", "export", v.toString(), "--onnx", onnx.toString())).isNotZero();
        assertThat(err.strip()).contains("no ONNX exporter for model format 'test-linear'").contains("ktrdr-mlp")
                .doesNotContain("\n");
        assertThat(onnx).doesNotExist();
    }

    @Test
    void deployRecordsTheVersionResolveUsesItAndAnIncompatibleDeployChangesNothing() throws IOException {
        String m = root.toString();
        assertThat(run("models", "deploy", "strat/GBPUSD_1h-4h-1d_v1", "--symbol", "EURUSD", "--timeframes", "1h,4h,1d",
                "--models-dir", m)).isNotZero();
        assertThat(err.strip()).isEqualTo("ktrdr: refusing to deploy strat/GBPUSD_1h-4h-1d_v1 for EURUSD on [1h, 4h, 1d]: "
                + "deployment is training_only and EURUSD was not trained on");
        assertThat(root.resolve("strat/deployed-EURUSD_1h-4h-1d")).doesNotExist();

        assertThat(run("models", "deploy", "strat/universal_1h-4h-1d_v1", "--symbol", "EURUSD", "--timeframes",
                "1h,4h,1d", "--models-dir", m)).isZero();
        assertThat(out).contains("deployed strat/universal_1h-4h-1d_v1 for EURUSD (deployed-EURUSD_1h-4h-1d)");
        assertThat(run("models", "resolve", "strat", "--symbol", "EURUSD", "--timeframes", "1h,4h,1d",
                "--models-dir", m)).isZero();
        assertThat(out).contains("served by  universal_1h-4h-1d_v1").contains("deployed   by the record deployed-EURUSD_1h-4h-1d");
    }

    @Test
    void listCompatibleWithMatchesOnTheBaseTimeframe() {
        String m = root.toString();
        assertThat(run("models", "list", "strat", "--compatible-with", "EURUSD", "--timeframe", "1h", "--models-dir", m))
                .isZero();
        assertThat(out).contains("universal_1h-4h-1d_v1").contains("universal_1h-4h-1d_v2").doesNotContain("GBPUSD_");
        assertThat(run("models", "list", "strat", "--compatible-with", "GBPUSD", "--timeframe", "1h", "--models-dir", m))
                .isZero();
        assertThat(out).contains("GBPUSD_1h-4h-1d_v1").doesNotContain("universal_");
        assertThat(run("models", "list", "strat", "--compatible-with", "EURUSD", "--timeframe", "4h", "--models-dir", m))
                .isZero();
        assertThat(out).contains("no model versions");
        assertThat(run("models", "list", "strat", "--compatible-with", "EURUSD", "--models-dir", m)).isNotZero();
        assertThat(err).contains("--timeframe");
    }

    @Test
    void promotePruneAndMigrateDryRunWork() throws IOException {
        assertThat(run("models", "promote", "strat", "universal_1h-4h-1d_v1", "--models-dir", root.toString())).isZero();
        assertThat(Files.readString(root.resolve("strat/latest-universal_1h-4h-1d")).trim()).isEqualTo("universal_1h-4h-1d_v1");
        assertThat(run("models", "prune", "strat", "--keep", "1", "--dry-run", "--models-dir", root.toString())).isZero();
        assertThat(out).contains("nothing to prune");
        assertThat(run("models", "promote", "strat", "universal_1h-4h-1d_v2", "--models-dir", root.toString())).isZero();
        assertThat(run("models", "prune", "strat", "--keep", "1", "--models-dir", root.toString())).isZero();
        assertThat(out).contains("deleted universal_1h-4h-1d_v1");
        assertThat(root.resolve("strat/universal_1h-4h-1d_v1")).doesNotExist();

        Path legacy = root.resolve("strat/EURUSD_1h_v1");
        Files.createDirectories(legacy);
        Files.writeString(legacy.resolve("model.pt"), "torch pickle");
        assertThat(run("models", "migrate", "--dry-run", "--models-dir", root.toString())).isEqualTo(1);
        assertThat(out).contains("refused  strat/EURUSD_1h_v1").contains("pickle");
        assertThat(legacy.resolve("model.pt")).exists();
    }
}
