package dev.ktrdr.training.mlp;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.Symbol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * Writes the format-compatibility fixture of the current codec version: {@code model.b64} (the encoded model,
 * Base64 text) and {@code rows.csv} (symbol, raw features, expected BUY/HOLD/SELL probabilities). Run once per new
 * format version into {@code src/test/resources/fixtures/ktrdr-mlp-v{N}/}; never regenerate an existing version.
 */
final class MlpFixtureGenerator {
    private MlpFixtureGenerator() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        List<SymbolRows> train = List.of(MlpTestData.xor("AAA", 300, 1, 1), MlpTestData.xor("BBB", 300, 1, 2));
        MlpConfig cfg = MlpConfig.builder().hiddenSizes(6, 4).activation(Activation.LEAKY_RELU).dropout(0.1)
                .symbolEncoding(SymbolEncoding.Kind.EMBEDDING).embeddingDim(2).symbolDropout(0.2).maxEpochs(5)
                .patience(0).seed(2026).learningRate(0.02).build();
        MlpModel model = new MlpTrainer(cfg).train(train, List.of()).model();
        byte[] bytes = new MlpCodec().encode(model);
        Files.writeString(dir.resolve("model.b64"), Base64.getMimeEncoder().encodeToString(bytes) + "\n",
                StandardCharsets.US_ASCII);
        StringBuilder csv = new StringBuilder("symbol,f0,f1,f2,p_buy,p_hold,p_sell\n");
        double[] p = new double[3];
        for (String sym : new String[]{"AAA", "BBB", "UNSEEN"}) {
            FeatureMatrix fm = MlpTestData.xor(sym, 4, 1, 77).features();
            double[] row = new double[3];
            for (int r = 0; r < fm.rows(); r++) {
                fm.copyRow(r, row, 0);
                model.predict(row, Symbol.of(sym), p);
                csv.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s,%s%n", sym, row[0], row[1], row[2], p[0], p[1],
                        p[2]));
            }
        }
        Files.writeString(dir.resolve("rows.csv"), csv.toString(), StandardCharsets.US_ASCII);
    }
}
