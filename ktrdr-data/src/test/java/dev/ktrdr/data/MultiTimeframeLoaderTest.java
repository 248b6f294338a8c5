package dev.ktrdr.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiTimeframeLoaderTest {
    private static final Symbol EURUSD = Symbol.of("EURUSD");

    private static Map<Symbol, BarSeries> folder(Path dir) {
        SyntheticMarket.Config cfg = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse().subList(0, 1), Timeframe.H1,
                Instant.parse("2021-01-04T00:00:00Z"), 2000, 5);
        Map<Symbol, BarSeries> m = SyntheticMarket.generate(cfg);
        SyntheticMarket.writeFolder(dir, cfg, m);
        return m;
    }

    @Test
    void readsFilesAndResamplesTheRest(@TempDir Path dir) {
        Map<Symbol, BarSeries> m = folder(dir);
        MultiTimeframeLoader.Loaded l = new MultiTimeframeLoader(new DataFolder(dir)).load(EURUSD,
                List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1), Timeframe.H1, MissingTimeframePolicy.FAIL);
        assertThat(l.bars().timeframes()).containsExactly(Timeframe.H1, Timeframe.H4, Timeframe.D1);
        assertThat(l.origins()).containsExactly(Map.entry(Timeframe.H1, "file EURUSD_1h.csv.gz"),
                Map.entry(Timeframe.H4, "resampled from 1h (EURUSD_1h.csv.gz)"),
                Map.entry(Timeframe.D1, "resampled from 1h (EURUSD_1h.csv.gz)"));
        BarSeries expected = new CalendarResampler(Calendars.forex()).resample(m.get(EURUSD), Timeframe.D1);
        assertThat(l.bars().get(Timeframe.D1).closes()).containsExactly(expected.closes());
        assertThat(l.bars().info().assetClass()).isEqualTo(dev.ktrdr.api.AssetClass.FOREX);
    }

    @Test
    void missingTimeframeFailsByDefaultAndIsDroppedAndReportedOnRequest(@TempDir Path dir) throws IOException {
        folder(dir);
        Files.move(dir.resolve("EURUSD_1h.csv.gz"), dir.resolve("EURUSD_4h.csv.gz"));
        MultiTimeframeLoader loader = new MultiTimeframeLoader(new DataFolder(dir));
        assertThatThrownBy(() -> loader.load(EURUSD, List.of(Timeframe.H4, Timeframe.H1), Timeframe.H4, MissingTimeframePolicy.FAIL))
                .isInstanceOf(DataException.class)
                .hasMessage("no EURUSD_1h file and no finer file to resample from in " + dir + " (on disk: [4h])");
        MultiTimeframeLoader.Loaded l = loader.load(EURUSD, List.of(Timeframe.H4, Timeframe.H1), Timeframe.H4, MissingTimeframePolicy.DROP);
        assertThat(l.bars().timeframes()).containsExactly(Timeframe.H4);
        assertThat(l.dropped()).containsOnlyKeys(Timeframe.H1);
        assertThatThrownBy(() -> loader.load(EURUSD, List.of(Timeframe.H1, Timeframe.H4), Timeframe.H1, MissingTimeframePolicy.DROP))
                .isInstanceOf(DataException.class);
        assertThatThrownBy(() -> loader.load(EURUSD, List.of(Timeframe.H4), Timeframe.H1, MissingTimeframePolicy.FAIL))
                .isInstanceOf(ConfigurationException.class).hasMessage("base_timeframe: base timeframe 1h is not among [4h]");
    }

    @Test
    void dataFolderRefusesAmbiguousAndUnsafeNames(@TempDir Path dir) throws IOException {
        folder(dir);
        Files.writeString(dir.resolve("EURUSD_1h.csv"), "timestamp,open,high,low,close,volume\n");
        DataFolder f = new DataFolder(dir);
        assertThatThrownBy(() -> f.load(EURUSD, Timeframe.H1)).isInstanceOf(DataException.class)
                .hasMessageContaining("both ").hasMessageContaining("remove one");
        assertThat(DataFolder.parseName("BTC_USD_1h.csv.gz")).contains(new DataFolder.FileName(Symbol.of("BTC_USD"), Timeframe.H1));
        assertThat(DataFolder.parseName("..\\x_1h.csv")).isEmpty();
        assertThat(DataFolder.parseName("EURUSD_3h.csv")).isEmpty();
        assertThat(f.symbols()).containsExactly(EURUSD);
        assertThatThrownBy(() -> f.load(Symbol.of("GBPUSD"), Timeframe.H1)).isInstanceOf(DataException.class)
                .hasMessage("no file for GBPUSD 1h in " + dir + " (looked for GBPUSD_1h.csv.gz and .csv)");
    }
}
