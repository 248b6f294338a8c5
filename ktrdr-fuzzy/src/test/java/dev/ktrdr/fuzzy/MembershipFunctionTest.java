package dev.ktrdr.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ktrdr.api.ConfigurationException;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed values for every shape (reference: the formulas in the {@link MembershipFunction}
 * javadoc, evaluated by hand). Linear edges use a slope rounded up by at most a few ulps, hence the
 * 1e-12 tolerance on interior points; peaks, feet and steps are exact.
 */
class MembershipFunctionTest {
    private static final double EDGE = 1e-12;

    private static MembershipFunction mf(String type, double... p) {
        return MembershipFunction.of(type, p, "test");
    }

    @Test
    void triangularRisesAndFallsLinearly() {
        MembershipFunction f = mf("triangular", 0, 25, 40);
        assertThat(f.apply(10)).isCloseTo(0.4, within(EDGE));        // 10/25
        assertThat(f.apply(32.5)).isCloseTo(0.5, within(EDGE));      // (40-32.5)/15
        assertThat(f.apply(25)).isEqualTo(1.0);
        assertThat(f.apply(0)).isEqualTo(0.0);
        assertThat(f.apply(40)).isEqualTo(0.0);
        assertThat(f.apply(-1)).isEqualTo(0.0);
        assertThat(f.apply(41)).isEqualTo(0.0);
    }

    @Test
    void triangularWithVerticalLeftEdgeIncludesItsTop() {
        MembershipFunction f = mf("triangular", 5, 5, 10);
        assertThat(f.apply(5)).isEqualTo(1.0);
        assertThat(f.apply(Math.nextDown(5.0))).isEqualTo(0.0);
        assertThat(f.apply(7.5)).isCloseTo(0.5, within(EDGE));
        assertThat(f.apply(10)).isEqualTo(0.0);
    }

    @Test
    void triangularWithVerticalRightEdgeIncludesItsTop() {
        MembershipFunction f = mf("triangular", 0, 10, 10);
        assertThat(f.apply(10)).isEqualTo(1.0);
        assertThat(f.apply(Math.nextUp(10.0))).isEqualTo(0.0);
        assertThat(f.apply(5)).isCloseTo(0.5, within(EDGE));
        assertThat(f.apply(0)).isEqualTo(0.0);
    }

    @Test
    void zeroWidthTriangularIsOneAtItsPointOnly() {
        MembershipFunction f = mf("triangular", 3, 3, 3);
        assertThat(f.apply(3)).isEqualTo(1.0);
        assertThat(f.apply(Math.nextDown(3.0))).isEqualTo(0.0);
        assertThat(f.apply(Math.nextUp(3.0))).isEqualTo(0.0);
        assertThat(f.apply(Double.NaN)).isNaN();
        assertThat(f.apply(Double.POSITIVE_INFINITY)).isEqualTo(0.0);
    }

    @Test
    void edgeTooNarrowForItsSlopeIsAStepAtItsTop() {
        // 1 / 1e-320 overflows: the rising edge becomes a step at b
        MembershipFunction f = mf("triangular", 0, 1e-320, 1);
        assertThat(f.apply(0)).isEqualTo(0.0);
        assertThat(f.apply(1e-320)).isEqualTo(1.0);
        assertThat(f.apply(0.5)).isCloseTo(0.5, within(EDGE));
    }

