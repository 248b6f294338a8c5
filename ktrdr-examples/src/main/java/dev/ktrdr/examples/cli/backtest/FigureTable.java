package dev.ktrdr.examples.cli.backtest;

import dev.ktrdr.training.backtest.Performance;
import dev.ktrdr.training.backtest.portfolio.PortfolioRun;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints backtest figures grouped (returns, risk, trades, costs, benchmark) with their units and a
 * precision that suits each: returns, drawdowns, volatility, win rate and exposure in % with two
 * decimals, ratios with two decimals, counts as integers with thousands separators, amounts in the
 * account currency with two decimals and separators, holding times in bars or hours with one decimal.
 * Figures outside the groups follow under "other", alphabetically; undefined figures print as n/a.
 */
final class FigureTable {
    private enum Unit { PERCENT, RATIO, COUNT, MONEY, BARS, HOURS, TIMES, PER_YEAR }

    private record Row(String key, Unit unit) {
    }

    private static final Map<String, List<Row>> GROUPS = new LinkedHashMap<>();

    static {
        GROUPS.put("returns", List.of(new Row(Performance.TOTAL_RETURN, Unit.PERCENT),
                new Row(Performance.ANNUALIZED_RETURN, Unit.PERCENT), new Row(Performance.FINAL_EQUITY, Unit.MONEY),
                new Row(Performance.EXCESS_RETURN, Unit.PERCENT)));
        GROUPS.put("risk", List.of(new Row(Performance.SHARPE, Unit.RATIO), new Row(Performance.SORTINO, Unit.RATIO),
                new Row(Performance.CALMAR, Unit.RATIO), new Row(Performance.VOLATILITY, Unit.PERCENT),
                new Row(Performance.MAX_DRAWDOWN, Unit.PERCENT), new Row(Performance.MAX_DRAWDOWN_AMOUNT, Unit.MONEY),
                new Row(Performance.EXPOSURE, Unit.PERCENT), new Row(PortfolioRun.MEAN_GROSS_EXPOSURE, Unit.PERCENT)));
        GROUPS.put("trades", List.of(new Row(Performance.TRADE_COUNT, Unit.COUNT), new Row(Performance.WIN_RATE, Unit.PERCENT),
                new Row(Performance.PROFIT_FACTOR, Unit.RATIO), new Row(Performance.AVERAGE_WIN, Unit.MONEY),
                new Row(Performance.AVERAGE_LOSS, Unit.MONEY), new Row(Performance.LARGEST_WIN, Unit.MONEY),
                new Row(Performance.LARGEST_LOSS, Unit.MONEY), new Row(Performance.AVERAGE_HOLDING_BARS, Unit.BARS),
                new Row(Performance.MAX_HOLDING_BARS, Unit.BARS), new Row(Performance.AVERAGE_HOLDING_HOURS, Unit.HOURS),
                new Row(PortfolioRun.SKIPPED_ENTRIES, Unit.COUNT)));
        GROUPS.put("costs", List.of(new Row(Performance.COSTS_PAID, Unit.MONEY), new Row(Performance.COMMISSION_PAID, Unit.MONEY),
                new Row(Performance.SLIPPAGE_PAID, Unit.MONEY), new Row(PortfolioRun.BORROW_PAID, Unit.MONEY),
                new Row(Performance.TURNOVER, Unit.TIMES)));
        GROUPS.put("benchmark (buy and hold)", List.of(new Row(Performance.BUY_HOLD_RETURN, Unit.PERCENT),
                new Row(Performance.BUY_HOLD_ANNUALIZED_RETURN, Unit.PERCENT), new Row(Performance.BUY_HOLD_SHARPE, Unit.RATIO),
                new Row(Performance.BUY_HOLD_MAX_DRAWDOWN, Unit.PERCENT)));
        GROUPS.put("annualisation", List.of(new Row(Performance.BARS_PER_YEAR, Unit.PER_YEAR),
                new Row(PortfolioRun.SYMBOLS, Unit.COUNT)));
    }

    /** The label of amounts: the symbols' quote currency (a portfolio does not convert currencies). */
    static final String CURRENCY = "quote ccy";

    private FigureTable() {
    }

    /**
     * @param o where to print
     * @param figures the figures by key
     * @param currency the account currency's label, e.g. "USD" or "quote currency"
     */
    static void print(PrintWriter o, Map<String, Double> figures, String currency) {
        Map<String, Double> rest = new TreeMap<>(figures);
        for (Map.Entry<String, List<Row>> g : GROUPS.entrySet()) {
            boolean header = false;
            for (Row r : g.getValue()) {
                Double v = rest.remove(r.key());
                if (v == null) {
                    continue;
                }
                if (!header) {
                    o.println("  " + g.getKey());
                    header = true;
                }
                o.printf(Locale.ROOT, "    %-28s %s%n", r.key(), format(v, r.unit(), currency));
            }
        }
        if (!rest.isEmpty()) {
            o.println("  other");
            rest.forEach((k, v) -> o.printf(Locale.ROOT, "    %-28s %s%n", k, format(v, Unit.RATIO, currency)));
        }
    }

    static String format(double v, Unit unit, String currency) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+inf" : "-inf";
        }
        switch (unit) {
            case PERCENT: return String.format(Locale.ROOT, "%.2f %%", 100 * v);
            case COUNT: return String.format(Locale.ROOT, "%,d", Math.round(v));
            case MONEY: return String.format(Locale.ROOT, "%,.2f %s", v, currency);
            case BARS: return String.format(Locale.ROOT, "%.1f bars", v);
            case HOURS: return String.format(Locale.ROOT, "%.1f h", v);
            case TIMES: return String.format(Locale.ROOT, "%.2f × mean equity", v);
            case PER_YEAR: return String.format(Locale.ROOT, "%,.0f bars/year", v);
            default: return String.format(Locale.ROOT, "%.2f", v);
        }
    }
}
