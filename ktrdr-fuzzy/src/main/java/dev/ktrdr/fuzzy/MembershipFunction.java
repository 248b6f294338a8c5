package dev.ktrdr.fuzzy;

import dev.ktrdr.api.ConfigurationException;
import java.util.Locale;

/**
 * A fuzzy membership function: maps a real input to a degree of membership in [0,1].
 *
 * <h2>Shapes and parameters</h2>
 * <table>
 * <caption>Membership shapes</caption>
 * <tr><th>type</th><th>parameters</th><th>rule</th><th>shape</th></tr>
 * <tr><td>{@code triangular}</td><td>[a, b, c]</td><td>a ≤ b ≤ c</td>
 *     <td>0 outside [a, c], rises linearly from a to 1 at b, falls linearly to c</td></tr>
 * <tr><td>{@code trapezoidal}</td><td>[a, b, c, d]</td><td>a ≤ b ≤ c ≤ d</td>
 *     <td>0 outside [a, d], rises from a to 1 at b, 1 on [b, c], falls to 0 at d</td></tr>
 * <tr><td>{@code gaussian}</td><td>[μ, σ]</td><td>σ &gt; 0</td>
 *     <td>exp(−(x − μ)² ÷ (2σ²))</td></tr>
 * <tr><td>{@code bell}</td><td>[a, b, c]</td><td>a &gt; 0, b &gt; 0</td>
 *     <td>generalized bell 1 ÷ (1 + |(x − c) ÷ a|^(2b)): width a, slope b, centre c</td></tr>
 * <tr><td>{@code sigmoid}</td><td>[c, k]</td><td>k ≠ 0</td>
 *     <td>1 ÷ (1 + exp(−k (x − c))): centre c, slope k (negative k opens to the left)</td></tr>
 * <tr><td>{@code left_shoulder}</td><td>[a, b]</td><td>a ≤ b</td>
 *     <td>1 for x ≤ a, falls linearly to 0 at b, 0 beyond</td></tr>
 * <tr><td>{@code right_shoulder}</td><td>[a, b]</td><td>a ≤ b</td>
 *     <td>0 for x ≤ a, rises linearly to 1 at b, 1 beyond</td></tr>
 * </table>
 * Every parameter must be finite. Aliases: {@code triangle}, {@code trapezoid}, {@code trapezium},
 * {@code gauss}, {@code gbell}, {@code generalized_bell}, {@code sigmf}, {@code left}/{@code right}
 * shoulder spelled with a hyphen.
 *
 * <h2>Linear edges and degenerate shapes (one definition for single values and arrays)</h2>
 * A rising edge from {@code p} to {@code q} (p &lt; q) is {@code min(1, (x − p)·s)} and a falling edge
 * from {@code q} to {@code r} is {@code min(1, (r − x)·s)}, where the slope {@code s} is 1 ÷ width,
 * rounded up by at most a few ulps so that the edge reaches exactly 1 at its top: a triangle is exactly
 * 1 at b and a trapezoid exactly 1 on [b, c]. The value of a piecewise-linear shape is
 * {@code max(0, min(rising, falling))}.
 * <p>An edge of zero width (a = b, b = c, c = d, or the two shoulder parameters equal; also a width so
 * small that 1 ÷ width overflows) is a vertical step that <em>includes</em> its top point: a rising step
 * at p is 1 for x ≥ p and 0 for x &lt; p, a falling step at r is 1 for x ≤ r and 0 for x &gt; r. Hence
 * triangular [a, a, c] is 1 at a and 0 left of it; triangular [a, a, a] is 1 at exactly x = a and 0
 * elsewhere; trapezoidal [0, 0, 15, 30] is 1 on [0, 15].
 *
 * <h2>Gaussian arithmetic</h2>
 * The gaussian's exponential is computed without {@code Math.exp}, by arithmetic the JIT vectorises:
 * within 1 ulp of {@code Math.exp} wherever the result is at least 2^-1022, and 0 where it would be
 * below about 2^-1022.5 (more than 37.6 σ from μ).
 *
 * <h2>Special inputs</h2>
 * NaN gives NaN (an indicator's warm-up stays visible so the feature frame can drop it). ±∞ gives the
 * limit of the shape (0 for the bounded shapes, 1 on the open side of a shoulder or sigmoid).
 * {@link #apply(double)} and {@link #apply(double[], double[])} run the same arithmetic, so a single
 * value always equals the corresponding array element bit for bit.
 *
 * <p>Implementations are immutable and thread-safe; the array form allocates nothing, except three 4 KiB
 * block buffers for the gaussian kernel.
 */
