package dev.ktrdr.fuzzy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/** Properties of every membership shape over any valid parameters and any input. */
class MembershipPropertiesTest {

    /** Any double: finite, huge, tiny, ±∞, NaN, and small integers (which hit the knots). */
    private static Gen<Double> anyInput() {
        return doubles().any()
                .mix(arbitrary().pick(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN, 0.0, -0.0,
                        Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE), 20)
                .mix(integers().between(-5, 5).map(i -> (double) i), 30)
                .mix(doubles().between(-100, 100), 30);
    }

    private static Gen<Double> anchor() {
        return doubles().between(-1e6, 1e6).mix(integers().between(-5, 5).map(i -> (double) i), 40);
    }

    private static Gen<Double> width() {
        return doubles().between(0, 1e4).mix(arbitrary().pick(0.0, 1.0, 1e-300, Double.MIN_VALUE, 3.0), 40);
    }

    private static Gen<Double> positive() {
        return doubles().between(1e-100, 1e100).mix(doubles().between(0.01, 100), 50);
    }

    /** Valid functions of every shape, with degenerate piecewise-linear ones included. */
    private static Gen<MembershipFunction> anyFunction() {
        Gen<MembershipFunction> tri = anchor().zip(width(), width(),
                (a, w1, w2) -> MembershipFunction.triangular(a, a + w1, a + w1 + w2));
        Gen<MembershipFunction> trap = anchor().zip(width(), width(), width(),
                (a, w1, w2, w3) -> MembershipFunction.trapezoidal(a, a + w1, a + w1 + w2, a + w1 + w2 + w3));
        Gen<MembershipFunction> gauss = anchor().zip(positive().assuming(s -> s > 1e-150 && s < 1e150),
                MembershipFunction::gaussian);
        Gen<MembershipFunction> bell = positive().zip(doubles().between(1e-3, 1e3), anchor(),
                (a, b, c) -> MembershipFunction.of("bell", new double[] {a, b, c}, "bell"));
        Gen<MembershipFunction> sig = anchor().zip(doubles().between(-1e6, 1e6).assuming(k -> k != 0),
                (c, k) -> MembershipFunction.of("sigmoid", new double[] {c, k}, "sigmoid"));
        Gen<MembershipFunction> left = anchor().zip(width(),
                (a, w) -> MembershipFunction.of("left_shoulder", new double[] {a, a + w}, "left"));
        Gen<MembershipFunction> right = anchor().zip(width(),
                (a, w) -> MembershipFunction.of("right_shoulder", new double[] {a, a + w}, "right"));
        return tri.mix(trap, 15).mix(gauss, 15).mix(bell, 15).mix(sig, 15).mix(left, 15).mix(right, 15);
    }

    @Test
    void everyShapeStaysInTheUnitIntervalForAnyInput() {
        qt().withExamples(20_000).forAll(anyFunction(), anyInput()).checkAssert((f, x) -> {
            double y = f.apply(x);
            if (Double.isNaN(x)) {
                assertThat(y).as("%s at NaN", f).isNaN();
            } else {
                assertThat(y).as("%s at %s", f, x).isBetween(0.0, 1.0);
            }
        });
    }

    @Test
    void singleValueEqualsArrayEvaluationBitForBit() {
        qt().withExamples(3_000).forAll(anyFunction(), lists().of(anyInput()).ofSizeBetween(1, 64))
                .checkAssert((f, xs) -> {
                    double[] in = new double[xs.size()];
                    for (int i = 0; i < in.length; i++) {
                        in[i] = xs.get(i);
                    }
                    double[] out = new double[in.length];
                    f.apply(in, out);
                    for (int i = 0; i < in.length; i++) {
                        assertThat(Double.doubleToRawLongBits(out[i]))
                                .as("%s at %s", f, in[i])
                                .isEqualTo(Double.doubleToRawLongBits(f.apply(in[i])));
                    }
                });
    }

    @Test
    void arrayEvaluationAtOffsetsAndAcrossBlocksEqualsSingleValues() {
        // lengths past the 1024-row blocks of the array kernels, and input and output at different offsets
        qt().withExamples(300).forAll(anyFunction(), integers().between(0, 3000), integers().between(0, 5),
                integers().between(0, 5)).checkAssert((f, len, from, outFrom) -> {
                    java.util.SplittableRandom rnd = new java.util.SplittableRandom(len * 31L + from);
                    double[] in = new double[from + len];
                    for (int i = 0; i < in.length; i++) {
                        in[i] = rnd.nextDouble(-1e3, 1e3);
                    }
                    double[] out = new double[outFrom + len];
                    java.util.Arrays.fill(out, -7.0);
                    f.apply(in, from, out, outFrom, len);
                    for (int i = 0; i < outFrom; i++) {
                        assertThat(out[i]).as("%s: slot %d before the output offset", f, i).isEqualTo(-7.0);
                    }
                    for (int i = 0; i < len; i++) {
                        assertThat(Double.doubleToRawLongBits(out[outFrom + i])).as("%s at %s", f, in[from + i])
                                .isEqualTo(Double.doubleToRawLongBits(f.apply(in[from + i])));
                    }
                });
    }