    @Test
    void stepsAreExactAroundZeroAndAtTheEndsOfTheDoubles() {
        MembershipFunction f = mf("triangular", 0, 0, 1);
        assertThat(f.apply(0.0)).isEqualTo(1.0);
        assertThat(f.apply(-0.0)).isEqualTo(1.0);
        assertThat(f.apply(Double.MIN_VALUE)).isEqualTo(1.0);
        assertThat(f.apply(-Double.MIN_VALUE)).isEqualTo(0.0);
        MembershipFunction g = mf("trapezoidal", -Double.MAX_VALUE, -Double.MAX_VALUE, 0, Double.MAX_VALUE);
        assertThat(g.apply(-Double.MAX_VALUE)).isEqualTo(1.0);
        assertThat(g.apply(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(g.apply(Double.NaN)).isNaN();
        MembershipFunction h = mf("left_shoulder", Double.MAX_VALUE, Double.MAX_VALUE);
        assertThat(h.apply(Double.MAX_VALUE)).isEqualTo(1.0);
        assertThat(h.apply(Double.POSITIVE_INFINITY)).isEqualTo(0.0);
        double[] out = new double[3];
        h.apply(new double[] {Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN}, out);
        assertThat(out[0]).isEqualTo(1.0);
        assertThat(out[1]).isEqualTo(0.0);
        assertThat(out[2]).isNaN();
    }

    @Test
    void trapezoidalHasAFlatTop() {
        MembershipFunction f = mf("trapezoidal", -5, -2, -0.2, 0);
        assertThat(f.apply(-3.5)).isCloseTo(0.5, within(EDGE));      // (-3.5+5)/3
        assertThat(f.apply(-2)).isEqualTo(1.0);
        assertThat(f.apply(-1)).isEqualTo(1.0);
        assertThat(f.apply(-0.2)).isEqualTo(1.0);
        assertThat(f.apply(-0.1)).isCloseTo(0.5, within(EDGE));      // (0+0.1)/0.2
        assertThat(f.apply(0)).isEqualTo(0.0);
        assertThat(f.apply(-5)).isEqualTo(0.0);
    }

    @Test
    void trapezoidalOpenAtTheLeftAsStrategiesWriteIt() {
        MembershipFunction f = mf("trapezoidal", 0, 0, 15, 30);
        assertThat(f.apply(0)).isEqualTo(1.0);
        assertThat(f.apply(-0.1)).isEqualTo(0.0);
        assertThat(f.apply(15)).isEqualTo(1.0);
        assertThat(f.apply(22.5)).isCloseTo(0.5, within(EDGE));
        assertThat(f.apply(30)).isEqualTo(0.0);
    }

    @Test
    void trapezoidalOpenAtTheRightAsStrategiesWriteIt() {
        MembershipFunction f = mf("trapezoidal", 70, 85, 100, 100);
        assertThat(f.apply(100)).isEqualTo(1.0);
        assertThat(f.apply(100.1)).isEqualTo(0.0);
        assertThat(f.apply(77.5)).isCloseTo(0.5, within(EDGE));
        assertThat(f.apply(70)).isEqualTo(0.0);
    }

    @Test
    void zeroWidthTrapezoidIsOneAtItsPointOnly() {
        MembershipFunction f = mf("trapezoidal", 1, 1, 1, 1);
        assertThat(f.apply(1)).isEqualTo(1.0);
        assertThat(f.apply(0.999)).isEqualTo(0.0);
        assertThat(f.apply(1.001)).isEqualTo(0.0);
    }

    @Test
    void gaussianMatchesTheFormula() {
        MembershipFunction f = mf("gaussian", 0, 0.1);
        assertThat(f.apply(0)).isEqualTo(1.0);
        assertThat(f.apply(0.1)).isCloseTo(0.6065306597126334, within(1e-15)); // exp(-1/2)
        assertThat(f.apply(-0.2)).isCloseTo(0.1353352832366127, within(1e-15)); // exp(-2)
        assertThat(f.apply(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(f.apply(Double.POSITIVE_INFINITY)).isEqualTo(0.0);
    }

    @Test
    void bellMatchesTheFormula() {
        MembershipFunction f = mf("bell", 2, 1, 0);
        assertThat(f.apply(0)).isEqualTo(1.0);
        assertThat(f.apply(2)).isEqualTo(0.5);       // 1/(1+1)
        assertThat(f.apply(-4)).isEqualTo(0.2);      // 1/(1+2^2)
        assertThat(f.apply(Double.POSITIVE_INFINITY)).isEqualTo(0.0);
        assertThat(mf("bell", 1, 2, 10).apply(12)).isEqualTo(1.0 / 17);   // 1/(1+2^4)
    }

    @Test
    void sigmoidMatchesTheFormulaInBothDirections() {
        MembershipFunction up = mf("sigmoid", 0, 1);
        MembershipFunction down = mf("sigmoid", 0, -1);
        assertThat(up.apply(0)).isEqualTo(0.5);
        assertThat(up.apply(Math.log(3))).isCloseTo(0.75, within(1e-15));    // 1/(1+1/3)
        assertThat(down.apply(Math.log(3))).isCloseTo(0.25, within(1e-15));  // 1/(1+3)
        assertThat(up.apply(Double.POSITIVE_INFINITY)).isEqualTo(1.0);
        assertThat(up.apply(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(down.apply(Double.NEGATIVE_INFINITY)).isEqualTo(1.0);
    }

    @Test
    void shouldersAreOpenOnOneSide() {
        MembershipFunction left = mf("left_shoulder", 1, 3);
        MembershipFunction right = mf("right_shoulder", 1, 3);
        assertThat(left.apply(Double.NEGATIVE_INFINITY)).isEqualTo(1.0);
        assertThat(left.apply(1)).isEqualTo(1.0);
        assertThat(left.apply(2)).isCloseTo(0.5, within(EDGE));
        assertThat(left.apply(3)).isEqualTo(0.0);
        assertThat(left.apply(Double.POSITIVE_INFINITY)).isEqualTo(0.0);
        assertThat(right.apply(Double.NEGATIVE_INFINITY)).isEqualTo(0.0);
        assertThat(right.apply(1)).isEqualTo(0.0);
        assertThat(right.apply(2)).isCloseTo(0.5, within(EDGE));
        assertThat(right.apply(3)).isEqualTo(1.0);
        assertThat(right.apply(1e300)).isEqualTo(1.0);
    }

    @Test
    void vertialShouldersIncludeTheirEdge() {
        assertThat(mf("left_shoulder", 2, 2).apply(2)).isEqualTo(1.0);
        assertThat(mf("left_shoulder", 2, 2).apply(Math.nextUp(2.0))).isEqualTo(0.0);
        assertThat(mf("right_shoulder", 2, 2).apply(2)).isEqualTo(1.0);
        assertThat(mf("right_shoulder", 2, 2).apply(Math.nextDown(2.0))).isEqualTo(0.0);
    }

    @Test
    void nanInGivesNanOutForEveryShape() {
        for (MembershipFunction f : new MembershipFunction[] {mf("triangular", 0, 1, 2), mf("trapezoidal", 0, 0, 1, 1),
                mf("gaussian", 0, 1), mf("bell", 1, 1, 0), mf("sigmoid", 0, 2), mf("left_shoulder", 0, 0),
                mf("right_shoulder", 0, 1)}) {
            assertThat(f.apply(Double.NaN)).as(f.toString()).isNaN();
            double[] out = new double[1];
            f.apply(new double[] {Double.NaN}, out);
            assertThat(out[0]).as(f.toString()).isNaN();
        }
    }

    @Test
    void arrayFormRespectsOffsets() {
        MembershipFunction f = mf("triangular", 0, 1, 2);
        double[] in = {9, 0.5, 1, 1.5, 9};
        double[] out = {-1, -1, -1, -1, -1, -1};
        f.apply(in, 1, out, 2, 3);
        assertThat(out).containsExactly(-1, -1, f.apply(0.5), 1.0, f.apply(1.5), -1);
    }

    @Test
    void unorderedParametersNameThePathAndTheValues() {
        assertThatThrownBy(() -> MembershipFunction.of("triangular", new double[] {40, 25, 0}, "fuzzy_sets.rsi_14.oversold"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("fuzzy_sets.rsi_14.oversold")
                .hasMessageContaining("[40, 25, 0]")
                .hasMessageContaining("non-decreasing")
                .extracting(e -> ((ConfigurationException) e).path()).isEqualTo("fuzzy_sets.rsi_14.oversold");
        assertThatThrownBy(() -> mf("trapezoidal", 0, 2, 1, 3)).hasMessageContaining("[0, 2, 1, 3]");
        assertThatThrownBy(() -> mf("left_shoulder", 3, 1)).hasMessageContaining("[3, 1]");
    }

    @Test
    void invalidParametersAreRefusedWithTheRule() {
        assertThatThrownBy(() -> mf("gaussian", 0, 0)).hasMessageContaining("sigma is 0").hasMessageContaining("> 0");
        assertThatThrownBy(() -> mf("gaussian", 0, -1)).hasMessageContaining("sigma is -1");
        assertThatThrownBy(() -> mf("gaussian", 0, 1e-200)).hasMessageContaining("usable range");
        assertThatThrownBy(() -> mf("triangular", 0, Double.NaN, 1)).hasMessageContaining("finite");
        assertThatThrownBy(() -> mf("triangular", 0, 1, Double.POSITIVE_INFINITY)).hasMessageContaining("finite");
        assertThatThrownBy(() -> mf("triangular", 0, 1)).hasMessageContaining("needs 3 parameters, got 2");
        assertThatThrownBy(() -> mf("bell", 0, 1, 0)).hasMessageContaining("width a is 0");
        assertThatThrownBy(() -> mf("bell", 1, 0, 0)).hasMessageContaining("slope b is 0");
        assertThatThrownBy(() -> mf("sigmoid", 0, 0)).hasMessageContaining("slope k is 0");
        assertThatThrownBy(() -> mf("triangular", -1e308, 1e308, 1e308)).hasMessageContaining("wider");
        assertThatThrownBy(() -> mf("cosine", 1, 2)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("unknown membership type 'cosine'").hasMessageContaining("triangular [a,b,c]");
    }

    @Test
    void aliasesResolveToCanonicalTypes() {
        assertThat(mf("Triangle", 0, 1, 2).type()).isEqualTo("triangular");
        assertThat(mf("trapezoid", 0, 1, 2, 3).type()).isEqualTo("trapezoidal");
        assertThat(mf("gbell", 1, 1, 0).type()).isEqualTo("bell");
        assertThat(mf("right-shoulder", 0, 1).type()).isEqualTo("right_shoulder");
        assertThat(mf("gaussian", 0, 1).parameters()).containsExactly(0, 1);
    }
}
