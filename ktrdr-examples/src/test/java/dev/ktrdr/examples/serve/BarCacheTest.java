package dev.ktrdr.examples.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarCacheTest {
    @TempDir
    Path dir;

    private void write(int bars) {
        SyntheticMarket.Config c = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse().subList(2, 3), Timeframe.H1,
                Instant.parse("2024-01-01T00:00:00Z"), bars, 3);
        SyntheticMarket.writeFolder(dir, c, SyntheticMarket.generate(c));
    }

    @Test
    void anEntryIsReusedUntilAFileOfTheSymbolChanges() {
        write(500);
        BarCache cache = new BarCache(new DataFolder(dir));
        List<Timeframe> tfs = List.of(Timeframe.H1, Timeframe.H4);
        Symbol btc = Symbol.of("BTCUSDT");
        MultiTimeframeBars first = cache.load(btc, tfs, Timeframe.H1);
        assertThat(cache.load(btc, tfs, Timeframe.H1)).isSameAs(first);
        write(700);
        MultiTimeframeBars after = cache.load(btc, tfs, Timeframe.H1);
        assertThat(after).isNotSameAs(first);
        assertThat(after.get(Timeframe.H1).size()).isEqualTo(700);
    }
}
