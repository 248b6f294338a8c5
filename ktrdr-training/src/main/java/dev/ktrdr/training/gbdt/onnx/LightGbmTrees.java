package dev.ktrdr.training.gbdt.onnx;

import dev.ktrdr.api.ModelException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The trees of a LightGBM model text, parsed into plain arrays. Only what a multiclass model of numerical splits
 * has is accepted (no categorical splits, no zero-as-missing, no linear trees); anything else is refused with a
 * {@link ModelException}. Input is the text {@code GbdtModel#modelBytes()} returns (size-limited by the codec).
 */
final class LightGbmTrees {
    /** LightGBM's decision type bits: categorical, default left, missing type (2 bits). */
    private static final int CATEGORICAL = 1;
    private static final int DEFAULT_LEFT = 2;

    /**
     * One tree. Internal node i splits column {@code feature[i]} at {@code threshold[i]} ({@code x <= t} goes left);
     * a child ≥ 0 is an internal node, a child c < 0 the leaf {@code ~c}.
     */
    static final class Tree {
        final int[] feature;
        final double[] threshold;
        final boolean[] nanGoesLeft;
        final int[] left;
        final int[] right;
        final double[] leafValue;

        Tree(int[] feature, double[] threshold, boolean[] nanGoesLeft, int[] left, int[] right, double[] leafValue) {
            this.feature = feature;
            this.threshold = threshold;
            this.nanGoesLeft = nanGoesLeft;
            this.left = left;
            this.right = right;
            this.leafValue = leafValue;
        }
    }

    private LightGbmTrees() {
    }

    static int classes(String text) {
        return Integer.parseInt(header(text).getOrDefault("num_class", "1"));
    }

    private static Map<String, String> header(String text) {
        Map<String, String> h = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("Tree=")) {
                break;
            }
            int eq = line.indexOf('=');
            if (eq > 0) {
                h.put(line.substring(0, eq), line.substring(eq + 1).trim());
            }
        }
        return h;
    }

    static List<Tree> parse(String text) {
        List<Tree> trees = new ArrayList<>();
        Map<String, String> block = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("Tree=")) {
                if (block != null) {
                    trees.add(tree(block));
                }
                block = new LinkedHashMap<>();
                continue;
            }
            if (line.startsWith("end of trees")) {
                break;
            }
            if (block != null) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    block.put(line.substring(0, eq), line.substring(eq + 1).trim());
                }
            }
        }
        if (block != null) {
            trees.add(tree(block));
        }
        return trees;
    }

    private static Tree tree(Map<String, String> b) {
        int leaves = Integer.parseInt(b.get("num_leaves"));
        if (!"0".equals(b.getOrDefault("num_cat", "0")) || "1".equals(b.getOrDefault("is_linear", "0"))) {
            throw new ModelException("the LightGBM model has categorical or linear trees, which the ONNX export does not cover");
        }
        double[] leafValue = doubles(b.get("leaf_value"), leaves);
        int internal = leaves - 1;
        if (internal == 0) {
            return new Tree(new int[0], new double[0], new boolean[0], new int[0], new int[0], leafValue);
        }
        int[] feature = ints(b.get("split_feature"), internal);
        double[] threshold = doubles(b.get("threshold"), internal);
        int[] decision = ints(b.get("decision_type"), internal);
        boolean[] nanLeft = new boolean[internal];
        for (int i = 0; i < internal; i++) {
            int missing = (decision[i] >> 2) & 3;
            if ((decision[i] & CATEGORICAL) != 0 || missing == 1) {
                throw new ModelException("the LightGBM model has a categorical or zero-as-missing split, which the ONNX "
                        + "export does not cover");
            }
            // missing type none: LightGBM turns NaN into 0; type NaN: NaN takes the default direction
            nanLeft[i] = missing == 2 ? (decision[i] & DEFAULT_LEFT) != 0 : 0 <= threshold[i];
        }
        return new Tree(feature, threshold, nanLeft, ints(b.get("left_child"), internal), ints(b.get("right_child"), internal),
                leafValue);
    }

    private static int[] ints(String s, int n) {
        String[] p = fields(s, n);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = Integer.parseInt(p[i]);
        }
        return out;
    }

    private static double[] doubles(String s, int n) {
        String[] p = fields(s, n);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Double.parseDouble(p[i]);
        }
        return out;
    }

    private static String[] fields(String s, int n) {
        if (s == null) {
            throw new ModelException("the LightGBM model text lacks a tree field");
        }
        String[] p = s.split(" ");
        if (p.length != n) {
            throw new ModelException("the LightGBM model text has " + p.length + " values where " + n + " belong");
        }
        return p;
    }
}
