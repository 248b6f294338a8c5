package dev.ktrdr.fuzzy;

import dev.ktrdr.api.ConfigurationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** Shape names, parameter counts and the shared parameter checks. Stateless. */
final class Shapes {
    static final String VALID = "triangular [a,b,c], trapezoidal [a,b,c,d], gaussian [mu,sigma], bell [a,b,c], "
            + "sigmoid [c,k], left_shoulder [a,b], right_shoulder [a,b]";

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("triangular", "triangular"), Map.entry("triangle", "triangular"), Map.entry("trimf", "triangular"),
            Map.entry("trapezoidal", "trapezoidal"), Map.entry("trapezoid", "trapezoidal"),
            Map.entry("trapezium", "trapezoidal"), Map.entry("trapmf", "trapezoidal"),
            Map.entry("gaussian", "gaussian"), Map.entry("gauss", "gaussian"), Map.entry("gaussmf", "gaussian"),
            Map.entry("bell", "bell"), Map.entry("gbell", "bell"), Map.entry("generalized_bell", "bell"),
            Map.entry("gbellmf", "bell"),
            Map.entry("sigmoid", "sigmoid"), Map.entry("sigmf", "sigmoid"),
            Map.entry("left_shoulder", "left_shoulder"), Map.entry("left-shoulder", "left_shoulder"),
            Map.entry("right_shoulder", "right_shoulder"), Map.entry("right-shoulder", "right_shoulder"));

    private static final Map<String, Integer> COUNTS = Map.of("triangular", 3, "trapezoidal", 4, "gaussian", 2,
            "bell", 3, "sigmoid", 2, "left_shoulder", 2, "right_shoulder", 2);

    private Shapes() {
    }

    static String canonical(String lowerCaseType) {
        return ALIASES.get(lowerCaseType);
    }

    static void checkCountAndFinite(String type, double[] p, String path) {
        int n = COUNTS.get(type);
        if (p.length != n) {
            throw new ConfigurationException(path, type + " needs " + n + " parameters, got " + p.length + " "
                    + show(p) + "; valid: " + VALID);
        }
        for (int i = 0; i < p.length; i++) {
            if (!Double.isFinite(p[i])) {
                throw new ConfigurationException(path, type + " " + show(p) + ": parameter " + i + " is "
                        + p[i] + "; every parameter must be finite");
            }
        }
    }

    static void checkOrdered(String type, double[] p, String path) {
        for (int i = 1; i < p.length; i++) {
            if (p[i] < p[i - 1]) {
                throw new ConfigurationException(path, type + " " + show(p) + ": parameters must be in non-decreasing order"
                        + " (parameter " + i + " = " + num(p[i]) + " is less than parameter " + (i - 1) + " = "
                        + num(p[i - 1]) + ")");
            }
        }
    }

    static String show(double[] p) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < p.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(num(p[i]));
        }
        return sb.append(']').toString();
    }

    static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        return Double.toString(v);
    }

    static double[] copy(double[] p) {
        return Arrays.copyOf(p, p.length);
    }
}
