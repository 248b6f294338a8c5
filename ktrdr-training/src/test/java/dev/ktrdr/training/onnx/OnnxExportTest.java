package dev.ktrdr.training.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.ModelTrainer;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.sdk.DataSource;
import dev.ktrdr.storage.FileModelStore;
import dev.ktrdr.training.features.StackedRows;
import dev.ktrdr.training.features.SymbolDataset;
import dev.ktrdr.training.mlp.MlpModel;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every exported MLP, run in ONNX Runtime on its stored model's test rows (rebuilt by the same training run),
 * gives the library's probabilities within 1e-5: per-symbol (no symbol input), universal with one-hot, index and
 * embedding encodings, and an unknown symbol in each universal model.
 */
class OnnxExportTest {
    static final double TOLERANCE = 1e-5;
    static final Symbol UNKNOWN = Symbol.of("NOTTRAINED");

    @TempDir
    static Path dir;
    static DataSource data;
    static String yaml;
    static FileModelStore store;
    static OrtEnvironment env;

    @BeforeAll
    static void market() throws IOException {
        Path folder = dir.resolve("data");
        SyntheticMarket.Config config = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2020-01-01T00:00:00Z"), 3_000, 11);
        Map<Symbol, BarSeries> series = SyntheticMarket.generate(config);
        SyntheticMarket.writeFolder(folder, config, series);
        data = DataSource.folder(folder);
        try (InputStream in = OnnxExportTest.class.getResourceAsStream("/strategies/sdk_universal.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("epochs: 4", "epochs: 2");
        }
        store = new FileModelStore(dir.resolve("models"));
        env = OrtEnvironment.getEnvironment();
    }

    @AfterAll
    static void close() {
        // the environment is a process-wide singleton in ONNX Runtime: nothing to close here
        assertThat(env).isNotNull();
    }

    /** Trains with the encoding, stores the model, loads it back and returns it with its test rows. */
    private static Trained train(String encoding, List<Symbol> symbols, boolean symbolSpecific) {
        String text = yaml.replace("symbol_encoding: {type: embedding, dim: 3, unknown_symbol_dropout: 0.1}",
                "symbol_encoding: " + encoding);
        assertThat(text).contains(encoding);
        StrategyTrainer trainer = new StrategyTrainer();
        StrategyTrainer.Run run = trainer.run(new ModelTrainer.TrainingRequest(text, "onnx_" + encoding, data.bars(),
                data::info, symbols, List.of()), ProgressListener.NONE, symbolSpecific);
        Path version = store.save(run.result().artifacts());
        StoredModel stored = store.load(version);
        List<SymbolDataset> datasets = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        for (StrategyTrainer.Prepared p : run.prepared()) {
            datasets.add(p.dataset());
            test.add(run.split().of(p.dataset().symbol()).test());
        }
        return new Trained(stored, StackedRows.of(datasets, test));
    }

    record Trained(StoredModel stored, StackedRows rows) {
    }

    /** Runs the exported model on the rows (each with its own symbol, or all with {@code override}). */
    private static double maxDifference(Trained t, Symbol override) throws OrtException {
        OnnxMl.ModelProto proto = OnnxExport.defaults().export(t.stored());
        MlpModel model = (MlpModel) t.stored().model();
        StackedRows rows = t.rows();
        int n = rows.rows();
        int f = rows.columns();
        assertThat(n).as("test rows").isGreaterThan(50);
        double[] x = rows.features();
        int[] sym = rows.symbolIndex();
        float[][] input = new float[n][f];
        String[] symbols = new String[n];
        double[][] expected = new double[n][Label.COUNT];
        double[] row = new double[f];
        for (int r = 0; r < n; r++) {
            System.arraycopy(x, r * f, row, 0, f);
            for (int j = 0; j < f; j++) {
                input[r][j] = (float) row[j];
            }
            Symbol s = override != null ? override : rows.symbols().get(sym[r]);
            symbols[r] = s.value();
            // the library sees the float the ONNX input carries, so the comparison is of the models alone
            double[] asFloat = new double[f];
            for (int j = 0; j < f; j++) {
                asFloat[j] = input[r][j];
            }
            model.predict(asFloat, s, expected[r]);
        }
        boolean symbolInput = model.encoding().columns() > 0;
        try (OrtSession session = env.createSession(proto.toByteArray(), new OrtSession.SessionOptions());
             OnnxTensor features = OnnxTensor.createTensor(env, input);
             OnnxTensor names = OnnxTensor.createTensor(env, symbols)) {
            assertThat(session.getInputNames()).containsExactlyInAnyOrderElementsOf(symbolInput
                    ? List.of(OnnxModels.FEATURES_INPUT, OnnxModels.SYMBOL_INPUT) : List.of(OnnxModels.FEATURES_INPUT));
            Map<String, OnnxTensor> feed = new HashMap<>();
            feed.put(OnnxModels.FEATURES_INPUT, features);
            if (symbolInput) {
                feed.put(OnnxModels.SYMBOL_INPUT, names);
            }
            try (OrtSession.Result result = session.run(feed)) {
                float[][] p = (float[][]) result.get(OnnxModels.PROBABILITIES_OUTPUT).orElseThrow().getValue();
                assertThat(p.length).isEqualTo(n);
                double worst = 0;
                for (int r = 0; r < n; r++) {
                    for (int c = 0; c < Label.COUNT; c++) {
                        worst = Math.max(worst, Math.abs(p[r][c] - expected[r][c]));
                    }
                }
                return worst;
            }
        }
    }

    @Test
    void perSymbolModelWithoutSymbolInputMatchesTheLibrary() throws OrtException {
        Trained t = train("{type: none}", List.of(Symbol.of("EURUSD")), true);
        assertThat(((MlpModel) t.stored().model()).encoding().columns()).isZero();
        assertThat(maxDifference(t, null)).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void universalOneHotModelMatchesTheLibraryForKnownAndUnknownSymbols() throws OrtException {
        Trained t = train("{type: one_hot}", List.of(), false);
        assertThat(maxDifference(t, null)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(maxDifference(t, UNKNOWN)).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void universalIndexModelMatchesTheLibraryForKnownAndUnknownSymbols() throws OrtException {
        Trained t = train("{type: index}", List.of(), false);
        assertThat(maxDifference(t, null)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(maxDifference(t, UNKNOWN)).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void universalEmbeddingModelMatchesTheLibraryAndCarriesItsSpecAndSymbolMap() throws Exception {
        Trained t = train("{type: embedding, dim: 3, unknown_symbol_dropout: 0.2}", List.of(), false);
        assertThat(maxDifference(t, null)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(maxDifference(t, UNKNOWN)).isLessThanOrEqualTo(TOLERANCE);
        // the unknown slot really differs from a known symbol's: the test would not pass by ignoring the symbol
        MlpModel model = (MlpModel) t.stored().model();
        assertThat(model.embedding(UNKNOWN)).isNotEqualTo(model.embedding(Symbol.of("EURUSD")));

        Path file = dir.resolve("embedding.onnx");
        long bytes = OnnxExport.defaults().write(t.stored(), file);
        assertThat(Files.size(file)).isEqualTo(bytes);
        OnnxMl.ModelProto read = OnnxMl.ModelProto.parseFrom(Files.readAllBytes(file));
        Map<String, String> props = OnnxModels.properties(read);
        ObjectMapper json = new ObjectMapper();
        List<String> spec = new ArrayList<>();
        json.readTree(props.get(OnnxModels.FEATURE_SPEC_KEY)).forEach(n -> spec.add(n.textValue()));
        assertThat(spec).isEqualTo(model.featureSpec().names());
        JsonNode map = json.readTree(props.get(OnnxModels.SYMBOL_MAP_KEY));
        assertThat(map.get("encoding").textValue()).isEqualTo("embedding");
        assertThat(map.get("unknown_slot").intValue()).isEqualTo(3);
        assertThat(map.get("slots").get("EURUSD").intValue()).isEqualTo(model.slotOf(Symbol.of("EURUSD")));
        assertThat(props.get(OnnxModels.CLASSES_KEY)).isEqualTo("[\"BUY\",\"HOLD\",\"SELL\"]");
        assertThat(props).containsEntry("ktrdr.strategy", "sdk_universal").containsEntry("ktrdr.base_timeframe", "1h");
    }

    @Test
    void aModelFormatWithoutExporterIsOneClearError() {
        Trained t = train("{type: index}", List.of(Symbol.of("GBPUSD")), true);
        StoredModel other = new StoredModel(t.stored().directory(), t.stored().version(),
                t.stored().metadata().toBuilder().format("ktrdr-other", 1).build(), t.stored().model());
        assertThatThrownBy(() -> OnnxExport.defaults().export(other))
                .isInstanceOf(ModelException.class)
                .hasMessageContaining("no ONNX exporter for model format 'ktrdr-other'")
                .hasMessageContaining("ktrdr-mlp")
                .hasMessageNotContaining("\n");
        assertThat(OnnxExport.defaults().formats()).containsExactly("ktrdr-gbdt", "ktrdr-mlp");
    }
}