    @Test
    void arrayEvaluationStaysEqualToSingleValuesOnceTheLoopsAreCompiled() {
        // enough repetitions for the JIT to compile (and vectorise) the array loops
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(17);
        double[] specials = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0, 20, 40, 15, 30, 1};
        double[] in = new double[4096];
        for (int i = 0; i < in.length; i++) {
            in[i] = i % 17 == 0 ? specials[rnd.nextInt(specials.length)] : rnd.nextDouble(-10, 110);
        }
        double[] out = new double[in.length];
        MembershipFunction[] fs = {MembershipFunction.triangular(0, 20, 40), MembershipFunction.trapezoidal(0, 0, 15, 30),
                MembershipFunction.trapezoidal(70, 85, 100, 100), MembershipFunction.triangular(1, 1, 1),
                MembershipFunction.gaussian(50, 10), MembershipFunction.of("bell", new double[] {10, 2, 50}, "b"),
                MembershipFunction.of("sigmoid", new double[] {50, -0.3}, "s"),
                MembershipFunction.of("left_shoulder", new double[] {20, 30}, "l"),
                MembershipFunction.of("right_shoulder", new double[] {70, 70}, "r")};
        for (MembershipFunction f : fs) {
            for (int rep = 0; rep < 300; rep++) {
                f.apply(in, out);
            }
            for (int i = 0; i < in.length; i++) {
                assertThat(Double.doubleToRawLongBits(out[i])).as("%s at %s", f, in[i])
                        .isEqualTo(Double.doubleToRawLongBits(f.apply(in[i])));
            }
        }
    }

    @Test
    void triangularPeaksAtExactlyOne() {
        qt().withExamples(20_000).forAll(anchor(), width(), width()).checkAssert((a, w1, w2) -> {
            double b = a + w1;
            MembershipFunction f = MembershipFunction.triangular(a, b, b + w2);
            assertThat(f.apply(b)).as("%s at its peak", f).isEqualTo(1.0);
        });
    }

    @Test
    void stepEdgesSwitchBetweenAdjacentDoubles() {
        qt().withExamples(20_000).forAll(anyInput().assuming(Double::isFinite), width()).checkAssert((p, w) -> {
            double c = p + w;
            if (!Double.isFinite(c)) {
                return;
            }
            MembershipFunction f = MembershipFunction.triangular(p, p, c);
            assertThat(f.apply(p)).as("%s at %s", f, p).isEqualTo(1.0);
            assertThat(f.apply(Math.nextDown(p))).as("%s below %s", f, p).isEqualTo(0.0);
            MembershipFunction g = MembershipFunction.trapezoidal(p - w, p - w, p, p);
            if (p - w == p - w && Double.isFinite(p - w)) {
                assertThat(g.apply(p)).as("%s at %s", g, p).isEqualTo(1.0);
                assertThat(g.apply(Math.nextUp(p))).as("%s above %s", g, p).isEqualTo(0.0);
            }
        });
    }

    @Test
    void trapezoidalIsOneOnItsWholeTop() {
        qt().withExamples(10_000).forAll(anchor(), width(), width(), doubles().fromZeroToOne())
                .checkAssert((a, w1, w2, t) -> {
                    double b = a + w1;
                    double c = b + w2;
                    MembershipFunction f = MembershipFunction.trapezoidal(a - 1, b, c, c + 1);
                    double x = Math.min(c, b + t * (c - b));
                    assertThat(f.apply(x)).as("%s at %s", f, x).isEqualTo(1.0);
                });
    }

    @Test
    void shouldersAreMonotone() {
        qt().withExamples(20_000).forAll(anchor(), width(), anyInput(), anyInput()).checkAssert((a, w, x1, x2) -> {
            if (Double.isNaN(x1) || Double.isNaN(x2)) {
                return;
            }
            double lo = Math.min(x1, x2);
            double hi = Math.max(x1, x2);
            MembershipFunction left = MembershipFunction.of("left_shoulder", new double[] {a, a + w}, "left");
            MembershipFunction right = MembershipFunction.of("right_shoulder", new double[] {a, a + w}, "right");
            assertThat(left.apply(lo)).as("%s at %s vs %s", left, lo, hi).isGreaterThanOrEqualTo(left.apply(hi));
            assertThat(right.apply(lo)).as("%s at %s vs %s", right, lo, hi).isLessThanOrEqualTo(right.apply(hi));
        });
    }

    @Test
    void infinitiesTakeTheLimitOfTheShape() {
        qt().withExamples(5_000).forAll(anyFunction()).checkAssert(f -> {
            double lo = f.apply(Double.NEGATIVE_INFINITY);
            double hi = f.apply(Double.POSITIVE_INFINITY);
            double[] p = f.parameters();
            double expectLo;
            double expectHi;
            switch (f.type()) {
                case "left_shoulder":
                    expectLo = 1;
                    expectHi = 0;
                    break;
                case "right_shoulder":
                    expectLo = 0;
                    expectHi = 1;
                    break;
                case "sigmoid":
                    expectLo = p[1] > 0 ? 0 : 1;
                    expectHi = p[1] > 0 ? 1 : 0;
                    break;
                default:
                    expectLo = 0;
                    expectHi = 0;
                    break;
            }
            assertThat(lo).as("%s at -inf", f).isEqualTo(expectLo);
            assertThat(hi).as("%s at +inf", f).isEqualTo(expectHi);
            assertThat(List.of(0.0, 1.0)).contains(lo, hi);
        });
    }
}
