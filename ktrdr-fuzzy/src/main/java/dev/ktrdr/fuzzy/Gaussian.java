package dev.ktrdr.fuzzy;

import dev.ktrdr.api.ConfigurationException;

/** Gaussian membership exp(−(x − μ)² ÷ (2σ²)); exactly 1 at μ, 0 at ±∞. */
final class Gaussian implements MembershipFunction {
    private final double[] parameters;
    private final double mu;
    /** −1 ÷ (2σ²), finite and negative. */
    private final double k;

    private Gaussian(double[] parameters, double mu, double k) {
        this.parameters = parameters;
        this.mu = mu;
        this.k = k;
    }

    static Gaussian create(double[] p, String path) {
        double sigma = p[1];
        if (!(sigma > 0)) {
            throw new ConfigurationException(path, "gaussian " + Shapes.show(p) + ": sigma is " + Shapes.num(sigma)
                    + "; it must be > 0");
        }
        double k = -0.5 / (sigma * sigma);
        if (!(k < 0) || !Double.isFinite(k)) {
            throw new ConfigurationException(path, "gaussian " + Shapes.show(p) + ": sigma " + sigma
                    + " is outside the usable range (sigma squared must be a finite positive double, about 1e-154 to 1e154)");
        }
        return new Gaussian(p, p[0], k);
    }

    @Override
    public double apply(double x) {
        return value(x, mu, k);
    }

    @Override
    public void apply(double[] in, int from, double[] out, int outFrom, int length) {
        java.util.Objects.checkFromIndexSize(from, length, in.length);
        java.util.Objects.checkFromIndexSize(outFrom, length, out.length);
        final double m = mu;
        final double kk = k;
        if (from == 0 && outFrom == 0) {
            // without offsets the JIT can rule out overlap between in and out
            for (int i = 0; i < length; i++) {
                out[i] = value(in[i], m, kk);
            }
            return;
        }
        for (int i = 0; i < length; i++) {
            out[outFrom + i] = value(in[from + i], m, kk);
        }
    }

    private static double value(double x, double mu, double k) {
        double d = x - mu;
        return Math.exp(d * d * k);
    }

    @Override
    public String type() {
        return "gaussian";
    }

    @Override
    public double[] parameters() {
        return parameters.clone();
    }

    @Override
    public String toString() {
        return "gaussian" + Shapes.show(parameters);
    }
}
