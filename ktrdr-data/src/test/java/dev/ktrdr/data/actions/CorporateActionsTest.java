package dev.ktrdr.data.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CsvBars;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorporateActionsTest {
    static final Symbol S = Symbol.of("ACME");
    static final long DAY = 86_400_000L;
    @TempDir
    Path dir;

    /** Six daily bars 2021-01-04..09: a 2:1 split on the 6th, a 1.00 dividend on the 8th. */
    static BarSeries raw() {
        long t0 = Instant.parse("2021-01-04T00:00:00Z").toEpochMilli();
        double[] close = {100, 102, 51, 52, 50, 51};
        double[] open = {99, 101, 51.5, 51, 51, 50.5};
        int n = close.length;
        long[] ot = new long[n];
        long[] ct = new long[n];
        double[] hi = new double[n];
        double[] lo = new double[n];
        double[] vol = new double[n];
        for (int i = 0; i < n; i++) {
            ot[i] = t0 + i * DAY;
            ct[i] = ot[i] + DAY;
            hi[i] = Math.max(open[i], close[i]) + 1;
            lo[i] = Math.min(open[i], close[i]) - 1;
            vol[i] = 1000;
        }
        return new BarSeries(S, Timeframe.D1, ot, ct, open, hi, lo, close, vol);
    }

    @Test
    void ratioMethodByHandOnASplitAndADividend() throws Exception {
        Files.writeString(dir.resolve(CorporateActions.FILE_NAME), "symbol,date,type,value\nACME,2021-01-06,split,2\nACME,2021-01-08,dividend,1\n");
        CorporateActions ca = CorporateActions.load(dir);
        assertThat(ca.of(S)).hasSize(2);
        BarSeries adj = ca.adjust(raw());
        // Dividend factor: 1 - 1/52 (close before the 8th); split factor 1/2 before the 6th.
        double fd = 1 - 1.0 / 52;
        assertThat(adj.close(5)).isEqualTo(51.0);
        assertThat(adj.close(4)).isEqualTo(50.0);
        assertThat(adj.close(3)).isEqualTo(52 * fd);
        assertThat(adj.close(2)).isEqualTo(51 * fd);
        assertThat(adj.close(1)).isEqualTo(102 * (fd * 0.5));
        assertThat(adj.close(0)).isEqualTo(100 * (fd * 0.5));
        assertThat(adj.volume(0)).isEqualTo(1000 / (fd * 0.5));
        assertThat(adj.volume(5)).isEqualTo(1000.0);
        // The split jump is gone from the adjusted series but flagged in the raw one.
        assertThat(SplitDetector.detect(raw())).extracting(SplitDetector.Suspect::ratio).containsExactly("2:1");
        assertThat(SplitDetector.detect(raw()).get(0).at()).isEqualTo(Instant.parse("2021-01-06T00:00:00Z"));
        assertThat(SplitDetector.detect(adj)).isEmpty();
        BarSeries r = raw();
        assertThat(CorporateActions.load(dir.resolve("no-such-folder")).adjust(r)).as("no actions file: bars as stored").isSameAs(r);
    }

    @Test
    void aFolderWithAnActionsFileIsReadAdjusted() throws Exception {
        CsvBars.write(dir.resolve("ACME_1d.csv"), raw());
        Files.writeString(dir.resolve(CorporateActions.FILE_NAME), "symbol,date,type,value\nACME,2021-01-06,split,2\n");
        var src = dev.ktrdr.data.source.DataSources.open(dir.toString());
        assertThat(src.load(S, Timeframe.D1).close(0)).isEqualTo(50.0);
        assertThat(src.description()).endsWith("(adjusted by corporate_actions.csv)");
        Files.delete(dir.resolve(CorporateActions.FILE_NAME));
        assertThat(dev.ktrdr.data.source.DataSources.open(dir.toString()).load(S, Timeframe.D1).close(0)).isEqualTo(100.0);
    }

    @Test
    void badRowsNameFileAndLine() throws Exception {
        Path f = dir.resolve("a.csv");
        Files.writeString(f, "symbol,date,type,value\nACME,2021-01-06,merger,2\n");
        assertThatThrownBy(() -> CorporateActions.read(f)).isInstanceOf(DataException.class).hasMessage(f + ":2: type 'merger' is not split or dividend");
        Files.writeString(f, "symbol,date,type,value\nACME,2021-13-06,split,2\n");
        assertThatThrownBy(() -> CorporateActions.read(f)).hasMessageContaining(f + ":2: date '2021-13-06'");
        Files.writeString(f, "symbol,date,type,value\nACME,2021-01-06,split,1\n");
        assertThatThrownBy(() -> CorporateActions.read(f)).hasMessageContaining(f + ":2: split value 1.0 must be");
        Files.writeString(f, "symbol,date,type,value\nACME,2021-01-08,dividend,60\n");
        assertThatThrownBy(() -> CorporateActions.read(f).adjust(raw())).hasMessageContaining("dividend of 60.0 on 2021-01-08 is not below the close 52.0");
    }

    /**
     * Hand-check on the shared AAPL 1m sample across the 2014-06-09 7:1 split: the vendor's file is
     * already split-adjusted (about 23.06 before and 23.17 after, i.e. 645.57/28 for the 7:1 and the 2020
     * 4:1), so nothing is flagged; multiplying the bars before the split by 7 (the raw prices) makes the
     * detector report exactly one 7:1 at 2014-06-09T13:30Z, and a recorded 7:1 split undoes it.
     */
    @Test
    void aaplAroundTheJune2014Split() {
        Path market = dev.ktrdr.api.testing.MarketData.folder();
        assumeTrue(Files.isRegularFile(market.resolve("AAPL_1m.csv.gz")), "AAPL_1m.csv.gz is not in KTRDR_MARKET_DATA");
        BarSeries s = CsvBars.read(market.resolve("AAPL_1m.csv.gz"), Symbol.of("AAPL"), Timeframe.M1);
        assertThat(SplitDetector.detect(s)).isEmpty();
        long ex = Instant.parse("2014-06-09T00:00:00Z").toEpochMilli();
        int n = s.size();
        long[] ot = new long[n];
        long[] ct = new long[n];
        double[][] p = new double[5][n];
        for (int i = 0; i < n; i++) {
            double k = s.openTime(i) < ex ? 7 : 1;
            ot[i] = s.openTime(i);
            ct[i] = s.closeTime(i);
            p[0][i] = s.open(i) * k;
            p[1][i] = s.high(i) * k;
            p[2][i] = s.low(i) * k;
            p[3][i] = s.close(i) * k;
            p[4][i] = s.volume(i) / k;
        }
        BarSeries rawPrices = new BarSeries(s.symbol(), s.timeframe(), ot, ct, p[0], p[1], p[2], p[3], p[4]);
        List<SplitDetector.Suspect> found = SplitDetector.detect(rawPrices);
        assertThat(found).hasSize(1);
        assertThat(found.get(0).ratio()).isEqualTo("7:1");
        assertThat(found.get(0).at()).isEqualTo(Instant.parse("2014-06-09T13:30:00Z"));
        BarSeries back = new CorporateActions(List.of(new CorporateActions.Action(Symbol.of("AAPL"), LocalDate.of(2014, 6, 9),
                CorporateActions.Type.SPLIT, 7))).adjust(rawPrices);
        assertThat(SplitDetector.detect(back)).isEmpty();
        for (int i = 0; i < n; i++) {
            assertThat(back.close(i)).isCloseTo(s.close(i), org.assertj.core.data.Offset.offset(Math.ulp(s.close(i)) * 4));
        }
    }
}
