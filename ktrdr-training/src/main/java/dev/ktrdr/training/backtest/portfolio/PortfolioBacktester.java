package dev.ktrdr.training.backtest.portfolio;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Label;
import dev.ktrdr.training.backtest.DecisionStep;
import dev.ktrdr.training.backtest.EventBacktester;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A backtest of many symbols on one clock and one cash account: each symbol's decisions come from its
 * own probabilities and {@link DecisionStep} exactly as in the single-symbol
 * {@link EventBacktester} (decide at a bar's close, fill at that symbol's next open), and a
 * {@link PortfolioBook} sizes, fills and marks them across symbols.
 *
 * <p>The clock: the bars of all symbols merged in time order (a k-way merge on a binary heap, O(E log N)
 * for E bar events over N symbols), opens at their open times and closes at their close times, at equal
 * instants closes before opens and lower leg index first; one equity point per distinct close instant.
 * So symbols of different calendars (a 24/7 crypto pair beside a US equity) share one account while no
 * symbol's fill or sizing sees another's later bar.
 *
 * <p>Each leg starts at its first bar with probabilities (the warm-up bars only feed the decision step's
 * volume window, as in the single-symbol backtest), takes no decision at its last bar and has its
 * position closed at that bar's close. With one leg, {@link PortfolioSizing#EQUAL} and the leg's class
 * costs equal to an {@link dev.ktrdr.api.Backtester.Execution} of fraction-of-equity 1, the run equals
 * {@link EventBacktester#runProbabilities} bit for bit (equity, trades, fills, decisions, figures), the
 * equity points stamped with close instead of open times.
 *
 * <p>Stateless and thread-safe; every run builds its own book and decision steps ({@link RuleDecisionEngine}s
 * are {@linkplain RuleDecisionEngine#reset() reset}, each leg needs its own engine instance).
 */
public final class PortfolioBacktester {
    private static final int OPEN = 1;
    private static final int CLOSE = 0;

    /**
     * @param legs the symbols, each with its own engine
     * @param options capital, sizing, costs
     * @return the run
     * @throws DataException naming the symbol when one has no bar with probabilities
     * @throws IllegalArgumentException when two legs share an engine instance or no leg is given
     */
    public PortfolioRun run(List<PortfolioLeg> legs, PortfolioOptions options) {
        int n = legs.size();
        if (n == 0) {
            throw new IllegalArgumentException("a portfolio needs at least one symbol");
        }
        Map<Object, Integer> engines = new IdentityHashMap<>();
        for (int l = 0; l < n; l++) {
            Integer other = engines.put(legs.get(l).engine(), l);
            if (other != null) {
                throw new IllegalArgumentException("legs " + other + " (" + legs.get(other).info().symbol() + ") and " + l
                        + " (" + legs.get(l).info().symbol() + ") share one decision engine; give each its own");
            }
        }
        BarSeries[] bars = new BarSeries[n];
        double[][] p = new double[n][];
        DecisionStep[] steps = new DecisionStep[n];
        int[] first = new int[n];
        int[] cursor = new int[n];
        int[] phase = new int[n];
        long[] key = new long[n];
        List<byte[]> decided = new ArrayList<>();
        for (int l = 0; l < n; l++) {
            PortfolioLeg leg = legs.get(l);
            bars[l] = leg.bars();
            p[l] = leg.probabilitiesView();
            int start = -1;
            for (int i = 0; i < bars[l].size() && start < 0; i++) {
                if (hasRow(p[l], i)) {
                    start = i;
                }
            }
            if (start < 0) {
                throw new DataException(leg.info().symbol() + " " + bars[l].timeframe()
                        + ": no base bar has probabilities; nothing to backtest");
            }
            first[l] = start;
            if (leg.engine() instanceof RuleDecisionEngine r) {
                r.reset();
                steps[l] = new DecisionStep(r);
            } else {
                steps[l] = new DecisionStep(leg.engine(), EventBacktester.DEFAULT_VOLUME_WINDOW, true);
            }
            for (int j = Math.max(0, start - steps[l].volumeWindow() + 1); j < start; j++) {
                steps[l].addVolume(bars[l].volume(j));
            }
            byte[] d = new byte[bars[l].size()];
            Arrays.fill(d, Label.NONE);
            decided.add(d);
            cursor[l] = start;
            phase[l] = OPEN;
            key[l] = bars[l].openTime(start);
        }
        PortfolioBook book = new PortfolioBook(legs, options);
        Heap heap = new Heap(n, key, phase);
        for (int l = 0; l < n; l++) {
            heap.push(l);
        }
        while (heap.size > 0) {
            int l = heap.pop();
            BarSeries b = bars[l];
            int i = cursor[l];
            if (phase[l] == OPEN) {
                book.open(l, i, b.openTime(i), b.open(i));
                phase[l] = CLOSE;
                key[l] = b.closeTime(i);
                heap.push(l);
                continue;
            }
            double v = b.volume(i);
            DecisionStep step = steps[l];
            step.addVolume(v);
            long t = b.closeTime(i);
            boolean lastBar = i == b.size() - 1;
            book.close(l, i, t, b.close(i), lastBar);
            if (!lastBar && hasRow(p[l], i)) {
                int k = i * Label.COUNT;
                int position = book.position(l);
                Label label = step.decide(i, t, p[l][k], p[l][k + 1], p[l][k + 2], position, v);
                decided.get(l)[i] = (byte) label.index();
                book.order(l, step.target(label, position), i);
            }
            if (!lastBar) {
                cursor[l] = i + 1;
                phase[l] = OPEN;
                key[l] = b.openTime(i + 1);
                heap.push(l);
            }
            if (heap.size == 0 || key[heap.peek()] != t || phase[heap.peek()] != CLOSE) {
                book.mark(t);
            }
        }
        return PortfolioRun.of(legs, book, decided, first);
    }

    private static boolean hasRow(double[] p, int i) {
        int k = i * Label.COUNT;
        return !Double.isNaN(p[k]) && !Double.isNaN(p[k + 1]) && !Double.isNaN(p[k + 2]);
    }

    /** A binary min-heap of leg indices ordered by (time, phase: close first, leg). */
    private static final class Heap {
        private final int[] a;
        private final long[] key;
        private final int[] phase;
        int size;

        Heap(int n, long[] key, int[] phase) {
            this.a = new int[n];
            this.key = key;
            this.phase = phase;
        }

        private boolean less(int x, int y) {
            if (key[x] != key[y]) {
                return key[x] < key[y];
            }
            if (phase[x] != phase[y]) {
                return phase[x] < phase[y];
            }
            return x < y;
        }

        int peek() {
            return a[0];
        }

        void push(int leg) {
            int i = size++;
            a[i] = leg;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!less(a[i], a[parent])) {
                    break;
                }
                int tmp = a[i];
                a[i] = a[parent];
                a[parent] = tmp;
                i = parent;
            }
        }

        int pop() {
            int top = a[0];
            a[0] = a[--size];
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) {
                    break;
                }
                int c = l + 1 < size && less(a[l + 1], a[l]) ? l + 1 : l;
                if (!less(a[c], a[i])) {
                    break;
                }
                int tmp = a[i];
                a[i] = a[c];
                a[c] = tmp;
                i = c;
            }
            return top;
        }
    }
}
