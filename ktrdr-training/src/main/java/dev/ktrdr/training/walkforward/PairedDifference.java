package dev.ktrdr.training.walkforward;

import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.eval.BlockBootstrap;
import dev.ktrdr.training.eval.ScoredRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The paired difference of two models' accuracies on the same rows: {@code accuracy(a) − accuracy(b)}, the
 * mean over the rows of {@code hit_a − hit_b}, with a percentile interval from the circular block bootstrap
 * within each symbol ({@link BlockBootstrap#interval}: both models' hits are resampled together, row for
 * row, so the interval reflects the difference's own variability, not that of two separate accuracies).
 * Also per symbol (its own interval) and per window (point values).
 *
 * <p>Two identical models give a difference of exactly 0 with the interval [0, 0].
 *
 * @param a the first model's name
 * @param b the second model's name
 * @param rows paired rows (labelled rows both models evaluated)
 * @param difference {@code accuracy(a) − accuracy(b)}, a fraction; NaN without rows
 * @param low lower bound of the interval; NaN when undetermined (fewer than {@link BlockBootstrap#MIN_BLOCKS} blocks)
 * @param high upper bound; NaN when undetermined
 * @param confidence nominal coverage
 * @param verdict what the interval says
 * @param perSymbol per symbol: its rows, difference and interval (same conventions)
 * @param perWindow per window number (from 1): its rows and difference (no interval)
 */
public record PairedDifference(String a, String b, int rows, double difference, double low, double high, double confidence,
                               Verdict verdict, Map<Symbol, Part> perSymbol, List<WindowPart> perWindow) {
    /** Copies the collections. */
    public PairedDifference {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(verdict, "verdict");
        perSymbol = Collections.unmodifiableMap(new LinkedHashMap<>(perSymbol));
        perWindow = List.copyOf(perWindow);
    }

    /** What an interval of a difference says. */
    public enum Verdict {
        /** The interval lies above 0. */
        A_BETTER,
        /** The interval lies below 0. */
        B_BETTER,
        /** The interval covers 0. */
        NOT_DISTINGUISHABLE,
        /** Too few blocks for an interval. */
        UNDETERMINED;

        static Verdict of(double low, double high) {
            if (Double.isNaN(low) || Double.isNaN(high)) {
                return UNDETERMINED;
            }
            return low > 0 ? A_BETTER : high < 0 ? B_BETTER : NOT_DISTINGUISHABLE;
        }

        /**
         * @param a the first model's name
         * @param b the second model's name
         * @param confidence the interval's coverage
         * @return e.g. {@code "universal better at 95%"}, {@code "not distinguishable at 95%"}
         */
        public String label(String a, String b, double confidence) {
            String pct = Math.round(100 * confidence) + "%";
            return switch (this) {
                case A_BETTER -> a + " better at " + pct;
                case B_BETTER -> b + " better at " + pct;
                case NOT_DISTINGUISHABLE -> "not distinguishable at " + pct;
                case UNDETERMINED -> "undetermined (fewer than " + BlockBootstrap.MIN_BLOCKS + " bootstrap blocks)";
            };
        }
    }

    /**
     * @param rows paired rows
     * @param difference accuracy difference
     * @param low lower bound (NaN when undetermined)
     * @param high upper bound (NaN when undetermined)
     * @param verdict what the interval says
     */
    public record Part(int rows, double difference, double low, double high, Verdict verdict) {
    }

    /**
     * @param window window number, from 1
     * @param rows paired rows in the window
     * @param difference accuracy difference in the window, NaN without rows
     */
    public record WindowPart(int window, int rows, double difference) {
    }

    /**
     * @param a the first model's name
     * @param b the second model's name
     * @param rows the paired rows (symbols, chronological order within a symbol, horizons); its predictions are
     *     not used
     * @param hitA per row of {@code rows}, whether model a was right
     * @param hitB per row, whether model b was right
     * @param window per row, its window number (from 1)
     * @param bootstrap replicates, confidence and seed
     * @return the difference overall, per symbol and per window
     * @throws IllegalArgumentException when the arrays differ in length from the rows
     */
    public static PairedDifference of(String a, String b, ScoredRows rows, boolean[] hitA, boolean[] hitB, int[] window,
                                      BlockBootstrap bootstrap) {
        int n = rows.rows();
        if (hitA.length != n || hitB.length != n || window.length != n) {
            throw new IllegalArgumentException(n + " rows but " + hitA.length + ", " + hitB.length + " hits and "
                    + window.length + " windows");
        }
        int[] d = new int[n];
        int maxWindow = 0;
        for (int i = 0; i < n; i++) {
            d[i] = (hitA[i] ? 1 : 0) - (hitB[i] ? 1 : 0);
            maxWindow = Math.max(maxWindow, window[i]);
        }
        BlockBootstrap.Interval all = bootstrap.interval(rows, sample -> mean(d, sample));
        Map<Symbol, Part> perSymbol = new LinkedHashMap<>();
        for (int k = 0; k < rows.symbols().size(); k++) {
            int[] mine = rows.rowsOf(k);
            if (mine.length == 0) {
                continue;
            }
            int[] dk = new int[mine.length];
            for (int i = 0; i < mine.length; i++) {
                dk[i] = d[mine[i]];
            }
            ScoredRows one = ScoredRows.of(List.of(rows.symbols().get(k)), new int[mine.length], pick(rows.actual(), mine),
                    pick(rows.actual(), mine), null, new int[] {rows.horizons()[k]});
            BlockBootstrap.Interval iv = bootstrap.interval(one, sample -> mean(dk, sample));
            perSymbol.put(rows.symbols().get(k), new Part(mine.length, iv.point(), iv.low(), iv.high(), Verdict.of(iv.low(), iv.high())));
        }
        List<WindowPart> perWindow = new ArrayList<>();
        for (int w = 1; w <= maxWindow; w++) {
            long sum = 0;
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (window[i] == w) {
                    sum += d[i];
                    count++;
                }
            }
            perWindow.add(new WindowPart(w, count, count == 0 ? Double.NaN : (double) sum / count));
        }
        return new PairedDifference(a, b, n, n == 0 ? Double.NaN : all.point(), n == 0 ? Double.NaN : all.low(),
                n == 0 ? Double.NaN : all.high(), bootstrap.confidence(), n == 0 ? Verdict.UNDETERMINED : Verdict.of(all.low(), all.high()),
                perSymbol, perWindow);
    }

    private static byte[] pick(byte[] v, int[] idx) {
        byte[] out = new byte[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }

    private static double mean(int[] d, int[] sample) {
        if (sample.length == 0) {
            return Double.NaN;
        }
        long s = 0;
        for (int i : sample) {
            s += d[i];
        }
        return (double) s / sample.length;
    }

    /**
     * @return one line, e.g. {@code "universal − per_symbol: accuracy +2.10 pts [-0.50, +4.70] (95%, 12345 paired
     *     rows): not distinguishable at 95%"}
     */
    public String line() {
        String iv = Double.isNaN(low) ? "[no interval]" : String.format(Locale.ROOT, "[%+.2f, %+.2f]", 100 * low, 100 * high);
        return String.format(Locale.ROOT, "%s − %s: accuracy %+.2f pts %s (%d%%, %d paired rows): %s", a, b, 100 * difference,
                iv, Math.round(100 * confidence), rows, verdict.label(a, b, confidence));
    }
}