public sealed interface MembershipFunction permits PiecewiseLinear, Gaussian, Bell, Sigmoid {

    /**
     * @param x the input (any double)
     * @return the degree of membership in [0,1]; NaN when x is NaN
     */
    double apply(double x);

    /**
     * Evaluates {@code in[from..from+length)} into {@code out[outFrom..outFrom+length)} without
     * allocating. {@code in} and {@code out} may be the same array with the same offsets.
     *
     * @param in inputs
     * @param from first input index
     * @param out destination
     * @param outFrom first destination index
     * @param length number of values
     */
    void apply(double[] in, int from, double[] out, int outFrom, int length);

    /**
     * Evaluates every element of {@code in} into {@code out} (same length or longer).
     *
     * @param in inputs
     * @param out destination, at least as long as in
     */
    default void apply(double[] in, double[] out) {
        if (out.length < in.length) {
            throw new IllegalArgumentException("output has " + out.length + " slots for " + in.length + " inputs");
        }
        apply(in, 0, out, 0, in.length);
    }

    /** @return the canonical type name, e.g. {@code triangular} */
    String type();

    /** @return a copy of the parameters as validated */
    double[] parameters();

    /**
     * The single validation path for membership functions.
     *
     * @param type the shape name or alias (case-insensitive), see the class comment
     * @param parameters the shape's parameters
     * @param path where the membership was configured, for messages, e.g. {@code fuzzy_sets.rsi_14.oversold}
     * @return the membership function
     * @throws ConfigurationException naming the path, the type, the values and the rule broken
     */
    static MembershipFunction of(String type, double[] parameters, String path) {
        if (type == null) {
            throw new ConfigurationException(path, "membership has no type; valid: " + Shapes.VALID);
        }
        String canonical = Shapes.canonical(type.trim().toLowerCase(Locale.ROOT));
        if (canonical == null) {
            throw new ConfigurationException(path, "unknown membership type '" + type + "'; valid: " + Shapes.VALID);
        }
        double[] p = parameters.clone();
        Shapes.checkCountAndFinite(canonical, p, path);
        switch (canonical) {
            case "triangular":
                Shapes.checkOrdered(canonical, p, path);
                return PiecewiseLinear.create(canonical, p, p[0], p[1], p[1], p[2], path);
            case "trapezoidal":
                Shapes.checkOrdered(canonical, p, path);
                return PiecewiseLinear.create(canonical, p, p[0], p[1], p[2], p[3], path);
            case "left_shoulder":
                Shapes.checkOrdered(canonical, p, path);
                return PiecewiseLinear.create(canonical, p, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        p[0], p[1], path);
            case "right_shoulder":
                Shapes.checkOrdered(canonical, p, path);
                return PiecewiseLinear.create(canonical, p, p[0], p[1], Double.POSITIVE_INFINITY,
                        Double.POSITIVE_INFINITY, path);
            case "gaussian":
                return Gaussian.create(p, path);
            case "bell":
                return Bell.create(p, path);
            case "sigmoid":
                return Sigmoid.create(p, path);
            default:
                throw new IllegalStateException(canonical);
        }
    }

    /**
     * @param a left foot
     * @param b peak
     * @param c right foot
     * @return triangular [a, b, c]
     * @throws ConfigurationException when not a ≤ b ≤ c or a value is not finite
     */
    static MembershipFunction triangular(double a, double b, double c) {
        return of("triangular", new double[] {a, b, c}, "triangular");
    }

    /**
     * @param a left foot
     * @param b left shoulder
     * @param c right shoulder
     * @param d right foot
     * @return trapezoidal [a, b, c, d]
     * @throws ConfigurationException when not a ≤ b ≤ c ≤ d or a value is not finite
     */
    static MembershipFunction trapezoidal(double a, double b, double c, double d) {
        return of("trapezoidal", new double[] {a, b, c, d}, "trapezoidal");
    }

    /**
     * @param mu centre
     * @param sigma standard deviation, &gt; 0
     * @return gaussian [μ, σ]
     * @throws ConfigurationException when σ ≤ 0 or a value is not finite
     */
    static MembershipFunction gaussian(double mu, double sigma) {
        return of("gaussian", new double[] {mu, sigma}, "gaussian");
    }
}
