package dev.ktrdr.training.backtest.portfolio;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.Backtester.Trade;
import dev.ktrdr.training.backtest.Fill;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The account of a portfolio: one cash balance, a position per symbol, orders filled at a symbol's next
 * open, equity marked at every instant of the merged clock. The {@link PortfolioBacktester} drives it
 * from precomputed probabilities; a live host drives it from its live pipelines' decisions with the same
 * calls in the same order, and gets the same account.
 *
 * <p>Calling order (the clock): events of all symbols in time order, a bar's open at its open time and
 * its close at its close time; at equal instants every close before every open, and among closes or
 * opens the lower leg index first. After the last close at an instant, {@link #mark(long)} records the
 * equity point of that instant. So a fill at an open is sized with the prices known at that instant (the
 * other symbols' last opens or closes), and no symbol sees another's later bar.
 *
 * <p>Per leg: {@link #open} applies the splits whose ex-time has come, marks the open and fills the
 * pending order there (an exit, then an entry: a flip is two fills), with the leg's asset-class costs:
 * fill price = open × (1 ± slippage bps ÷ 10⁴) against the trader, commission max(minimum, rate × units
 * × price). {@link #close} marks the close, charges borrow on a short when enabled (annual rate × units ×
 * close × elapsed time ÷ 365.25 days, accrued from the entry fill and at each close and at the exit) and,
 * at the leg's last bar, closes its position at that close (forced). {@link #order} sets the target
 * (−1, 0, 1) to fill at the leg's next open. Sizing: {@link PortfolioSizing}.
 *
 * <p>Equity = cash + Σ units × last known price of each open position. A trade's profit is after its
 * commissions and borrow, so the symbols' contributions add up to the final minus the initial equity once
 * every position is closed. With one leg, equal sizing of weight 1 and no caps, every figure is the one
 * {@link dev.ktrdr.training.backtest.EventBacktester} computes for that symbol with fraction-of-equity
 * sizing 1, bit for bit.
 *
 * <p>Not thread-safe; one book per run.
 */
public final class PortfolioBook {
    private static final double YEAR_MS = 365.25 * 86_400_000d;

    private final int legs;
    private final double capital;
    private final PortfolioSizing sizing;
    private final boolean chargeBorrow;
    private final AssetClass[] assetClass;
    private final double[] commissionRate;
    private final double[] minimumCommission;
    private final double[] slip;
    private final double[] borrowRate;
    private final double[] barsPerYear;
    private final long[][] splitTimes;
    private final double[][] splitRatios;
    private final int[] nextSplit;

    private double cash;
    private final double[] units;
    private final int[] position;
    private final double[] last;
    private final int[] target;
    private final int[] decisionBar;
    private final long[] entryTime;
    private final double[] entryPrice;
    private final double[] entryCommission;
    private final int[] entryBar;
    private final double[] borrowOpen;
    private final long[] accruedTo;
    private final boolean[] started;
    private final double[] benchBase;
    private final double[] lastClose;
    private final double[] returns;
    private final int[] returnCount;
    private final double[] prevClose;

    // results
    private final List<List<Fill>> fills = new ArrayList<>();
    private final List<Trade> trades = new ArrayList<>();
    private int[] tradeLeg = new int[16];
    private int[] holding = new int[16];
    private final double[] contribution;
    private final double[] legNotional;
    private final double[] legCommissions;
    private final int[] legTrades;
    private double tradedNotional;
    private double commissions;
    private double slippage;
    private double borrowPaid;
    private int skippedEntries;
    private int points;
    private long[] times = new long[1024];
    private double[] equity = new double[1024];
    private double[] bench = new double[1024];
    private double[] gross = new double[1024];
    private final double[] classExposure = new double[AssetClass.values().length];
    private int exposedPoints;
    private boolean forcedThisInstant;

    /**
     * @param legs the legs (their asset class, bars per year and splits are read)
     * @param options capital, sizing, costs
     */
    public PortfolioBook(List<PortfolioLeg> legs, PortfolioOptions options) {
        Objects.requireNonNull(options, "options");
        if (legs.isEmpty()) {
            throw new IllegalArgumentException("a portfolio needs at least one symbol");
        }
        this.legs = legs.size();
        this.capital = options.initialCapital();
        this.sizing = options.sizing();
        this.chargeBorrow = options.chargeBorrow();
        int n = this.legs;
        assetClass = new AssetClass[n];
        commissionRate = new double[n];
        minimumCommission = new double[n];
        slip = new double[n];
        borrowRate = new double[n];
        barsPerYear = new double[n];
        splitTimes = new long[n][];
        splitRatios = new double[n][];
        for (int l = 0; l < n; l++) {
            PortfolioLeg leg = legs.get(l);
            assetClass[l] = leg.info().assetClass();
            AssetClassCosts c = options.costsOf(assetClass[l]);
            commissionRate[l] = c.commissionRate();
            minimumCommission[l] = c.minimumCommission();
            slip[l] = c.slippageBps() / 10_000d;
            borrowRate[l] = c.borrowRate();
            barsPerYear[l] = leg.barsPerYear();
            splitTimes[l] = leg.splits().stream().mapToLong(PortfolioLeg.Split::exTime).toArray();
            splitRatios[l] = leg.splits().stream().mapToDouble(PortfolioLeg.Split::ratio).toArray();
            fills.add(new ArrayList<>());
        }
        nextSplit = new int[n];
        cash = capital;
        units = new double[n];
        position = new int[n];
        last = new double[n];
        target = new int[n];
        decisionBar = new int[n];
        Arrays.fill(decisionBar, -1);
        entryTime = new long[n];
        entryPrice = new double[n];
        entryCommission = new double[n];
        entryBar = new int[n];
        borrowOpen = new double[n];
        accruedTo = new long[n];
        started = new boolean[n];
        benchBase = new double[n];
        lastClose = new double[n];
        returns = new double[n * sizing.lookback()];
        returnCount = new int[n];
        prevClose = new double[n];
        Arrays.fill(prevClose, Double.NaN);
        contribution = new double[n];
        legNotional = new double[n];
        legCommissions = new double[n];
        legTrades = new int[n];
    }

    /** @return the number of legs */
    public int legs() {
        return legs;
    }

    /**
     * @param leg a leg
     * @return its position: 1 long, 0 flat, −1 short
     */
    public int position(int leg) {
        return position[leg];
    }

    /**
     * A leg's bar opens: splits due are applied, the open is marked, the pending order fills.
     *
     * @param leg the leg
     * @param bar the bar's index in the leg's bars
     * @param time its open time, UTC epoch ms
     * @param open its open price
     */
    public void open(int leg, int bar, long time, double open) {
        long[] st = splitTimes[leg];
        while (nextSplit[leg] < st.length && st[nextSplit[leg]] <= time) {
            double r = splitRatios[leg][nextSplit[leg]++];
            if (position[leg] != 0) {
                units[leg] *= r;
                entryPrice[leg] /= r;
            }
            if (started[leg]) {
                benchBase[leg] /= r;
                prevClose[leg] /= r;
            }
        }
        if (!started[leg]) {
            return;
        }
        last[leg] = open;
        if (target[leg] != position[leg]) {
            if (position[leg] != 0) {
                exit(leg, bar, open, time, decisionBar[leg], false);
            }
            if (target[leg] != 0) {
                enter(leg, bar, target[leg], open, time, decisionBar[leg]);
            }
        }
    }

    /**
     * A leg's bar closes: the close is marked (the leg starts with its first close), borrow is accrued,
     * and at the leg's last bar its position is closed at this close.
     *
     * @param leg the leg
     * @param bar the bar's index
     * @param time its close time, UTC epoch ms
     * @param close its close price
     * @param lastBar whether it is the leg's last bar
     */
    public void close(int leg, int bar, long time, double close, boolean lastBar) {
        if (!started[leg]) {
            started[leg] = true;
            benchBase[leg] = close;
        }
        last[leg] = close;
        lastClose[leg] = close;
        double pc = prevClose[leg];
        if (pc == pc) {
            int k = sizing.lookback();
            returns[leg * k + returnCount[leg] % k] = close / pc - 1;
            returnCount[leg]++;
        }
        prevClose[leg] = close;
        if (position[leg] < 0 && chargeBorrow) {
            accrue(leg, time, close);
        }
        target[leg] = position[leg];
        decisionBar[leg] = -1;
        if (lastBar && position[leg] != 0) {
            forcedThisInstant = true;
            exit(leg, bar, close, time, -1, true);
        }
    }

    /**
     * Sets the position a leg should hold from its next open.
     *
     * @param leg the leg
     * @param targetPosition −1, 0 or 1
     * @param bar the bar at whose close it was decided
     */
    public void order(int leg, int targetPosition, int bar) {
        if (targetPosition < -1 || targetPosition > 1) {
            throw new IllegalArgumentException("target position " + targetPosition + " is not -1, 0 or 1");
        }
        target[leg] = targetPosition;
        decisionBar[leg] = bar;
    }

    /**
     * Records the equity point of an instant, after its last close.
     *
     * @param time the instant, UTC epoch ms
     */
    public void mark(long time) {
        if (points == times.length) {
            int m = points * 2;
            times = Arrays.copyOf(times, m);
            equity = Arrays.copyOf(equity, m);
            bench = Arrays.copyOf(bench, m);
            gross = Arrays.copyOf(gross, m);
        }
        double e = cash;
        double g = 0;
        boolean open = forcedThisInstant;
        double slot = capital / legs;
        double b = 0;
        for (int l = 0; l < legs; l++) {
            if (units[l] != 0) {
                e += units[l] * last[l];
                open = true;
            }
            b += started[l] ? slot * lastClose[l] / benchBase[l] : slot;
        }
        for (int l = 0; l < legs; l++) {
            if (units[l] != 0) {
                double x = Math.abs(units[l] * last[l]);
                g += x;
                if (e > 0) {
                    classExposure[assetClass[l].ordinal()] += x / e;
                }
            }
        }
        times[points] = time;
        equity[points] = e;
        bench[points] = b;
        gross[points] = e > 0 ? g / e : Double.NaN;
        points++;
        if (open) {
            exposedPoints++;
        }
        forcedThisInstant = false;
    }

    private double equityExcept(int leg) {
        double e = cash;
        for (int l = 0; l < legs; l++) {
            if (l != leg && units[l] != 0) {
                e += units[l] * last[l];
            }
        }
        return e;
    }

    private double grossExcept(int leg) {
        double g = 0;
        for (int l = 0; l < legs; l++) {
            if (l != leg && units[l] != 0) {
                g += Math.abs(units[l] * last[l]);
            }
        }
        return g;
    }

    private double volatility(int leg) {
        int k = sizing.lookback();
        if (returnCount[leg] < k) {
            return Double.NaN;
        }
        double mean = 0;
        for (int i = 0; i < k; i++) {
            mean += returns[leg * k + i];
        }
        mean /= k;
        double ss = 0;
        for (int i = 0; i < k; i++) {
            double d = returns[leg * k + i] - mean;
            ss += d * d;
        }
        return Math.sqrt(ss / (k - 1) * barsPerYear[leg]);
    }

    private void accrue(int leg, long time, double price) {
        if (borrowRate[leg] == 0 || time <= accruedTo[leg]) {
            return;
        }
        double cost = borrowRate[leg] * Math.abs(units[leg]) * price * ((time - accruedTo[leg]) / YEAR_MS);
        cash -= cost;
        borrowOpen[leg] += cost;
        borrowPaid += cost;
        accruedTo[leg] = time;
    }

    private void exit(int leg, int bar, double reference, long time, int decided, boolean forced) {
        if (position[leg] < 0 && chargeBorrow) {
            accrue(leg, time, reference);
        }
        int side = -position[leg];
        double qty = Math.abs(units[leg]);
        double price = reference * (1 + side * slip[leg]);
        double commission = Math.max(minimumCommission[leg], commissionRate[leg] * qty * price);
        cash -= side * qty * price + commission;
        record(leg, bar, time, decided, side, qty, reference, price, commission, forced);
        double borrow = borrowOpen[leg];
        double pnl = position[leg] * qty * (price - entryPrice[leg]) - entryCommission[leg] - commission - borrow;
        trades.add(new Trade(entryTime[leg], time, position[leg], qty, entryPrice[leg], price,
                entryCommission[leg] + commission + borrow, pnl));
        int t = trades.size();
        if (t > holding.length) {
            holding = Arrays.copyOf(holding, holding.length * 2);
            tradeLeg = Arrays.copyOf(tradeLeg, tradeLeg.length * 2);
        }
        holding[t - 1] = bar - entryBar[leg] + (forced ? 1 : 0);
        tradeLeg[t - 1] = leg;
        contribution[leg] += pnl;
        legTrades[leg]++;
        units[leg] = 0;
        position[leg] = 0;
        borrowOpen[leg] = 0;
    }

    private void enter(int leg, int bar, int side, double reference, long time, int decided) {
        double equityNow = equityExcept(leg);
        if (!(equityNow > 0)) {
            skippedEntries++;
            return;
        }
        double price = reference * (1 + side * slip[leg]);
        double notional;
        switch (sizing.mode()) {
            case EQUAL:
                notional = sizing.weight() * equityNow / legs;
                break;
            case VOLATILITY:
                notional = sizing.weight() * equityNow / legs * (sizing.targetVolatility() / volatility(leg));
                break;
            default:
                notional = sizing.symbolCap() * equityNow;
                break;
        }
        notional = Math.min(notional, sizing.symbolCap() * equityNow);
        if (sizing.grossCap() != Double.POSITIVE_INFINITY) {
            notional = Math.min(notional, sizing.grossCap() * equityNow - grossExcept(leg));
        }
        double qty = notional / price;
        if (!(qty > 0) || Double.isInfinite(qty)) {
            skippedEntries++;
            return;
        }
        double commission = Math.max(minimumCommission[leg], commissionRate[leg] * qty * price);
        cash -= side * qty * price + commission;
        record(leg, bar, time, decided, side, qty, reference, price, commission, false);
        units[leg] = side * qty;
        position[leg] = side;
        entryTime[leg] = time;
        entryPrice[leg] = price;
        entryCommission[leg] = commission;
        entryBar[leg] = bar;
        accruedTo[leg] = time;
    }

    private void record(int leg, int bar, long time, int decided, int side, double qty, double reference, double price,
                        double commission, boolean forced) {
        fills.get(leg).add(new Fill(bar, time, decided, side, qty, reference, price, commission, forced));
        tradedNotional += qty * price;
        legNotional[leg] += qty * price;
        commissions += commission;
        legCommissions[leg] += commission;
        slippage += qty * Math.abs(price - reference);
    }

    /** The account so far, as plain values (the arrays are copies). */
    State state() {
        double[] ce = new double[classExposure.length];
        for (int i = 0; i < ce.length; i++) {
            ce[i] = points == 0 ? 0 : classExposure[i] / points;
        }
        List<List<Fill>> f = new ArrayList<>();
        for (List<Fill> x : fills) {
            f.add(List.copyOf(x));
        }
        return new State(Arrays.copyOf(times, points), Arrays.copyOf(equity, points), Arrays.copyOf(bench, points),
                Arrays.copyOf(gross, points), List.copyOf(trades), Arrays.copyOf(tradeLeg, trades.size()),
                Arrays.copyOf(holding, trades.size()), List.copyOf(f), contribution.clone(), legNotional.clone(),
                legCommissions.clone(), legTrades.clone(), ce, exposedPoints, tradedNotional, commissions, slippage,
                borrowPaid, skippedEntries, cash);
    }

    /**
     * The account's record.
     *
     * @param times instants of the equity points (close times), UTC epoch ms
     * @param equity equity at each point
     * @param benchmark equal-weight buy-and-hold: capital ÷ N per symbol, bought at its first close, no costs
     * @param grossExposure Σ |notional| ÷ equity at each point
     * @param trades closed trades in exit order
     * @param tradeLeg per trade, its leg
     * @param holdingBars per trade, the leg's bars it was held
     * @param fills per leg, its fills
     * @param contribution per leg, the sum of its trades' profit after costs and borrow
     * @param notional per leg, its traded notional
     * @param commissionsByLeg per leg, its commissions
     * @param tradesByLeg per leg, its closed trades
     * @param exposureByClass per {@link AssetClass#ordinal()}, mean of the class's Σ |notional| ÷ equity over the points
     * @param exposedPoints points at which a position was open
     * @param tradedNotional Σ units × fill price
     * @param commissions commissions paid
     * @param slippage slippage paid
     * @param borrow borrow paid on shorts
     * @param skippedEntries entries not made (equity not positive, a cap reached, volatility unknown)
     * @param cash the cash balance
     */
    record State(long[] times, double[] equity, double[] benchmark, double[] grossExposure, List<Trade> trades,
                        int[] tradeLeg, int[] holdingBars, List<List<Fill>> fills, double[] contribution, double[] notional,
                        double[] commissionsByLeg, int[] tradesByLeg, double[] exposureByClass, int exposedPoints,
                        double tradedNotional, double commissions, double slippage, double borrow, int skippedEntries,
                        double cash) {
        /** Equal when every component is, arrays compared by content. */
        @Override
        public boolean equals(Object o) {
            return o instanceof State x && Arrays.equals(times, x.times) && Arrays.equals(equity, x.equity)
                    && Arrays.equals(benchmark, x.benchmark) && Arrays.equals(grossExposure, x.grossExposure)
                    && trades.equals(x.trades) && Arrays.equals(tradeLeg, x.tradeLeg) && Arrays.equals(holdingBars, x.holdingBars)
                    && fills.equals(x.fills) && Arrays.equals(contribution, x.contribution) && Arrays.equals(notional, x.notional)
                    && Arrays.equals(commissionsByLeg, x.commissionsByLeg) && Arrays.equals(tradesByLeg, x.tradesByLeg)
                    && Arrays.equals(exposureByClass, x.exposureByClass) && exposedPoints == x.exposedPoints
                    && Double.compare(tradedNotional, x.tradedNotional) == 0 && Double.compare(commissions, x.commissions) == 0
                    && Double.compare(slippage, x.slippage) == 0 && Double.compare(borrow, x.borrow) == 0
                    && skippedEntries == x.skippedEntries && Double.compare(cash, x.cash) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(Arrays.hashCode(times), Arrays.hashCode(equity), trades, exposedPoints, cash);
        }

        /** Arrays are shown by length. */
        @Override
        public String toString() {
            return "State[points=" + times.length + ", trades=" + trades.size() + ", cash=" + cash + "]";
        }
    }
}
