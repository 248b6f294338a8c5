package dev.ktrdr.training.eval;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.features.StackedRows;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Permutation importance: how much accuracy drops when one feature's column is shuffled across rows
 * (breaking its link with the label while keeping its distribution), averaged over repeats. Aggregated
 * per timeframe (the {@code {tf}_} prefix of {@code {tf}_{set}_{membership}} names; other columns,
 * e.g. context features, fall under {@code other}) and per indicator or fuzzy set (the longest known
 * group id after the timeframe prefix), also per time window (which timeframe mattered when).
 * Those aggregates are sums of single-column drops: a group whose columns carry the same information
 * (correlated memberships, one indicator on several timeframes) can show a sum near 0 although the model
 * depends on it, since shuffling one column leaves its twins intact.
 *
 * <p>{@link #byGroup} measures a group directly: all columns of the group are shuffled together with one
 * row permutation (the block keeps its joint distribution and loses its link with the label), repeated
 * {@code repeats} times with independent permutations; it reports the mean accuracy drop, the 95% Student
 * t interval over the repeats (mean ± t<sub>0.975, R−1</sub> · s ÷ √R; it reflects the shuffles' variation
 * on these rows, not the sampling of the rows; NaN bounds with one repeat), the number of rows and of
 * repeats. Groups: {@link #timeframeColumns timeframe}, {@link #setColumns fuzzy set},
 * {@link #indicatorColumns indicator}.
 *
 * <p>Deterministic for a seed. Stateless and thread-safe.
 */
public final class PermutationImportance {
    private PermutationImportance() {
    }

    /**
     * @param baselineAccuracy accuracy with no column shuffled
     * @param perFeature accuracy drop per feature, in spec order
     * @param perTimeframe summed drop per timeframe label (and {@code other}), in first-seen order
     * @param perGroup summed drop per indicator or set id (and {@code other}), in first-seen order
     */
    public record Result(double baselineAccuracy, Map<String, Double> perFeature, Map<String, Double> perTimeframe,
                         Map<String, Double> perGroup) {
        /** Freezes the maps. */
        public Result {
            perFeature = Collections.unmodifiableMap(new LinkedHashMap<>(perFeature));
            perTimeframe = Collections.unmodifiableMap(new LinkedHashMap<>(perTimeframe));
            perGroup = Collections.unmodifiableMap(new LinkedHashMap<>(perGroup));
        }
    }

    /**
     * @param windowStart first row time in the window (inclusive)
     * @param windowEnd last row time in the window (inclusive)
     * @param result the importance within the window
     */
    public record Window(long windowStart, long windowEnd, Result result) {
    }

    /** Default number of shuffles per group in {@link #byGroup}. */
    public static final int DEFAULT_GROUP_REPEATS = 5;
    /** Upper bound on repeats. */
    public static final int MAX_REPEATS = 1000;
    /** Coverage of the intervals of {@link #byGroup}. */
    public static final double GROUP_CONFIDENCE = 0.95;

    /**
     * The importance of one group of columns.
     *
     * @param group the group's name (a timeframe label, a fuzzy set id, an indicator id or {@code other})
     * @param columns how many columns the group has
     * @param meanDrop mean accuracy drop over the repeats (accuracy with no column shuffled minus accuracy
     *     with the group's columns shuffled together)
     * @param low lower bound of the 95% t interval over the repeats, NaN with one repeat
     * @param high upper bound, NaN with one repeat
     */
    public record GroupDrop(String group, int columns, double meanDrop, double low, double high) {
        /** Checks presence. */
        public GroupDrop {
            Objects.requireNonNull(group, "group");
        }
    }

    /**
     * Group importances of one kind of group.
     *
     * @param kind what the groups are: {@code timeframe}, {@code fuzzy_set} or {@code indicator}
     * @param baselineAccuracy accuracy with no column shuffled
     * @param rows rows the accuracies were measured on
     * @param repeats independent shuffles per group
     * @param confidence coverage of the intervals (0.95)
     * @param groups one entry per group, in first-seen column order
     */
    public record GroupResult(String kind, double baselineAccuracy, int rows, int repeats, double confidence,
                              List<GroupDrop> groups) {
        /** Copies the list. */
        public GroupResult {
            Objects.requireNonNull(kind, "kind");
            groups = List.copyOf(groups);
        }

        /**
         * @return one line saying exactly what the figures are, e.g. {@code "accuracy drop when all columns
         *     of one timeframe are shuffled together (2000 rows, 5 repeats, mean and 95% interval over the
         *     repeats)"}
         */
        public String describe() {
            return "accuracy drop when all columns of one " + kind.replace('_', ' ') + " are shuffled together ("
                    + rows + " rows, " + repeats + (repeats == 1 ? " repeat, mean; no interval with one repeat)"
                    : " repeats, mean and " + Math.round(100 * confidence) + "% interval over the repeats)");
        }
    }

    /**
     * Group permutation importance: for each group, all of its columns are shuffled together with one row
     * permutation, {@code repeats} times with independent permutations, and the accuracy drop is averaged.
     * Unlike the sums of single-column drops, this catches a group whose columns are redundant with each
     * other. Costs {@code groups × repeats} classification passes.
     *
     * @param classifier the model
     * @param rows evaluation rows (all of them are used)
     * @param kind what the groups are, for labels ({@code timeframe}, {@code fuzzy_set}, {@code indicator})
     * @param groups group name to its column indices (e.g. from {@link #timeframeColumns})
     * @param repeats shuffles per group, in [1, {@value #MAX_REPEATS}]
     * @param seed the random seed; the same seed, rows and groups give the same result
     * @return the importances; mean drops NaN when there are no rows
     * @throws ConfigurationException when repeats is out of range or a column index is
     */
    public static GroupResult byGroup(BatchClassifier classifier, StackedRows rows, String kind,
                                      Map<String, int[]> groups, int repeats, long seed) {
        if (repeats < 1 || repeats > MAX_REPEATS) {
            throw new ConfigurationException("repeats", repeats + " is not in [1, " + MAX_REPEATS + "]");
        }
        int n = rows.rows();
        int cols = rows.columns();
        for (Map.Entry<String, int[]> g : groups.entrySet()) {
            for (int c : g.getValue()) {
                if (c < 0 || c >= cols) {
                    throw new ConfigurationException("groups." + g.getKey(), "column " + c + " is not in [0, " + (cols - 1) + "]");
                }
            }
        }
        double[] x = rows.features();
        byte[] y = rows.classes();
        int[] sym = rows.symbolIndex();
        double base = n == 0 ? Double.NaN : accuracy(classifier.classify(x, n, sym), y);
        double t = repeats < 2 ? Double.NaN
                : new TDistribution(null, repeats - 1).inverseCumulativeProbability(0.5 + GROUP_CONFIDENCE / 2);
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] perm = new int[n];
        double[] drops = new double[repeats];
        List<GroupDrop> out = new ArrayList<>();
        for (Map.Entry<String, int[]> g : groups.entrySet()) {
            int[] gc = g.getValue();
            if (n == 0) {
                out.add(new GroupDrop(g.getKey(), gc.length, Double.NaN, Double.NaN, Double.NaN));
                continue;
            }
            double[] saved = new double[n * gc.length];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < gc.length; j++) {
                    saved[i * gc.length + j] = x[i * cols + gc[j]];
                }
            }
            for (int rep = 0; rep < repeats; rep++) {
                for (int i = 0; i < n; i++) {
                    perm[i] = i;
                }
                for (int i = n - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    int tmp = perm[i];
                    perm[i] = perm[j];
                    perm[j] = tmp;
                }
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < gc.length; j++) {
                        x[i * cols + gc[j]] = saved[perm[i] * gc.length + j];
                    }
                }
                drops[rep] = base - accuracy(classifier.classify(x, n, sym), y);
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < gc.length; j++) {
                    x[i * cols + gc[j]] = saved[i * gc.length + j];
                }
            }
            double mean = 0;
            for (double d : drops) {
                mean += d;
            }
            mean /= repeats;
            double low = Double.NaN;
            double high = Double.NaN;
            if (repeats > 1) {
                double ss = 0;
                for (double d : drops) {
                    ss += (d - mean) * (d - mean);
                }
                double half = t * Math.sqrt(ss / (repeats - 1) / repeats);
                low = mean - half;
                high = mean + half;
            }
            out.add(new GroupDrop(g.getKey(), gc.length, mean, low, high));
        }
        return new GroupResult(kind, base, n, repeats, GROUP_CONFIDENCE, out);
    }

    /**
     * Columns per timeframe: the {@code {tf}_} prefix of the name, other columns under {@code other}.
     *
     * @param names column names in order
     * @return timeframe label to column indices, in first-seen order
     */
    public static Map<String, int[]> timeframeColumns(List<String> names) {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) {
            m.computeIfAbsent(timeframeOf(names.get(c)), k -> new ArrayList<>()).add(c);
        }
        return arrays(m);
    }

    /**
     * Columns per fuzzy set: the longest set id that follows the timeframe prefix, across timeframes;
     * other columns under {@code other}.
     *
     * @param names column names in order
     * @param setIds the strategy's fuzzy set ids
     * @return set id to column indices, in first-seen order
     */
    public static Map<String, int[]> setColumns(List<String> names, List<String> setIds) {
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) {
            m.computeIfAbsent(groupOf(names.get(c), setIds), k -> new ArrayList<>()).add(c);
        }
        return arrays(m);
    }

    /**
     * Columns per indicator: the columns of every fuzzy set that reads the indicator, across timeframes;
     * other columns under {@code other}.
     *
     * @param names column names in order
     * @param setToIndicator fuzzy set id to the id of the indicator it reads (sets not listed count as
     *     their own indicator)
     * @return indicator id to column indices, in first-seen order
     */
    public static Map<String, int[]> indicatorColumns(List<String> names, Map<String, String> setToIndicator) {
        List<String> sets = new ArrayList<>(setToIndicator.keySet());
        Map<String, List<Integer>> m = new LinkedHashMap<>();
        for (int c = 0; c < names.size(); c++) {
            String set = groupOf(names.get(c), sets);
            String ind = set.equals("other") ? "other" : setToIndicator.getOrDefault(set, set);
            m.computeIfAbsent(ind, k -> new ArrayList<>()).add(c);
        }
        return arrays(m);
    }

    private static Map<String, int[]> arrays(Map<String, List<Integer>> m) {
        Map<String, int[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /**
     * @param classifier the model
     * @param rows evaluation rows (e.g. validation or test), scaled as the model expects
     * @param groupIds indicator or fuzzy set ids to aggregate by (may be empty)
     * @param repeats shuffles per feature, ≥ 1
     * @param seed the random seed
     * @return the importances
     */
    public static Result compute(BatchClassifier classifier, StackedRows rows, List<String> groupIds, int repeats, long seed) {
        int[] all = new int[rows.rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return compute(classifier, rows, all, groupIds, repeats, seed);
    }

    /**
     * Importance per chronological window: rows are ordered by time and cut into {@code windows} parts
     * of equal row count.
     *
     * @param classifier the model
     * @param rows evaluation rows
     * @param groupIds indicator or set ids
     * @param windows number of windows, ≥ 1
     * @param repeats shuffles per feature
     * @param seed the random seed
     * @return one result per window, oldest first
     */
    public static List<Window> byTimeWindow(BatchClassifier classifier, StackedRows rows, List<String> groupIds,
                                            int windows, int repeats, long seed) {
        if (windows < 1) {
            throw new ConfigurationException("windows", windows + " is not in [1, 1000]");
        }
        long[] times = rows.times();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < times.length; i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingLong(i -> times[i]));
        List<Window> out = new ArrayList<>();
        for (int w = 0; w < windows; w++) {
            int from = (int) ((long) w * order.size() / windows);
            int to = (int) ((long) (w + 1) * order.size() / windows);
            if (from == to) {
                continue;
            }
            int[] sel = new int[to - from];
            for (int i = from; i < to; i++) {
                sel[i - from] = order.get(i);
            }
            out.add(new Window(times[sel[0]], times[sel[sel.length - 1]],
                    compute(classifier, rows, sel, groupIds, repeats, seed + w)));
        }
        return out;
    }

    /**
     * Cheap importance per timeframe: for each timeframe (and {@code other}), all of its columns are shuffled
     * together with one row permutation (the block keeps its joint distribution and loses its link with the
     * label), so it costs one classification pass per timeframe instead of one per feature. Meant for a small
     * validation sample after every epoch.
     *
     * @param classifier the model
     * @param rows evaluation rows (all of them are used)
     * @param seed the random seed
     * @return accuracy drop per timeframe label (and {@code other}), in first-seen column order; empty when
     *     there are no rows
     */
    public static Map<String, Double> byTimeframeBlock(BatchClassifier classifier, StackedRows rows, long seed) {
        int n = rows.rows();
        Map<String, Double> out = new LinkedHashMap<>();
        if (n == 0) {
            return out;
        }
        int cols = rows.columns();
        double[] x = rows.features();
        byte[] y = rows.classes();
        int[] sym = rows.symbolIndex();
        double base = accuracy(classifier.classify(x, n, sym), y);
        Map<String, List<Integer>> blocks = new LinkedHashMap<>();
        List<String> names = rows.spec().names();
        for (int c = 0; c < cols; c++) {
            blocks.computeIfAbsent(timeframeOf(names.get(c)), k -> new ArrayList<>()).add(c);
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] perm = new int[n];
        double[] shuffled = new double[n * cols];
        for (Map.Entry<String, List<Integer>> b : blocks.entrySet()) {
            for (int i = 0; i < n; i++) {
                perm[i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            System.arraycopy(x, 0, shuffled, 0, x.length);
            for (int c : b.getValue()) {
                for (int i = 0; i < n; i++) {
                    shuffled[i * cols + c] = x[perm[i] * cols + c];
                }
            }
            out.put(b.getKey(), base - accuracy(classifier.classify(shuffled, n, sym), y));
        }
        return out;
    }

    private static Result compute(BatchClassifier classifier, StackedRows rows, int[] sel, List<String> groupIds,
                                  int repeats, long seed) {
        if (repeats < 1) {
            throw new ConfigurationException("repeats", repeats + " is not in [1, 1000]");
        }
        int cols = rows.columns();
        int n = sel.length;
        double[] x = new double[n * cols];
        byte[] y = new byte[n];
        int[] sym = new int[n];
        int[] allSym = rows.symbolIndex();
        for (int i = 0; i < n; i++) {
            rows.copyRow(sel[i], x, i * cols);
            y[i] = rows.classAt(sel[i]);
            sym[i] = allSym[sel[i]];
        }
        double base = accuracy(classifier.classify(x, n, sym), y);
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] saved = new double[n];
        Map<String, Double> perFeature = new LinkedHashMap<>();
        for (int c = 0; c < cols; c++) {
            for (int i = 0; i < n; i++) {
                saved[i] = x[i * cols + c];
            }
            double drop = 0;
            for (int rep = 0; rep < repeats; rep++) {
                for (int i = n - 1; i > 0; i--) {
                    int j = rnd.nextInt(i + 1);
                    double t = x[i * cols + c];
                    x[i * cols + c] = x[j * cols + c];
                    x[j * cols + c] = t;
                }
                drop += base - accuracy(classifier.classify(x, n, sym), y);
            }
            for (int i = 0; i < n; i++) {
                x[i * cols + c] = saved[i];
            }
            perFeature.put(rows.spec().names().get(c), drop / repeats);
        }
        return aggregate(base, perFeature, groupIds);
    }

    /**
     * Aggregates per-feature importances per timeframe and per group.
     *
     * @param base the baseline accuracy to record
     * @param perFeature importance per feature name
     * @param groupIds indicator or set ids
     * @return the result
     */
    public static Result aggregate(double base, Map<String, Double> perFeature, List<String> groupIds) {
        Map<String, Double> perTf = new LinkedHashMap<>();
        Map<String, Double> perGroup = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : perFeature.entrySet()) {
            perTf.merge(timeframeOf(e.getKey()), e.getValue(), Double::sum);
            perGroup.merge(groupOf(e.getKey(), groupIds), e.getValue(), Double::sum);
        }
        return new Result(base, perFeature, perTf, perGroup);
    }

    static String timeframeOf(String feature) {
        int u = feature.indexOf('_');
        if (u > 0) {
            String prefix = feature.substring(0, u);
            for (Timeframe tf : Timeframe.values()) {
                if (tf.label().equals(prefix)) {
                    return prefix;
                }
            }
        }
        return "other";
    }

    static String groupOf(String feature, List<String> groupIds) {
        String rest = timeframeOf(feature).equals("other") ? feature : feature.substring(feature.indexOf('_') + 1);
        String best = null;
        for (String g : groupIds) {
            if (rest.startsWith(g + "_") && (best == null || g.length() > best.length())) {
                best = g;
            }
        }
        return best == null ? "other" : best;
    }

    private static double accuracy(byte[] predicted, byte[] actual) {
        int ok = 0;
        for (int i = 0; i < actual.length; i++) {
            if (predicted[i] == actual[i]) {
                ok++;
            }
        }
        return actual.length == 0 ? Double.NaN : (double) ok / actual.length;
    }
}
