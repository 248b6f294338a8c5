package dev.ktrdr.fuzzy;

/**
 * exp(y) for y ≤ 0 (or NaN) in arithmetic the JIT can vectorise: no call to {@link Math#exp}, no
 * branch, no double-to-long conversion in the arithmetic loop. Written by hand because Java 17 has no
 * vectorised exp outside the incubating Vector API, and {@code Math.exp} costs ~4 ns per value, 20 times
 * a triangular membership.
 *
 * <p>Method (the textbook one): clamp y from below at −1023.25·ln 2, split y = n·ln 2 + r with integer n and
 * |r| ≤ ln 2 ÷ 2 (n found by adding 1.5·2^52, which rounds to an integer), take exp(r) from its Taylor
 * polynomial of degree 13 (truncation below 2^-56 on that interval), and scale by 2^n, read off the
 * low bits of the shifted value. For n = −1023 the scale is 0, which flushes every
 * result below about 2^-1022.5 to 0 (y &lt; −708.74; {@code Math.exp} returns subnormals down to
 * y = −745.1). Accuracy: within 1 ulp of {@code Math.exp} for every result of at least 2^-1022 (2
 * million random arguments in the test), within 2^-1074 (one subnormal step) between 2^-1022.5 and
 * 2^-1022, 0 below; NaN gives NaN; −∞ gives 0.
 *
 * <p>{@link #apply} and the array kernel {@link #gaussian(double[], double[], int, int, double, double, double[])}
 * run the same operations in the same order, so they agree bit for bit. The kernel works in two passes
 * (polynomial, then scale) because C2 does not vectorise a loop that mixes the bit reinterpretation
 * with the polynomial.
 */
final class NegExp {
    /** ln(2^-1022) rounded up: the smallest argument whose result is a normal double. */
    static final double LOW = -708.396418532264;
    /** −1023.25·ln 2: arguments are clamped here, where n = −1023 and the scale 2^n reads as 0. */
    private static final double FLOOR = -1023.25 * 0.6931471805599453;
    private static final double LOG2E = 1.4426950408889634;
    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double SHIFTER = 0x1.8p52;
    // 1/i!, i = 2..13 (constants, not an array: C2 cannot hoist loads from an array the loop might store to)
    private static final double C2 = 1.0 / 2;
    private static final double C3 = 1.0 / 6;
    private static final double C4 = 1.0 / 24;
    private static final double C5 = 1.0 / 120;
    private static final double C6 = 1.0 / 720;
    private static final double C7 = 1.0 / 5040;
    private static final double C8 = 1.0 / 40320;
    private static final double C9 = 1.0 / 362880;
    private static final double C10 = 1.0 / 3628800;
    private static final double C11 = 1.0 / 39916800;
    private static final double C12 = 1.0 / 479001600;
    private static final double C13 = 1.0 / 6227020800L;

    private NegExp() {
    }

    /**
     * @param y an argument ≤ 0 (or NaN)
     * @return exp(y), see the class comment
     */
    static double apply(double y) {
        double yc = Math.max(y, FLOOR);
        double t = Math.fma(yc, LOG2E, SHIFTER);
        return mantissa(yc, t) * scale(t);
    }

    /**
     * Writes {@code exp(k·(in[i] − mu)²)} into {@code out[i]} for i in [from, to): the gaussian kernel.
     * Every array is indexed by the same i (what lets C2 vectorise); {@code in} may be {@code out}.
     *
     * @param in inputs
     * @param out destination
     * @param from first row
     * @param to end row (exclusive)
     * @param mu centre
     * @param k −1 ÷ (2σ²)
     * @param scratch at least {@code to} values, overwritten on [from, to)
     */
    static void gaussian(double[] in, double[] out, int from, int to, double mu, double k, double[] scratch) {
        for (int i = from; i < to; i++) {
            double d = in[i] - mu;
            double y = d * d * k;
            double yc = Math.max(y, FLOOR);
            double t = Math.fma(yc, LOG2E, SHIFTER);
            scratch[i] = t;
            out[i] = mantissa(yc, t);
        }
        for (int i = from; i < to; i++) {
            out[i] = out[i] * scale(scratch[i]);
        }
    }

    /** @return exp(y) with y given as {@code d·d·k}, as {@link #gaussian} computes it for one value */
    static double gaussian(double x, double mu, double k) {
        double d = x - mu;
        return apply(d * d * k);
    }

    /** exp(r) for r = yc − n·ln 2, n = t − SHIFTER. */
    private static double mantissa(double yc, double t) {
        double n = t - SHIFTER;
        double r = Math.fma(n, -LN2_HI, yc);
        r = Math.fma(n, -LN2_LO, r);
        double p = C13;
        p = Math.fma(p, r, C12);
        p = Math.fma(p, r, C11);
        p = Math.fma(p, r, C10);
        p = Math.fma(p, r, C9);
        p = Math.fma(p, r, C8);
        p = Math.fma(p, r, C7);
        p = Math.fma(p, r, C6);
        p = Math.fma(p, r, C5);
        p = Math.fma(p, r, C4);
        p = Math.fma(p, r, C3);
        p = Math.fma(p, r, C2);
        p = Math.fma(p, r, 1.0);
        return Math.fma(p, r, 1.0);
    }

    /**
     * 2^n for n = t − SHIFTER in [−1023, 0]: after the add, the low 12 bits of t's representation hold
     * n + 1023, the biased exponent; n = −1023 gives exponent 0 and mantissa 0, which is 0.0.
     */
    private static double scale(double t) {
        return Double.longBitsToDouble((Double.doubleToRawLongBits(t) + 1023L) << 52);
    }
}
