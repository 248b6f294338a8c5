package dev.ktrdr.fuzzy;

import dev.ktrdr.api.ConfigurationException;

/**
 * Triangular, trapezoidal and shoulder memberships: {@code max(0, min(rising, falling))} with linear
 * edges, step edges (zero width) or no edge (the open side of a shoulder). See
 * {@link MembershipFunction} for the exact definition of edges and degenerate shapes.
 */
final class PiecewiseLinear implements MembershipFunction {
    static final int SLOPE = 0;
    static final int STEP = 1;
    static final int NONE = 2;

    private final String type;
    private final double[] parameters;
    private final int rise;
    private final int fall;
    /** Foot of the rising edge (SLOPE) or position of the rising step (STEP). */
    private final double up;
    private final double upSlope;
    /** Foot of the falling edge (SLOPE) or position of the falling step (STEP). */
    private final double down;
    private final double downSlope;

    private PiecewiseLinear(String type, double[] parameters, int rise, double up, double upSlope,
                            int fall, double down, double downSlope) {
        this.type = type;
        this.parameters = parameters;
        this.rise = rise;
        this.up = up;
        this.upSlope = upSlope;
        this.fall = fall;
        this.down = down;
        this.downSlope = downSlope;
    }

    /**
     * @param a foot of the rising edge (-inf: no rising edge)
     * @param b top of the rising edge
     * @param c top of the falling edge (+inf: no falling edge)
     * @param d foot of the falling edge
     */
    static PiecewiseLinear create(String type, double[] params, double a, double b, double c, double d, String path) {
        int rise;
        double up;
        double upSlope = 0;
        if (a == Double.NEGATIVE_INFINITY) {
            rise = NONE;
            up = a;
        } else {
            double w = b - a;
            double s = slope(type, params, w, path);
            if (s == 0) {
                // zero width, or so narrow that 1/width overflows: a step at the edge's top
                rise = STEP;
                up = b;
            } else {
                rise = SLOPE;
                up = a;
                upSlope = s;
            }
        }
        int fall;
        double down;
        double downSlope = 0;
        if (d == Double.POSITIVE_INFINITY) {
            fall = NONE;
            down = d;
        } else {
            double w = d - c;
            double s = slope(type, params, w, path);
            if (s == 0) {
                fall = STEP;
                down = c;
            } else {
                fall = SLOPE;
                down = d;
                downSlope = s;
            }
        }
        return new PiecewiseLinear(type, params, rise, up, upSlope, fall, down, downSlope);
    }

    /** @return the slope of an edge of width w, rounded up so that w * slope ≥ 1; 0 for a step */
    private static double slope(String type, double[] params, double w, String path) {
        if (!Double.isFinite(w)) {
            throw new ConfigurationException(path, type + " " + Shapes.show(params)
                    + ": an edge is wider than the largest double; use a narrower shape");
        }
        if (w == 0) {
            return 0;
        }
        double s = 1.0 / w;
        if (!Double.isFinite(s)) {
            return 0;
        }
        // round up until the edge reaches exactly 1 at its top (1 / w may round down)
        while (w * s < 1.0) {
            s = Math.nextUp(s);
        }
        return s;
    }

    @Override
    public double apply(double x) {
        if (rise == SLOPE && fall == SLOPE) {
            return slopeSlope(x, up, upSlope, down, downSlope);
        }
        return general(x, rise, up, upSlope, fall, down, downSlope);
    }

    @Override
    public void apply(double[] in, int from, double[] out, int outFrom, int length) {
        java.util.Objects.checkFromIndexSize(from, length, in.length);
        java.util.Objects.checkFromIndexSize(outFrom, length, out.length);
        final double a = up;
        final double sa = upSlope;
        final double d = down;
        final double sd = downSlope;
        if (rise == SLOPE && fall == SLOPE) {
            // the common case gets a branch-free loop the JIT can vectorise
            for (int i = 0; i < length; i++) {
                out[outFrom + i] = slopeSlope(in[from + i], a, sa, d, sd);
            }
        } else {
            final int r = rise;
            final int f = fall;
            for (int i = 0; i < length; i++) {
                out[outFrom + i] = general(in[from + i], r, a, sa, f, d, sd);
            }
        }
    }

    private static double slopeSlope(double x, double a, double sa, double d, double sd) {
        return Math.max(0.0, Math.min(1.0, Math.min((x - a) * sa, (d - x) * sd)));
    }

    private static double general(double x, int rise, double a, double sa, int fall, double d, double sd) {
        double u;
        if (rise == SLOPE) {
            u = (x - a) * sa;
        } else if (rise == STEP) {
            // NaN fails both comparisons and stays NaN
            u = x >= a ? 1.0 : (x < a ? 0.0 : x);
        } else {
            u = 1.0;
        }
        double v;
        if (fall == SLOPE) {
            v = (d - x) * sd;
        } else if (fall == STEP) {
            v = x <= d ? 1.0 : (x > d ? 0.0 : x);
        } else {
            v = 1.0;
        }
        return Math.max(0.0, Math.min(1.0, Math.min(u, v)));
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public String toString() {
        return type + Shapes.show(parameters);
    }
}
