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
        // a block at a time through offset-0 buffers: the kernel indexes in, out and its scratch alike, and
        // the buffers keep the allocation at three blocks whatever the offsets and the length
        int block = Math.min(length, Workspace.ROWS);
        double[] bin = new double[block];
        double[] bout = new double[block];
        double[] scratch = new double[block];
        for (int done = 0; done < length; done += block) {
            int len = Math.min(block, length - done);
            System.arraycopy(in, from + done, bin, 0, len);
            NegExp.gaussian(bin, bout, 0, len, mu, k, scratch);
            System.arraycopy(bout, 0, out, outFrom + done, len);
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
