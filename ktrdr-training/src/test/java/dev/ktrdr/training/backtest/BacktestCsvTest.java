package dev.ktrdr.training.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.Backtester.Result;
import dev.ktrdr.api.Backtester.Trade;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BacktestCsvTest {

    @Test
    void equityCsvHasOneLinePerBarWithTheDrawdownFromThePeak() {
        Result r = new Result(List.of(), new long[] {0, 3_600_000L, 7_200_000L}, new double[] {100, 120, 90}, Map.of());
        StringWriter w = new StringWriter();
        BacktestCsv.writeEquity(w, r);
        assertThat(w.toString()).isEqualTo("time,equity,drawdown\n"
                + "1970-01-01T00:00:00Z,100.0,0.0\n"
                + "1970-01-01T01:00:00Z,120.0,0.0\n"
                + "1970-01-01T02:00:00Z,90.0,0.25\n");
    }

    @Test
    void tradeCsvRoundTripsEveryNumber() {
        Trade t = new Trade(0, 7_200_000L, -1, 10.01001001001001, 99.9, 94.094, 10.0, 48.1181181181181);
        StringWriter w = new StringWriter();
        BacktestCsv.writeTrades(w, List.of(t));
        String[] lines = w.toString().split("\n");
        assertThat(lines).hasSize(2);
        String[] f = lines[1].split(",");
        assertThat(f[0]).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(f[2]).isEqualTo("short");
        assertThat(Double.parseDouble(f[3])).isEqualTo(t.units());
        assertThat(Double.parseDouble(f[7])).isEqualTo(t.pnl());
        assertThat(Double.parseDouble(f[8])).isEqualTo(t.pnl() / (t.units() * t.entryPrice()));
    }
}
