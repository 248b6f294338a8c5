package dev.ktrdr.training.mlp;

import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.ModelCodec;
import dev.ktrdr.api.internal.ModelCodecs;
import dev.ktrdr.api.ModelException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.TradingModel;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MlpCodecTest {

    private static MlpModel train(SymbolEncoding.Kind kind, Activation act) {
        List<SymbolRows> train = List.of(MlpTestData.xor("AAA", 200, 2, 1), MlpTestData.xor("BBB", 200, 2, 2),
                MlpTestData.xor("CCC", 200, 2, 3));
        return new MlpTrainer(MlpConfig.builder().hiddenSizes(8, 5).activation(act).symbolEncoding(kind).embeddingDim(3)
                .symbolDropout(0.1).maxEpochs(3).patience(0).seed(4).build()).train(train, List.of()).model();
    }

    @Test
    void roundTripGivesIdenticalPredictionsForEveryEncoding() {
        int a = 0;
        for (SymbolEncoding.Kind kind : SymbolEncoding.Kind.values()) {
            MlpModel m = train(kind, Activation.values()[a++ % Activation.values().length]);
            MlpCodec codec = new MlpCodec();
            TradingModel back = codec.decode(codec.encode(m), 1);
            assertThat(back.featureSpec()).isEqualTo(m.featureSpec());
            assertThat(((MlpModel) back).architecture()).isEqualTo(m.architecture());
            assertThat(((MlpModel) back).provenance()).isEqualTo(m.provenance());
            FeatureMatrix fm = MlpTestData.xor("BBB", 50, 2, 9).features();
            for (String s : new String[]{"AAA", "BBB", "CCC", "ZZZ"}) {
                double[] row = new double[fm.columns()];
                double[] p1 = new double[3];
                double[] p2 = new double[3];
                for (int r = 0; r < fm.rows(); r++) {
                    fm.copyRow(r, row, 0);
                    m.predict(row, Symbol.of(s), p1);
                    back.predict(row, Symbol.of(s), p2);
                    assertThat(p2).as(kind + " " + s).containsExactly(p1);
                }
            }
        }
    }

    @Test
    void codecIsFoundThroughTheServiceLoaderRegistry() {
        ModelCodec c = ModelCodecs.forFormat("ktrdr-mlp", 1, "test");
        assertThat(c).isInstanceOf(MlpCodec.class);
        assertThat(ModelCodecs.forModel(train(SymbolEncoding.Kind.NONE, Activation.RELU))).isInstanceOf(MlpCodec.class);
    }

    @Test
    void damagedBytesAreRefusedWithAModelException() {
        byte[] bytes = new MlpCodec().encode(train(SymbolEncoding.Kind.EMBEDDING, Activation.TANH));
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x10;
        assertThatThrownBy(() -> new MlpCodec().decode(flipped, 1)).isInstanceOf(ModelException.class)
                .hasMessageContaining("CRC");
        byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 20);
        assertThatThrownBy(() -> new MlpCodec().decode(cut, 1)).isInstanceOf(ModelException.class);
        assertThatThrownBy(() -> new MlpCodec().decode(bytes, 2)).isInstanceOf(ModelException.class)
                .hasMessageContaining("version 2");
        assertThatThrownBy(() -> new MlpCodec().decode(new byte[3], 1)).isInstanceOf(ModelException.class);
    }

    @Test
    void version1FixtureStillDecodesWithTheSamePredictions() throws IOException {
        byte[] bytes;
        String csv;
        try (InputStream m = getClass().getResourceAsStream("/fixtures/ktrdr-mlp-v1/model.b64");
             InputStream r = getClass().getResourceAsStream("/fixtures/ktrdr-mlp-v1/rows.csv")) {
            bytes = Base64.getMimeDecoder().decode(new String(m.readAllBytes(), StandardCharsets.US_ASCII).trim());
            csv = new String(r.readAllBytes(), StandardCharsets.US_ASCII);
        }
        TradingModel model = ModelCodecs.forFormat("ktrdr-mlp", 1, "0.1.0-SNAPSHOT").decode(bytes, 1);
        String[] lines = csv.trim().split("\n");
        assertThat(lines).hasSize(13);
        double[] p = new double[3];
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split(",");
            double[] row = {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3])};
            model.predict(row, Symbol.of(f[0]), p);
            // written by this library; the only allowed drift is Math.exp's last-ulp freedom across platforms
            for (int c = 0; c < 3; c++) {
                assertThat(p[c]).as(lines[i]).isCloseTo(Double.parseDouble(f[4 + c]), within(1e-12));
            }
        }
    }
}
