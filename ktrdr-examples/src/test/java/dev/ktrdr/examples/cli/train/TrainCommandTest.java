package dev.ktrdr.examples.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.examples.cli.KtrdrCli;
import dev.ktrdr.storage.FileModelStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    Path data;
    Path strategy;

    static final String STRATEGY = "name: cli_demo\n"
            + "version: \"3.0\"\n"
            + "training_data:\n"
            + "  symbols: {mode: multi_symbol, list: [BTCUSDT, ETHUSDT]}\n"
            + "  timeframes: {mode: multi_timeframe, list: [1h, 4h], base_timeframe: 1h}\n"
            + "indicators:\n"
            + "  rsi_14: {type: rsi, period: 14}\n"
            + "fuzzy_sets:\n"
            + "  rsi_14: {indicator: rsi_14, low: [0, 30, 50], mid: [30, 50, 70], high: [50, 70, 100]}\n"
            + "model:\n"
            + "  architecture: {hidden_layers: [8]}\n"
            + "training:\n"
            + "  labels: {source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}\n"
            + "  epochs: 3\n"
            + "  batch_size: 64\n";

    @BeforeEach
    void data() throws IOException {
        data = dir.resolve("data");
        List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.defaultUniverse().stream()
                .filter(s -> s.symbol().value().endsWith("USDT")).toList();
        SyntheticMarket.Config c = SyntheticMarket.Config.of(specs, Timeframe.H1, Instant.parse("2024-01-01T00:00:00Z"), 1200, 3);
        SyntheticMarket.writeFolder(data, c, SyntheticMarket.generate(c));
        strategy = dir.resolve("s.yaml");
        Files.writeString(strategy, STRATEGY);
    }

    int run(String... args) {
        CommandLine cl = KtrdrCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void trainPrintsTheSummaryTableWithBaselinesAndSavesAVersionInTheModelStore() throws IOException {
        Path models = dir.resolve("models");
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--models-dir", models.toString()))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("cli_demo:").contains("all ").contains("BTCUSDT").contains("ETHUSDT")
                .contains("baseline*").contains("pooled").contains("momentum").contains("95% interval(pp)")
                .contains("* baseline: each symbol's own majority class, row-weighted");
        assertThat(out.toString().lines().filter(l -> l.startsWith("all ")).findFirst().orElseThrow())
                .matches(".*(edge|no edge|below baseline|undetermined)$");
        // the split plan comes before the first epoch
        assertThat(err.toString()).contains("[prepare").contains("[epoch").contains("[split 1/5] split plan: validation from ");
        assertThat(err.toString().indexOf("[split")).isLessThan(err.toString().indexOf("[epoch"));
        String line = out.toString().lines().filter(l -> l.startsWith("saved model: ")).findFirst().orElseThrow();
        Path version = Path.of(line.substring("saved model: ".length()));
        assertThat(version).isEqualTo(models.toAbsolutePath().resolve("cli_demo").resolve("universal_1h-4h_v1"));
        for (String f : FileModelStore.FILES) {
            assertThat(version.resolve(f)).exists();
        }
        JsonNode plan = new ObjectMapper().readTree(version.resolve(FileModelStore.SPLIT_PLAN_FILE).toFile());
        assertThat(plan.path("symbols").path("BTCUSDT").path("train").asInt()).isPositive();
        assertThat(plan.path("min_rows_per_split").asInt()).isEqualTo(50);
        assertThat(Files.readString(version.resolve(FileModelStore.MANIFEST_FILE))).contains("split_plan.json");
        FileModelStore store = new FileModelStore(models);
        assertThat(store.verify(version)).isEmpty();
        assertThat(store.readMetadata(version).formatId()).isEqualTo("ktrdr-mlp");
        // history.csv: one filled row per epoch (3 epochs, no early stop possible)
        List<String> history = Files.readAllLines(version.resolve("history.csv"));
        assertThat(history).hasSize(4);
        assertThat(history.get(0)).contains("val_accuracy_BTCUSDT").contains("importance_1h").contains("importance_4h");
        String[] header = history.get(0).split(",", -1);
        String[] first = history.get(1).split(",", -1);
        assertThat(first).hasSameSizeAs(header);
        // precision of a class never predicted is undefined (empty); everything from recall on is measured
        for (int c = List.of(header).indexOf("recall_buy"); c < header.length; c++) {
            assertThat(first[c]).as(header[c]).isNotEmpty();
        }
        JsonNode scaler = new ObjectMapper().readTree(version.resolve("scaler.json").toFile());
        assertThat(scaler.get("features")).hasSize(store.readMetadata(version).architecture().inputSize());
        JsonNode metrics = new ObjectMapper().readTree(version.resolve("metrics.json").toFile());
        assertThat(metrics.get("test").get("accuracy").isNumber()).isTrue();
        // a second run is the next version
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--models-dir", models.toString(),
                "--json")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("universal_1h-4h_v2");
    }

    @Test
    void perSymbolModelsAreSavedUnderTheirSymbolsScope() throws IOException {
        Path models = dir.resolve("models");
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--models-dir", models.toString(),
                "--per-symbol", "--json")).as(err.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("models").get(0).get("model_dir").asText()).endsWith("BTCUSDT_1h-4h_v1");
        assertThat(doc.get("models").get(1).get("model_dir").asText()).endsWith("ETHUSDT_1h-4h_v1");
    }

    @Test
    void perSymbolModelsTrainedInParallelEqualThoseTrainedAlone() throws IOException {
        Path together = dir.resolve("together");
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--models-dir", together.toString(),
                "--per-symbol", "--json")).as(err.toString()).isZero();
        Path alone = dir.resolve("alone");
        out.getBuffer().setLength(0);
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--models-dir", alone.toString(),
                "--per-symbol", "--symbols", "ETHUSDT", "--json")).as(err.toString()).isZero();
        Path suffix = Path.of("cli_demo", "ETHUSDT_1h-4h_v1", "model.bin");
        assertThat(Files.readAllBytes(together.resolve(suffix))).isEqualTo(Files.readAllBytes(alone.resolve(suffix)));
    }

    @Test
    void aSymbolGroupStrategyIsSavedUnderItsGroupScope() throws IOException {
        Files.writeString(strategy, STRATEGY.replace("version: \"3.0\"\n", "version: \"3.0\"\nscope: symbol_group\n"
                + "deployment:\n  target_symbols: {mode: group_restricted, restrictions: {asset_classes: [crypto]}}\n"));
        Path models = dir.resolve("models");
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--models-dir", models.toString(),
                "--json")).as(err.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        Path version = Path.of(doc.get("model_dir").asText());
        assertThat(version.getFileName().toString()).isEqualTo("group-crypto_1h-4h_v1");
        assertThat(new FileModelStore(models).readMetadata(version).deployment().mode())
                .isEqualTo(dev.ktrdr.api.Deployment.Mode.GROUP_RESTRICTED);
    }

    @Test
    void jsonPrintsOneDocumentWithAccuracyAndBaselinePerSymbol() throws IOException {
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--json", "--generalization"))
                .as(err.toString()).isZero();
        JsonNode both = new ObjectMapper().readTree(out.toString());
        assertThat(both.get("generalization").get("generalization_accuracy.ETHUSDT").isNumber()).isTrue();
        out.getBuffer().setLength(0);
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--symbols", "BTCUSDT", "--json"))
                .as(err.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("strategy").asText()).isEqualTo("cli_demo");
        assertThat(doc.get("test_accuracy").isNumber()).isTrue();
        assertThat(doc.get("baseline_accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(doc.get("per_symbol").has("BTCUSDT")).isTrue();
        assertThat(doc.get("per_symbol").has("ETHUSDT")).isFalse();
    }

    @Test
    void jsonCarriesThePerSymbolBaselineMomentumEdgeIntervalVerdictAndSplitPlan() throws IOException {
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--json", "--generalization"))
                .as(err.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        for (String k : List.of("test_accuracy", "baseline_accuracy", "pooled_majority_accuracy", "momentum_accuracy",
                "edge", "edge_ci_low", "edge_ci_high")) {
            assertThat(doc.get(k).isNumber()).as(k).isTrue();
        }
        assertThat(doc.get("edge").asDouble()).isEqualTo(doc.get("test_accuracy").asDouble()
                - Math.max(doc.get("baseline_accuracy").asDouble(), doc.get("momentum_accuracy").asDouble()));
        assertThat(doc.get("edge_ci_low").asDouble()).isLessThanOrEqualTo(doc.get("edge_ci_high").asDouble());
        assertThat(doc.get("baseline_accuracy").asDouble()).isGreaterThanOrEqualTo(doc.get("pooled_majority_accuracy").asDouble());
        assertThat(doc.get("verdict").asText()).isIn("edge", "no edge", "below baseline", "undetermined");
        boolean covers = doc.get("edge_ci_low").asDouble() <= 0 && 0 <= doc.get("edge_ci_high").asDouble();
        assertThat(doc.get("verdict").asText().equals("no edge")).isEqualTo(covers);
        assertThat(doc.get("per_symbol").get("ETHUSDT").get("verdict").isTextual()).isTrue();
        assertThat(doc.get("training_symbols").toString()).isEqualTo("[\"BTCUSDT\",\"ETHUSDT\"]");
        assertThat(doc.get("split_plan").get("symbols").get("ETHUSDT").get("validation").asInt()).isPositive();
        assertThat(doc.has("label_caveat")).isFalse();
        JsonNode g = doc.get("generalization");
        assertThat(g.get("generalization_edge").isNumber()).isTrue();
        assertThat(g.get("generalization_verdict").asText()).isIn("edge", "no edge", "below baseline", "undetermined");
    }

    @Test
    void segmentLabelsPrintTheCaveatBesideTheEdge() throws IOException {
        Files.writeString(strategy, STRATEGY.replace(
                "{source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}",
                "{source: zigzag, zigzag_threshold: 0.01}"));
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("note: zigzag segment labels are partly visible in the bar's past");
        out.getBuffer().setLength(0);
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--json")).as(err.toString()).isZero();
        assertThat(new ObjectMapper().readTree(out.toString()).get("label_caveat").asText())
                .contains("their accuracy is not an edge");
    }

    @Test
    void aSplitBelowTheMinimumExitsTwoWithOneLine() {
        try {
            Files.writeString(strategy, STRATEGY + "  min_rows_per_split: 1000\n");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--json")).isEqualTo(2);
        List<String> lines = err.toString().lines().toList();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).startsWith("ktrdr: split plan: BTCUSDT has ").contains(" training rows (train ")
                .contains("below training.min_rows_per_split = 1000").contains("(and 3 more problems)");
    }

    @Test
    void aValidationSetTooSmallForEarlyStoppingIsRefusedAndSaidSoWhenEarlyStoppingIsOff() throws IOException {
        String noValidation = STRATEGY + "  data_split: {train: 0.8, validation: 0.0, test: 0.2}\n";
        Files.writeString(strategy, noValidation);
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("ktrdr: split plan: the validation set has 0 rows (BTCUSDT 0, ETHUSDT 0)")
                .contains("set training.early_stopping.enabled: false").doesNotContain("[epoch");
        err.getBuffer().setLength(0);
        Files.writeString(strategy, noValidation + "  early_stopping: {enabled: false}\n");
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString())).as(err.toString()).isZero();
        assertThat(err.toString()).contains("no validation rows: early stopping is off (training.early_stopping.enabled: "
                + "false), so all 3 epochs run");
    }

    @Test
    void symbolsSelectedByAssetClassComeFromTheDataFolder() throws IOException {
        Files.writeString(strategy, STRATEGY.replace("{mode: multi_symbol, list: [BTCUSDT, ETHUSDT]}",
                "{mode: multi_symbol, asset_classes: [crypto]}"));
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--json")).as(err.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("per_symbol").has("BTCUSDT")).isTrue();
        assertThat(doc.get("per_symbol").has("ETHUSDT")).isTrue();
        Files.writeString(strategy, STRATEGY.replace("{mode: multi_symbol, list: [BTCUSDT, ETHUSDT]}",
                "{mode: multi_symbol, asset_classes: [equity]}"));
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("training_data.symbols.asset_classes: no symbol of [equity]");
    }

    @Test
    void perSymbolTrainsOneModelPerSymbolAndBadInputExitsTwo() throws IOException {
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--per-symbol", "--json"))
                .as(err.toString()).isZero();
        JsonNode doc = new ObjectMapper().readTree(out.toString());
        assertThat(doc.get("models")).hasSize(2);
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--timeframes", "7x")).isEqualTo(2);
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--symbols", "NOPE")).isEqualTo(2);
    }
}
