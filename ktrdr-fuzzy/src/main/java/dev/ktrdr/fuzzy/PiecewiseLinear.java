package dev.ktrdr.fuzzy;

import dev.ktrdr.api.ConfigurationException;
import java.util.Objects;

/**
 * Triangular, trapezoidal and shoulder memberships: {@code max(0, min(1, rising, falling))} with linear
 * edges, step edges (zero width) or no edge (the open side of a shoulder). See
 * {@link MembershipFunction} for the exact definition of edges and degenerate shapes.
 *
 * <p>Implementation: an edge is evaluated as {@code (x − anchor)·s·k} (rising) or
 * {@code (anchor − x)·s·k} (falling). A linear edge has anchor = its foot, s = its slope and k = 1 (an
 * exact no-op). A step at p is the same expression with anchor = the double just below p (rising) or
 * just above p (falling) and s = k = {@link Double#MAX_VALUE}: every x on the closed side differs from
 * the anchor by at least the smallest positive double, so the product is at least 1; every x on the
 * open side gives a product ≤ 0. Steps thus share the branch-free, vectorisable loop of linear edges.
 * Only a step at ±{@link Double#MAX_VALUE} (whose neighbour is infinite) uses a branching fallback.
 */
final class PiecewiseLinear implements MembershipFunction {
    private static final int LINEAR = 0;
    private static final int STEP = 1;
    private static final int NONE = 2;
    private static final double BIG = Double.MAX_VALUE;

    private final String type;
    private final double[] parameters;
    private final int rise;
    private final int fall;
    private final double up;
    private final double upSlope;
    private final double upK;
    private final double down;
    private final double downSlope;
    private final double downK;

    private PiecewiseLinear(String type, double[] parameters, int rise, double[] upEdge, int fall, double[] downEdge) {
        this.type = type;
        this.parameters = parameters;
        this.rise = rise;
        this.up = upEdge[0];
        this.upSlope = upEdge[1];
        this.upK = upEdge[2];
        this.fall = fall;
        this.down = downEdge[0];
        this.downSlope = downEdge[1];
        this.downK = downEdge[2];
    }

    /**
     * @param a foot of the rising edge (-inf: no rising edge)
     * @param b top of the rising edge
     * @param c top of the falling edge (+inf: no falling edge)
     * @param d foot of the falling edge
     */
    static PiecewiseLinear create(String type, double[] params, double a, double b, double c, double d, String path) {
        int rise;
        double[] upEdge = {0, 0, 0};
        if (a == Double.NEGATIVE_INFINITY) {
            rise = NONE;
        } else {
            double s = slope(type, params, b - a, path);
            if (s != 0) {
                rise = LINEAR;
                upEdge = new double[] {a, s, 1.0};
            } else {
                // zero width, or so narrow that 1/width overflows: a step at the edge's top b
                double below = Math.nextDown(b);
                rise = Double.isFinite(below) ? LINEAR : STEP;
                upEdge = rise == LINEAR ? new double[] {below, BIG, BIG} : new double[] {b, 0, 0};
            }
        }
        int fall;
        double[] downEdge = {0, 0, 0};
        if (d == Double.POSITIVE_INFINITY) {
            fall = NONE;
        } else {
            double s = slope(type, params, d - c, path);
            if (s != 0) {
                fall = LINEAR;
                downEdge = new double[] {d, s, 1.0};
            } else {
                double above = Math.nextUp(c);
                fall = Double.isFinite(above) ? LINEAR : STEP;
                downEdge = fall == LINEAR ? new double[] {above, BIG, BIG} : new double[] {c, 0, 0};
            }
        }
        return new PiecewiseLinear(type, params, rise, upEdge, fall, downEdge);
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
        if (rise == LINEAR && fall == LINEAR) {
            return both(x, up, upSlope, upK, down, downSlope, downK);
        }
        if (rise == NONE && fall == LINEAR) {
            return fallOnly(x, down, downSlope, downK);
        }
        if (rise == LINEAR && fall == NONE) {
            return riseOnly(x, up, upSlope, upK);
        }
        return general(x);
    }

    @Override
    public void apply(double[] in, int from, double[] out, int outFrom, int length) {
        Objects.checkFromIndexSize(from, length, in.length);
        Objects.checkFromIndexSize(outFrom, length, out.length);
        if (from != outFrom || rise == STEP || fall == STEP) {
            for (int i = 0; i < length; i++) {
                out[outFrom + i] = apply(in[from + i]);
            }
            return;
        }
        final double a = up;
        final double sa = upSlope;
        final double ka = upK;
        final double d = down;
        final double sd = downSlope;
        final double kd = downK;
        final int to = from + length;
        // Loops that index input and output by the same i, one per shape: the JIT vectorises them (with
        // different offsets it cannot rule out an overlap of in and out). Each calls the same function as
        // apply(double).
        if (rise == LINEAR && fall == LINEAR && ka == 1.0 && kd == 1.0) {
            // no step edge: the factors k are 1 and multiplying by 1 is exact, so leaving them out gives
            // the same bits with two multiplications less per value
            for (int i = from; i < to; i++) {
                out[i] = Math.max(0.0, Math.min(1.0, Math.min((in[i] - a) * sa, (d - in[i]) * sd)));
            }
        } else if (rise == LINEAR && fall == LINEAR) {
            for (int i = from; i < to; i++) {
                out[i] = both(in[i], a, sa, ka, d, sd, kd);
            }
        } else if (rise == NONE) {
            for (int i = from; i < to; i++) {
                out[i] = fallOnly(in[i], d, sd, kd);
            }
        } else {
            for (int i = from; i < to; i++) {
                out[i] = riseOnly(in[i], a, sa, ka);
            }
        }
    }

    private static double both(double x, double a, double sa, double ka, double d, double sd, double kd) {
        return Math.max(0.0, Math.min(1.0, Math.min((x - a) * sa * ka, (d - x) * sd * kd)));
    }

    private static double fallOnly(double x, double d, double sd, double kd) {
        return Math.max(0.0, Math.min(1.0, (d - x) * sd * kd));
    }

    private static double riseOnly(double x, double a, double sa, double ka) {
        return Math.max(0.0, Math.min(1.0, (x - a) * sa * ka));
    }

    /** Fallback for a step at ±MAX_VALUE, and any mix with it. */
    private double general(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double u;
        if (rise == LINEAR) {
            u = (x - up) * upSlope * upK;
        } else if (rise == STEP) {
            u = x >= up ? 1.0 : 0.0;
        } else {
            u = 1.0;
        }
        double v;
        if (fall == LINEAR) {
            v = (down - x) * downSlope * downK;
        } else if (fall == STEP) {
            v = x <= down ? 1.0 : 0.0;
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
