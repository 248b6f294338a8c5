package dev.ktrdr.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NegExpTest {

    private static double ulps(double got, double want) {
        return Math.abs(got - want) / Math.ulp(want);
    }

    @Test
    void isWithinOneUlpOfMathExpForEveryNormalResult() {
        SplittableRandom rnd = new SplittableRandom(2026);
        double worst = 0;
        double worstAt = 0;
        for (int i = 0; i < 2_000_000; i++) {
            // a quarter near 0, where gaussian memberships spend most of their time
            double y = i % 4 == 0 ? -rnd.nextDouble() * 2 : rnd.nextDouble(NegExp.LOW, 0);
            double u = ulps(NegExp.apply(y), Math.exp(y));
            if (u > worst) {
                worst = u;
                worstAt = y;
            }
        }
        assertThat(worst).as("worst error, at y = %s", worstAt).isLessThanOrEqualTo(1.0);
    }

    @Test
    void handlesTheEdgesOfItsDomain() {
        assertThat(NegExp.apply(0.0)).isEqualTo(1.0);
        assertThat(NegExp.apply(-0.0)).isEqualTo(1.0);
        assertThat(NegExp.apply(-Double.MIN_VALUE)).isEqualTo(1.0);
        assertThat(NegExp.apply(-1)).isEqualTo(Math.exp(-1));
        assertThat(NegExp.apply(Double.NaN)).isNaN();
        assertThat(NegExp.apply(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(NegExp.apply(-Double.MAX_VALUE)).isEqualTo(0.0);
        // the smallest argument with a normal result, and the flush to 0 just below it
        assertThat(NegExp.apply(NegExp.LOW)).isGreaterThanOrEqualTo(Double.MIN_NORMAL);
        assertThat(ulps(NegExp.apply(NegExp.LOW), Math.exp(NegExp.LOW))).isLessThanOrEqualTo(1.0);
        // subnormal results down to 2^-1022.5 to within one subnormal step, then 0
        for (double y = NegExp.LOW; y > -708.74; y -= 0.001) {
            assertThat(Math.abs(NegExp.apply(y) - Math.exp(y))).as("at %s", y).isLessThanOrEqualTo(Double.MIN_VALUE);
        }
        assertThat(NegExp.apply(-1022.5 * Math.log(2) - 1e-9)).isEqualTo(0.0);
        assertThat(NegExp.apply(-745.2)).isEqualTo(0.0);
        // ln 2 multiples, where the reduction switches n
        for (int n = 1; n <= 1021; n++) {
            double y = -n * Math.log(2);
            assertThat(ulps(NegExp.apply(y), Math.exp(y))).as("at -%d ln 2", n).isLessThanOrEqualTo(1.0);
        }
    }

    @Test
    void theBlockKernelEqualsTheSingleValueBitForBitOnceCompiled() {
        SplittableRandom rnd = new SplittableRandom(5);
        double[] in = new double[1024];
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 50, -0.0, 1e200, -1e200};
        for (int i = 0; i < in.length; i++) {
            in[i] = i % 13 == 0 ? specials[rnd.nextInt(specials.length)] : rnd.nextDouble(-400, 500);
        }
        double[] out = new double[in.length];
        double[] scratch = new double[in.length];
        double k = -0.5 / (7.0 * 7.0);
        for (int rep = 0; rep < 2_000; rep++) {
            NegExp.gaussian(in, out, 0, in.length, 50, k, scratch);
        }
        for (int i = 0; i < in.length; i++) {
            assertThat(Double.doubleToRawLongBits(out[i])).as("at %s", in[i])
                    .isEqualTo(Double.doubleToRawLongBits(NegExp.gaussian(in[i], 50, k)));
        }
    }
}
