package dev.ktrdr.training.backtest;

import dev.ktrdr.api.Backtester.Result;
import dev.ktrdr.api.Backtester.Trade;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.util.List;

/**
 * Writes a backtest's equity curve and trade list as CSV (comma-separated, one header line, {@code \n}
 * line ends, ISO-8601 UTC instants, numbers in Java's shortest round-trip form so that reading them back
 * gives the same doubles).
 *
 * <p>Equity: {@code time,equity,drawdown} where time is the base bar's open time, equity the value at
 * its close and drawdown the fall from the running peak as a fraction (0 at a new peak).
 *
 * <p>Trades: {@code entry_time,exit_time,direction,units,entry_price,exit_price,costs,pnl,return}, with
 * direction {@code long} or {@code short} and return = pnl ÷ (units × entry price).
 *
 * <p>Stateless and thread-safe; the writer is neither closed nor shared.
 */
public final class BacktestCsv {
    private BacktestCsv() {
    }

    /**
     * @param out where to write
     * @param result the backtest result
     * @throws UncheckedIOException when writing fails
     */
    public static void writeEquity(Writer out, Result result) {
        writeEquity(out, result.equityTimes(), result.equity());
    }

    /**
     * @param out where to write
     * @param t bar open times, UTC epoch ms
     * @param e equity at each bar's close
     * @throws UncheckedIOException when writing fails
     */
    public static void writeEquity(Writer out, long[] t, double[] e) {
        try {
            out.write("time,equity,drawdown\n");
            double peak = Double.NEGATIVE_INFINITY;
            StringBuilder line = new StringBuilder(64);
            for (int i = 0; i < e.length; i++) {
                peak = Math.max(peak, e[i]);
                double dd = peak > 0 ? (peak - e[i]) / peak : 0;
                line.setLength(0);
                line.append(Instant.ofEpochMilli(t[i])).append(',').append(e[i]).append(',').append(dd).append('\n');
                out.append(line);
            }
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("writing the equity curve failed: " + ex.getMessage(), ex);
        }
    }

    /**
     * Writes the buy-and-hold benchmark as {@code time,buy_and_hold} (the report draws it beside the equity).
     *
     * @param out where to write
     * @param t bar open times, UTC epoch ms (the equity curve's)
     * @param b the benchmark's equity at each bar's close
     * @throws UncheckedIOException when writing fails
     */
    public static void writeBuyAndHold(Writer out, long[] t, double[] b) {
        try {
            out.write("time,buy_and_hold\n");
            StringBuilder line = new StringBuilder(64);
            for (int i = 0; i < b.length; i++) {
                line.setLength(0);
                line.append(Instant.ofEpochMilli(t[i])).append(',').append(b[i]).append('\n');
                out.append(line);
            }
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("writing the buy-and-hold curve failed: " + ex.getMessage(), ex);
        }
    }

    /**
     * @param out where to write
     * @param trades the trades
     * @throws UncheckedIOException when writing fails
     */
    public static void writeTrades(Writer out, List<Trade> trades) {
        try {
            out.write("entry_time,exit_time,direction,units,entry_price,exit_price,costs,pnl,return\n");
            StringBuilder line = new StringBuilder(160);
            for (Trade t : trades) {
                line.setLength(0);
                line.append(Instant.ofEpochMilli(t.entryTime())).append(',').append(Instant.ofEpochMilli(t.exitTime()))
                        .append(',').append(t.direction() > 0 ? "long" : "short").append(',').append(t.units())
                        .append(',').append(t.entryPrice()).append(',').append(t.exitPrice()).append(',').append(t.costs())
                        .append(',').append(t.pnl()).append(',').append(t.pnl() / (t.units() * t.entryPrice())).append('\n');
                out.append(line);
            }
            out.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("writing the trade list failed: " + ex.getMessage(), ex);
        }
    }
}
