package dev.ktrdr.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.data.actions.CorporateActions;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backtest on a folder with {@code corporate_actions.csv} fills at the raw prices and adjusts its position at
 * the split. The raw ETHUSDT file here is the synthetic series with every price doubled (and volume halved) before
 * a 2:1 split's ex-date, so its adjusted bars equal the synthetic bars bit for bit: features and decisions are the
 * same as on the plain folder, the fills before the split are at twice the price for half the units, and equity,
 * P&amp;L and the buy-and-hold line (which holds through the split) equal the plain folder's.
 */
class RawPriceBacktestTest {
    private static final Symbol ETH = Symbol.of("ETHUSDT");
    @TempDir
    Path dir;

    private static LocalDate day(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atZone(ZoneOffset.UTC).toLocalDate();
    }

    @Test
    void fillsAtRawPricesAndAdjustsThePositionAtTheSplit() throws IOException {
        SyntheticMarket.Config config = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2020-01-01T00:00:00Z"), 4_000, 42);
        Map<Symbol, BarSeries> series = SyntheticMarket.generate(config);
        Path plain = dir.resolve("plain");
        Path raw = dir.resolve("raw");
        SyntheticMarket.writeFolder(plain, config, series);
        SyntheticMarket.writeFolder(raw, config, series);
        Path models = dir.resolve("models");
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/strategies/sdk_universal.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Ktrdr onPlain = Ktrdr.open(plain, models);
        onPlain.store(onPlain.train(StrategyInput.text(yaml, "sdk_universal.yaml"), TrainOptions.DEFAULTS));
        BarSeries eth = series.get(ETH);
        BacktestOptions window = BacktestOptions.DEFAULTS.from(Instant.ofEpochMilli(eth.openTime(3_000)));
        BacktestReport expected = onPlain.backtest(onPlain.resolve("sdk_universal", "ETHUSDT"), window);
        // the ex-date: the first midnight inside a trade that spans one, after some trades closed, so a position is
        // held across the split and earlier trades filled at raw prices
        Backtester.Trade across = expected.trades().stream().skip(3)
                .filter(t -> day(t.entryTime()).isBefore(day(t.exitTime()))).findFirst().orElseThrow();
        LocalDate exDate = day(across.entryTime()).plusDays(1);
        long ex = exDate.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        int n = eth.size();
        double[] o = eth.opens(), h = eth.highs(), l = eth.lows(), c = eth.closes(), v = eth.volumes();
        for (int i = 0; i < n && eth.openTime(i) < ex; i++) {
            o[i] *= 2;
            h[i] *= 2;
            l[i] *= 2;
            c[i] *= 2;
            v[i] /= 2;
        }
        CsvBars.write(raw.resolve("ETHUSDT_1h.csv.gz"), new BarSeries(ETH, Timeframe.H1, eth.openTimes(), eth.closeTimes(),
                o, h, l, c, v));
        Files.writeString(raw.resolve(CorporateActions.FILE_NAME), "symbol,date,type,value\nETHUSDT," + exDate + ",split,2\n");

        Ktrdr onRaw = Ktrdr.open(raw, models);
        assertThat(DataSource.folder(raw).bars().load(ETH, Timeframe.H1).closes()).as("adjusted bars equal the plain ones")
                .containsExactly(eth.closes());
        BacktestReport actual = onRaw.backtest(onRaw.resolve("sdk_universal", "ETHUSDT"), window);

        assertThat(actual.trades()).hasSameSizeAs(expected.trades());
        int rawFills = 0;
        for (int k = 0; k < expected.trades().size(); k++) {
            Backtester.Trade e = expected.trades().get(k);
            Backtester.Trade a = actual.trades().get(k);
            assertThat(a.entryTime()).isEqualTo(e.entryTime());
            if (e.exitTime() < ex) {
                // closed before the split: bought and sold at the raw prices, twice the adjusted ones, for half the units
                assertThat(a.entryPrice()).as("raw fill before the split").isCloseTo(2 * e.entryPrice(), within(1e-9 * e.entryPrice()));
                assertThat(a.exitPrice()).isCloseTo(2 * e.exitPrice(), within(1e-9 * e.exitPrice()));
                assertThat(a.units()).isCloseTo(e.units() / 2, within(1e-9 * e.units()));
                rawFills++;
            } else {
                // open at the split (units x 2 at entry price / 2) or entered after it: the adjusted basis
                assertThat(a.entryPrice()).isCloseTo(e.entryPrice(), within(1e-9 * e.entryPrice()));
            }
            assertThat(a.pnl()).isCloseTo(e.pnl(), within(1e-6 * Math.max(1, Math.abs(e.pnl()))));
        }
        assertThat(rawFills).as("trades closed before the split").isPositive();
        double[] eq = expected.equity();
        double[] aq = actual.equity();
        double[] eb = expected.buyAndHold();
        double[] ab = actual.buyAndHold();
        assertThat(aq).hasSameSizeAs(eq);
        for (int i = 0; i < eq.length; i++) {
            assertThat(aq[i]).as("equity at %d", i).isCloseTo(eq[i], within(1e-9 * eq[i]));
            assertThat(ab[i]).as("buy and hold at %d", i).isCloseTo(eb[i], within(1e-9 * eb[i]));
        }
        assertThat(actual.figures().totalReturn()).isCloseTo(expected.figures().totalReturn(), within(1e-9));
    }
}
