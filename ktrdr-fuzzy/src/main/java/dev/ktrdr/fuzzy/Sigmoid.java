package dev.ktrdr.fuzzy;

import dev.ktrdr.api.ConfigurationException;

/** Sigmoid 1 ÷ (1 + exp(−k (x − c))); 0.5 at c, tends to 1 on the side k points to and 0 on the other. */
final class Sigmoid implements MembershipFunction {
    private final double[] parameters;
    private final double c;
    private final double negK;

    private Sigmoid(double[] parameters) {
        this.parameters = parameters;
        this.c = parameters[0];
        this.negK = -parameters[1];
    }

    static Sigmoid create(double[] p, String path) {
        if (p[1] == 0) {
            throw new ConfigurationException(path, "sigmoid " + Shapes.show(p) + ": slope k is 0; it must be non-zero"
                    + " (positive opens to the right, negative to the left)");
        }
        return new Sigmoid(p);
    }

    @Override
    public double apply(double x) {
        return value(x, c, negK);
    }

    @Override
    public void apply(double[] in, int from, double[] out, int outFrom, int length) {
        java.util.Objects.checkFromIndexSize(from, length, in.length);
        java.util.Objects.checkFromIndexSize(outFrom, length, out.length);
        final double cc = c;
        final double nk = negK;
        if (from == 0 && outFrom == 0) {
            // without offsets the JIT can rule out overlap between in and out
            for (int i = 0; i < length; i++) {
                out[i] = value(in[i], cc, nk);
            }
            return;
        }
        for (int i = 0; i < length; i++) {
            out[outFrom + i] = value(in[from + i], cc, nk);
        }
    }

    private static double value(double x, double c, double negK) {
        return 1.0 / (1.0 + Math.exp(negK * (x - c)));
    }

    @Override
    public String type() {
        return "sigmoid";
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public String toString() {
        return "sigmoid" + Shapes.show(parameters);
    }
}
