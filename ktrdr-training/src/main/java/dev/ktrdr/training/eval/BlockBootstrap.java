package dev.ktrdr.training.eval;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Symbol;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Confidence intervals for figures over evaluated rows by a circular block bootstrap over time within each
 * symbol (Politis and Romano's circular blocks; the percentile interval).
 *
 * <p>One replicate: for each symbol separately, its {@code n} rows (in chronological order) are treated as a
 * circle and rebuilt from blocks of {@code L} consecutive rows starting at uniformly drawn positions until
 * {@code n} rows are drawn (the last block cut short), so each symbol keeps its row count and each block keeps
 * the serial dependence of up to {@code L} bars. Symbols are resampled independently. The block length of a
 * symbol is {@link #blockLength(int, int) max(horizon, ⌈n^(1/3)⌉, 1)}, capped at {@code n}: at least the label
 * horizon, because labels whose windows overlap are dependent over that many bars.
 *
 * <p>The interval is the percentile interval of the replicates: with {@code B} replicates sorted ascending and
 * {@code α = 1 − confidence}, the bounds are the replicates at ranks {@code ⌊B·α/2⌋} and
 * {@code ⌈B·(1 − α/2)⌉ − 1} (0-based). When the rows hold fewer than {@link #MIN_BLOCKS} blocks in total
 * (Σ ⌊n/L⌋ over the symbols concerned), resampling cannot show the variability and the bounds are NaN
 * ({@link Edge.Verdict#UNDETERMINED}).
 *
 * <p>Deterministic: the same rows, replicates, confidence and seed give the same interval, bit for bit, on any
 * machine (one {@link SplittableRandom} per call, seeded with {@code seed}, drawn in a fixed order).
 * Immutable and thread-safe.
 */
public final class BlockBootstrap {
    /** Default number of replicates. */
    public static final int DEFAULT_REPLICATES = 1000;
    /** Default confidence of intervals. */
    public static final double DEFAULT_CONFIDENCE = 0.95;
    /** Fewer blocks than this in total and no interval is given. */
    public static final int MIN_BLOCKS = 10;
    /** Upper bound on replicates. */
    public static final int MAX_REPLICATES = 100_000;

    private final int replicates;
    private final double confidence;
    private final long seed;

    /**
     * @param replicates number of bootstrap replicates, in [100, {@value #MAX_REPLICATES}]
     * @param confidence nominal coverage of the intervals, in [0.5, 0.999]
     * @param seed seed of the resampling
     * @throws ConfigurationException naming the parameter and its range
     */
    public BlockBootstrap(int replicates, double confidence, long seed) {
        if (replicates < 100 || replicates > MAX_REPLICATES) {
            throw new ConfigurationException("bootstrap.replicates", replicates + " is not in [100, " + MAX_REPLICATES + "]");
        }
        if (!(confidence >= 0.5 && confidence <= 0.999)) {
            throw new ConfigurationException("bootstrap.confidence", confidence + " is not in [0.5, 0.999]");
        }
        this.replicates = replicates;
        this.confidence = confidence;
        this.seed = seed;
    }

    /**
     * @param seed seed of the resampling
     * @return {@value #DEFAULT_REPLICATES} replicates, 95% intervals
     */
    public static BlockBootstrap withSeed(long seed) {
        return new BlockBootstrap(DEFAULT_REPLICATES, DEFAULT_CONFIDENCE, seed);
    }

    /** @return number of replicates */
    public int replicates() {
        return replicates;
    }

    /** @return nominal coverage */
    public double confidence() {
        return confidence;
    }

    /** @return the seed */
    public long seed() {
        return seed;
    }

    /**
     * @param horizon the symbol's label horizon in bars, ≥ 0
     * @param rows the symbol's evaluated rows, ≥ 0
     * @return {@code max(horizon, ⌈rows^(1/3)⌉, 1)}, capped at {@code rows} (0 when {@code rows} is 0)
     */
    public static int blockLength(int horizon, int rows) {
        if (horizon < 0 || rows < 0) {
            throw new IllegalArgumentException("horizon " + horizon + " and rows " + rows + " must be ≥ 0");
        }
        if (rows == 0) {
            return 0;
        }
        int cube = (int) Math.ceil(Math.cbrt(rows));
        return Math.min(rows, Math.max(1, Math.max(horizon, cube)));
    }

    /**
     * The figures of the rows, their edge with its interval and verdict, and the same for each symbol alone
     * (each symbol's interval from the same replicates).
     *
     * @param rows evaluated rows
     * @return the report
     */
    public EdgeReport evaluate(ScoredRows rows) {
        int s = rows.symbols().size();
        int[][] bySymbol = new int[s][];
        int[] block = new int[s];
        for (int k = 0; k < s; k++) {
            bySymbol[k] = rows.rowsOf(k);
            block[k] = blockLength(rows.horizons()[k], bySymbol[k].length);
        }
        double[] overall = new double[replicates];
        double[][] per = new double[s][replicates];
        long[] counts = new long[s * Label.COUNT];
        long[] correct = new long[s];
        long[] mom = new long[s];
        boolean hasMomentum = rows.hasMomentum();
        int[][] prefix = new int[s][];
        for (int k = 0; k < s; k++) {
            prefix[k] = prefix(rows, bySymbol[k]);
        }
        long[] sum = new long[PREFIX_FIELDS];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int b = 0; b < replicates; b++) {
            // the blocks resample() would draw, in the same order from the same generator, each counted in O(1)
            // from its symbol's prefix sums instead of row by row
            for (int k = 0; k < s; k++) {
                int n = bySymbol[k].length;
                Arrays.fill(sum, 0);
                int filled = 0;
                while (filled < n) {
                    int start = rng.nextInt(n);
                    int take = Math.min(block[k], n - filled);
                    addBlock(prefix[k], n, start, take, sum);
                    filled += take;
                }
                counts[k * Label.COUNT] = sum[0];
                counts[k * Label.COUNT + 1] = sum[1];
                counts[k * Label.COUNT + 2] = n - sum[0] - sum[1];
                correct[k] = sum[2];
                mom[k] = sum[3];
            }
            overall[b] = edgeOf(counts, correct, mom, hasMomentum);
            for (int k = 0; k < s; k++) {
                per[k][b] = edgeOfSymbol(counts, correct, mom, hasMomentum, k);
            }
        }
        BaselineFigures figures = BaselineFigures.of(rows);
        Edge edge = edge(figures, overall, blocks(bySymbol, block, -1));
        Map<Symbol, BaselineFigures> perFigures = new LinkedHashMap<>();
        Map<Symbol, Edge> perEdge = new LinkedHashMap<>();
        Map<Symbol, Integer> blocks = new LinkedHashMap<>();
        for (int k = 0; k < s; k++) {
            Symbol sym = rows.symbols().get(k);
            BaselineFigures f = BaselineFigures.ofSymbol(rows, k);
            perFigures.put(sym, f);
            perEdge.put(sym, edge(f, per[k], blocks(bySymbol, block, k)));
            blocks.put(sym, block[k]);
        }
        return new EdgeReport(figures, edge, perFigures, perEdge, blocks, replicates, seed);
    }

    /**
     * A statistic of a resample, for intervals of figures other than the edge (e.g. the paired difference of
     * two models' accuracies on the same rows).
     */
    @FunctionalInterface
    public interface Statistic {
        /**
         * @param sample row indices into the {@link ScoredRows} (a resample: rows repeat), as many as it has
         *     rows; the array is reused between calls and must not be kept
         * @return the statistic on those rows
         */
        double of(int[] sample);
    }

    /**
     * An interval of any statistic under the same resampling as {@link #evaluate} (same blocks, same seed).
     *
     * @param rows the rows (their symbols, order and horizons define the blocks)
     * @param statistic the statistic
     * @return point value (the statistic on the rows as given: {@code 0, 1, ..., n-1}) and percentile interval;
     *     NaN bounds when the rows hold fewer than {@link #MIN_BLOCKS} blocks
     */
    public Interval interval(ScoredRows rows, Statistic statistic) {
        int s = rows.symbols().size();
        int[][] bySymbol = new int[s][];
        int[] block = new int[s];
        for (int k = 0; k < s; k++) {
            bySymbol[k] = rows.rowsOf(k);
            block[k] = blockLength(rows.horizons()[k], bySymbol[k].length);
        }
        int[] sample = new int[rows.rows()];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = i;
        }
        double point = statistic.of(sample);
        double[] reps = new double[replicates];
        SplittableRandom rng = new SplittableRandom(seed);
        for (int b = 0; b < replicates; b++) {
            resample(bySymbol, block, rng, sample);
            reps[b] = statistic.of(sample);
        }
        double[] lh = bounds(reps, blocks(bySymbol, block, -1));
        return new Interval(point, lh[0], lh[1], confidence);
    }

    /**
     * A point value with its percentile interval.
     *
     * @param point the statistic on the rows
     * @param low lower bound, NaN when undetermined
     * @param high upper bound, NaN when undetermined
     * @param confidence nominal coverage
     */
    public record Interval(double point, double low, double high, double confidence) {
        /** @return whether the interval is determined and contains {@code x} */
        public boolean covers(double x) {
            return low <= x && x <= high;
        }
    }

    private Edge edge(BaselineFigures f, double[] reps, long blocks) {
        double[] lh = f.rows() == 0 ? new double[] {Double.NaN, Double.NaN} : bounds(reps, blocks);
        return new Edge(f.edge(), lh[0], lh[1], confidence, f.against(), Edge.Verdict.of(lh[0], lh[1]));
    }

    private double[] bounds(double[] reps, long blocks) {
        if (blocks < MIN_BLOCKS) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] r = reps.clone();
        Arrays.sort(r);
        double alpha = 1 - confidence;
        int lo = (int) Math.floor(r.length * alpha / 2);
        int hi = (int) Math.ceil(r.length * (1 - alpha / 2)) - 1;
        return new double[] {r[Math.max(0, lo)], r[Math.min(r.length - 1, hi)]};
    }

    private static long blocks(int[][] bySymbol, int[] block, int only) {
        long n = 0;
        for (int k = 0; k < bySymbol.length; k++) {
            if ((only < 0 || k == only) && block[k] > 0) {
                n += bySymbol[k].length / block[k];
            }
        }
        return n;
    }

    /** Prefix sums per row position: rows of class 0, of class 1, predicted right, momentum right. */
    private static final int PREFIX_FIELDS = 4;

    /**
     * Running counts over a symbol's rows in chronological order: entry {@code p * 4 + f} counts field
     * {@code f} over its first {@code p} rows (exact integers).
     */
    private static int[] prefix(ScoredRows rows, int[] mine) {
        int[] p = new int[(mine.length + 1) * PREFIX_FIELDS];
        boolean hasMomentum = rows.hasMomentum();
        for (int t = 0; t < mine.length; t++) {
            int i = mine[t];
            int at = t * PREFIX_FIELDS;
            byte a = rows.actualAt(i);
            p[at + PREFIX_FIELDS] = p[at] + (a == 0 ? 1 : 0);
            p[at + PREFIX_FIELDS + 1] = p[at + 1] + (a == 1 ? 1 : 0);
            p[at + PREFIX_FIELDS + 2] = p[at + 2] + (rows.predictedAt(i) == a ? 1 : 0);
            p[at + PREFIX_FIELDS + 3] = p[at + 3] + (hasMomentum && rows.momentumAt(i) == a ? 1 : 0);
        }
        return p;
    }

    /** Adds the counts of the circular block of {@code take} rows from position {@code start} of {@code n}. */
    private static void addBlock(int[] p, int n, int start, int take, long[] sum) {
        int end = start + take;
        for (int f = 0; f < PREFIX_FIELDS; f++) {
            sum[f] += end <= n ? p[end * PREFIX_FIELDS + f] - p[start * PREFIX_FIELDS + f]
                    : p[n * PREFIX_FIELDS + f] - p[start * PREFIX_FIELDS + f] + p[(end - n) * PREFIX_FIELDS + f];
        }
    }

    /** Fills {@code sample} symbol after symbol with circular blocks of each symbol's rows. */
    private static void resample(int[][] bySymbol, int[] block, SplittableRandom rng, int[] sample) {
        int j = 0;
        for (int k = 0; k < bySymbol.length; k++) {
            int[] r = bySymbol[k];
            int n = r.length;
            int filled = 0;
            while (filled < n) {
                int start = rng.nextInt(n);
                int take = Math.min(block[k], n - filled);
                for (int t = 0; t < take; t++) {
                    int p = start + t;
                    sample[j++] = r[p >= n ? p - n : p];
                }
                filled += take;
            }
        }
    }

    /** The edge of one symbol's counts (what {@link #edgeOf} gives when only that symbol has rows). */
    private static double edgeOfSymbol(long[] counts, long[] correct, long[] mom, boolean hasMomentum, int k) {
        long x0 = counts[k * Label.COUNT];
        long x1 = counts[k * Label.COUNT + 1];
        long x2 = counts[k * Label.COUNT + 2];
        return edge(x0 + x1 + x2, Math.max(x0, Math.max(x1, x2)), correct[k], mom[k], hasMomentum);
    }

    /** Edge of the counts of every symbol together; NaN on zero rows. */
    private static double edgeOf(long[] counts, long[] correct, long[] mom, boolean hasMomentum) {
        long n = 0;
        long c = 0;
        long m = 0;
        long major = 0;
        for (int k = 0; k < correct.length; k++) {
            long x0 = counts[k * Label.COUNT];
            long x1 = counts[k * Label.COUNT + 1];
            long x2 = counts[k * Label.COUNT + 2];
            n += x0 + x1 + x2;
            major += Math.max(x0, Math.max(x1, x2));
            c += correct[k];
            m += mom[k];
        }
        return edge(n, major, c, m, hasMomentum);
    }

    private static double edge(long n, long major, long c, long m, boolean hasMomentum) {
        if (n == 0) {
            return Double.NaN;
        }
        double base = (double) major / n;
        if (hasMomentum) {
            base = Math.max(base, (double) m / n);
        }
        return (double) c / n - base;
    }
}
