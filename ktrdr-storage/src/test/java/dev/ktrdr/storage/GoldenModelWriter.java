package dev.ktrdr.storage;

import dev.ktrdr.api.Label;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.storage.testcodec.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * Writes a golden store for the current layout version: run once per new layout version and commit the
 * output under {@code src/test/resources/golden/layout-v{N}} (never regenerate an existing one):
 * {@code java -cp <test classpath> dev.ktrdr.storage.GoldenModelWriter ktrdr-storage/src/test/resources/golden/layout-v1}.
 * Besides the store it writes {@code expected-predictions.csv}: symbol, feature values, then BUY, HOLD,
 * SELL probabilities, each printed with {@link Double#toString} (which round-trips exactly).
 */
public final class GoldenModelWriter {
    private GoldenModelWriter() {
    }

    /**
     * @param args the output directory
     * @throws IOException when writing fails
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        FileModelStore store = new FileModelStore(out);
        Path dir = store.save(Fixtures.universal("golden_strategy", 42));
        StoredModel m = store.load(dir);
        StringBuilder sb = new StringBuilder("symbol,features...,p_buy,p_hold,p_sell\n");
        SplittableRandom r = new SplittableRandom(99);
        double[] x = new double[m.model().featureSpec().size()];
        double[] p = new double[Label.COUNT];
        for (int i = 0; i < 20; i++) {
            Symbol s = Symbol.of(i % 2 == 0 ? "EURUSD" : "UNSEEN1");
            for (int j = 0; j < x.length; j++) {
                x[j] = r.nextDouble(-5, 5);
            }
            m.model().predict(x, s, p);
            sb.append(s);
            for (double v : x) {
                sb.append(',').append(v);
            }
            for (double v : p) {
                sb.append(',').append(v);
            }
            sb.append('\n');
        }
        Files.writeString(out.resolve("expected-predictions.csv"), sb.toString(), StandardCharsets.UTF_8);
    }
}
