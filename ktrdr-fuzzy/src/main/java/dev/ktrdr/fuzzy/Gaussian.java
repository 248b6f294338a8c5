package dev.ktrdr.fuzzy;

import dev.ktrdr.api.ConfigurationException;

/**
 * Gaussian membership exp(−(x − μ)² ÷ (2σ²)); exactly 1 at μ, 0 at ±∞. The exponential is
 * {@link NegExp} (within 1 ulp of {@code Math.exp}, values below 2^-1022 flushed to 0), which the JIT
 * vectorises.
 */
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
        return NegExp.gaussian(x, mu, k);
    }

    @Override
    public void apply(double[] in, int from, double[] out, int outFrom, int length) {
        java.util.Objects.checkFromIndexSize(from, length, in.length);
        java.util.Objects.checkFromIndexSize(outFrom, length, out.length);
        if (from == outFrom) {
            // the kernel indexes its scratch like in and out, so the scratch spans [0, from + length)
            NegExp.gaussian(in, out, from, from + length, mu, k, new double[from + length]);
            return;
        }
        for (int i = 0; i < length; i++) {
            out[outFrom + i] = apply(in[from + i]);
        }
    }

    /** Rows [from, to) of in into the same rows of out, with a scratch column at least {@code to} long. */
    void rows(double[] in, double[] out, int from, int to, double[] scratch) {
        NegExp.gaussian(in, out, from, to, mu, k, scratch);
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
