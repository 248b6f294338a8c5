package dev.ktrdr.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.StoredModel;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.UniversalModelLoader.Resolution;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Models written by earlier releases must keep loading with identical predictions. One directory per
 * layout version lives under {@code src/test/resources/golden/layout-v{N}}, written once by
 * {@link GoldenModelWriter} and never regenerated; add one when {@link FileModelStore#LAYOUT_VERSION}
 * changes. (The codec here is the test codec; the MLP codec's own golden model belongs to ktrdr-training.)
 */
class GoldenFormatTest {

    @Test
    void layoutVersion1DirectoryLoadsWithIdenticalPredictions() throws Exception {
        Path root = Path.of(GoldenFormatTest.class.getResource("/golden/layout-v1").toURI());
        FileModelStore store = new FileModelStore(root);
        Path dir = root.resolve("golden_strategy/universal_1h-4h-1d_v1");
        assertThat(store.verify(dir)).isEmpty();
        StoredModel m = store.load(dir);
        assertThat(m.metadata().libraryVersion()).isEqualTo("0.1.0-test");
        assertThat(m.metadata().timeframes()).containsExactly(Timeframe.H1, Timeframe.H4, Timeframe.D1);
        List<String> lines = Files.readAllLines(root.resolve("expected-predictions.csv"), StandardCharsets.UTF_8);
        int n = m.model().featureSpec().size();
        double[] x = new double[n];
        double[] p = new double[Label.COUNT];
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            for (int j = 0; j < n; j++) {
                x[j] = Double.parseDouble(f[1 + j]);
            }
            m.model().predict(x, Symbol.of(f[0]), p);
            for (int k = 0; k < Label.COUNT; k++) {
                assertThat(p[k]).isEqualTo(Double.parseDouble(f[1 + n + k]));
            }
        }
        assertThat(lines).hasSize(21);
        Resolution r = new StoreModelLoader(store).resolve("golden_strategy",
                new SymbolInfo(Symbol.of("UNSEEN1"), AssetClass.EQUITY, "us-equity", Optional.empty()),
                List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1));
        assertThat(r.unseenSymbol()).isTrue();
        assertThat(r.model().directory()).isEqualTo(dir);
    }
}
