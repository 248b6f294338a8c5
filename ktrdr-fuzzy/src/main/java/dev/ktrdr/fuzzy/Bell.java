package dev.ktrdr.fuzzy;

import dev.ktrdr.api.ConfigurationException;

/** Generalized bell 1 ÷ (1 + |(x − c) ÷ a|^(2b)); exactly 1 at c, 0.5 at c ± a, 0 at ±∞. */
final class Bell implements MembershipFunction {
    private final double[] parameters;
    private final double a;
    private final double twoB;
    private final double c;

    private Bell(double[] parameters) {
        this.parameters = parameters;
        this.a = parameters[0];
        this.twoB = 2 * parameters[1];
        this.c = parameters[2];
    }

    static Bell create(double[] p, String path) {
        if (!(p[0] > 0)) {
            throw new ConfigurationException(path, "bell " + Shapes.show(p) + ": width a is " + Shapes.num(p[0])
                    + "; it must be > 0");
        }
        if (!(p[1] > 0) || !Double.isFinite(2 * p[1])) {
            throw new ConfigurationException(path, "bell " + Shapes.show(p) + ": slope b is " + Shapes.num(p[1])
                    + "; it must be > 0 and 2b finite");
        }
        return new Bell(p);
    }

    @Override
    public double apply(double x) {
        return value(x, a, twoB, c);
    }

    @Override
    public void apply(double[] in, int from, double[] out, int outFrom, int length) {
        java.util.Objects.checkFromIndexSize(from, length, in.length);
        java.util.Objects.checkFromIndexSize(outFrom, length, out.length);
        final double aa = a;
        final double bb = twoB;
        final double cc = c;
        if (from == 0 && outFrom == 0) {
            // without offsets the JIT can rule out overlap between in and out
            for (int i = 0; i < length; i++) {
                out[i] = value(in[i], aa, bb, cc);
            }
            return;
        }
        for (int i = 0; i < length; i++) {
            out[outFrom + i] = value(in[from + i], aa, bb, cc);
        }
    }

    private static double value(double x, double a, double twoB, double c) {
        return 1.0 / (1.0 + Math.pow(Math.abs((x - c) / a), twoB));
    }

    @Override
    public String type() {
        return "bell";
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public String toString() {
        return "bell" + Shapes.show(parameters);
    }
}
