package dev.ktrdr.examples.cli.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.ModelScope;
import dev.ktrdr.api.Symbol;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ktrdr train S.yaml --per-symbol --horizons 1h,4h [--promote-best]}: symbols × horizons, one summary. */
class TrainHorizonsTest {
    @TempDir
    Path dir;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    Path data;
    Path strategy;

    static final String STRATEGY = TrainCommandTest.STRATEGY.replace("  architecture: {hidden_layers: [8]}\n",
            "  type: gbdt\n  gbdt: {num_trees: 30, learning_rate: 0.2, num_leaves: 7, min_data_in_leaf: 10, early_stopping_rounds: 3}\n");

    @BeforeEach
    void data() throws IOException {
        data = dir.resolve("data");
        List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.defaultUniverse().stream()
                .filter(s -> s.symbol().value().endsWith("USDT")).toList();
        SyntheticMarket.Config c = SyntheticMarket.Config.of(specs, Timeframe.H1, Instant.parse("2024-01-01T00:00:00Z"), 3000, 3);
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
    void symbolsTimesHorizonsGiveOneTableAndTheLowestValidationLossIsPromoted() throws IOException {
        Path models = dir.resolve("models");
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--models-dir", models.toString(),
                "--per-symbol", "--horizons", "1h,4h", "--promote-best", "--json")).as(err.toString()).isZero();
        JsonNode docs = new ObjectMapper().readTree(out.toString()).get("models");
        assertThat(docs).hasSize(4);
        Map<String, Double> bestLoss = new HashMap<>();
        Map<String, String> promoted = new HashMap<>();
        for (JsonNode d : docs) {
            String scope = d.get("scope").asText();
            double loss = d.get("validation_loss").asDouble();
            bestLoss.merge(scope, loss, Math::min);
            if (d.get("promoted").asBoolean()) {
                assertThat(promoted.put(scope, d.get("model_dir").asText())).as("one promoted version per scope").isNull();
            }
        }
        assertThat(bestLoss).containsOnlyKeys("BTCUSDT", "ETHUSDT");
        assertThat(promoted).containsOnlyKeys("BTCUSDT", "ETHUSDT");
        for (JsonNode d : docs) {
            if (d.get("promoted").asBoolean()) {
                assertThat(d.get("validation_loss").asDouble()).isEqualTo(bestLoss.get(d.get("scope").asText()));
            }
        }
        assertThat(docs.findValuesAsText("horizon")).containsExactly("1h", "1h", "4h", "4h");
        // the promoted version is the latest of its scope and timeframe set (4h drops the finer 1h)
        FileModelStore store = new FileModelStore(models);
        for (String s : List.of("BTCUSDT", "ETHUSDT")) {
            Path p = Path.of(promoted.get(s));
            List<Timeframe> tfs = store.readMetadata(p).timeframes();
            assertThat(store.latest("cli_demo", ModelScope.symbol(Symbol.of(s)), tfs).orElseThrow()).isEqualTo(p);
        }
        assertThat(docs.findValuesAsText("model_dir")).anyMatch(d -> d.contains("_4h_v"));

        out.getBuffer().setLength(0);
        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--per-symbol", "--horizons", "1h,4h"))
                .as(err.toString()).isZero();
        List<String> rows = out.toString().lines().filter(l -> l.startsWith("BTCUSDT") || l.startsWith("ETHUSDT")).toList();
        assertThat(rows).hasSize(4);
        assertThat(out.toString()).contains("val loss").contains("95% interval(pp)");

        assertThat(run("train", strategy.toString(), "--data-dir", data.toString(), "--horizons", "1h", "--promote-best"))
                .isNotZero();
        assertThat(err.toString()).contains("--promote-best").contains("--models-dir");
    }
}
