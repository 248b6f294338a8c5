package dev.ktrdr.training.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Label;
import dev.ktrdr.api.Labeler;
import dev.ktrdr.api.Labels;
import dev.ktrdr.training.TestBars;
import dev.ktrdr.training.strategy.TrainingConfig;
import org.junit.jupiter.api.Test;

class LabelersTest {
    static final byte B = 0;
    static final byte H = 1;
    static final byte S = 2;
    static final byte N = Label.NONE;

    // Hand calculation, threshold 10 %: extremes low@0 (confirmed at bar 2, 111 >= 100*1.1),
    // high@2 (confirmed at 4, 95 <= 111*0.9), low@4 (confirmed at 6, 106 >= 95*1.1), high@6 (confirmed at 9).
    static final double[] ZZ = {100, 105, 111, 100, 95, 99, 106, 104, 103, 90, 92};

    @Test
    void segmentLabelsAreBuyInsideRisingLegsSellInsideFallingLegsAndHoldAtExtremes() {
        Labels l = new ZigZagSegmentLabeler(0.10).label(TestBars.closes("X", ZZ));
        // every confirmed leg is labelled; bars 7..10 are the open leg after high@6
        assertThat(l.classes()).containsExactly(H, B, H, S, H, B, H, N, N, N, N);
    }

    @Test
    void segmentLabelsReportTheLargestReachToTheirLegsConfirmation() {
        Labels l = new ZigZagSegmentLabeler(0.10).label(TestBars.closes("X", ZZ));
        // hand calculation: bar 1 needs bar 4 (3 ahead), bar 3 needs bar 6 (3), bar 5 needs bar 9 (4);
        // extremes 0, 2, 4, 6 are confirmed 2, 2, 2, 3 bars later: the horizon is 4
        assertThat(l.horizon()).isEqualTo(4);
        assertThat(new ZigZagSegmentLabeler(0.10).horizon()).isEqualTo(Integer.MAX_VALUE);
        // no extreme confirmed: nothing labelled, horizon 0
        Labels flat = new ZigZagSegmentLabeler(0.10).label(TestBars.closes("X", new double[] {100, 101, 102, 103}));
        assertThat(flat.classes()).containsOnly(N);
        assertThat(flat.horizon()).isZero();
    }

    @Test
    void segmentLabelsNeverDependOnBarsBeyondTheirReportedHorizon() {
        qt().withExamples(80).forAll(longs().all(), integers().between(30, 600), integers().between(1, 30))
                .checkAssert((seed, n, thresholdTenthsOfPercent) -> {
                    BarSeries full = TestBars.randomWalk("RW", seed, n);
                    ZigZagSegmentLabeler labeler = new ZigZagSegmentLabeler(thresholdTenthsOfPercent / 1000.0);
                    Labels all = labeler.label(full);
                    int h = all.horizon();
                    int m = 1 + (int) Math.floorMod(seed, (long) n);
                    Labels prefix = labeler.label(full.slice(0, m));
                    assertThat(prefix.horizon()).isLessThanOrEqualTo(h);
                    for (int i = 0; i < m; i++) {
                        if ((long) i + h <= m - 1) {
                            // everything the label may depend on is in the prefix: the label is the same
                            assertThat(prefix.classAt(i)).as("bar %d of prefix %d, horizon %d", i, m, h).isEqualTo(all.classAt(i));
                        } else if (prefix.classAt(i) != N) {
                            // a label given early is never revised later
                            assertThat(prefix.classAt(i)).as("bar %d of prefix %d", i, m).isEqualTo(all.classAt(i));
                        }
                    }
                });
    }

    @Test
    void segmentLabelsLabelAlmostEveryBarOfALongSeries() {
        // a 1 % ZigZag on a 0.5 %-per-bar random walk confirms a leg every few dozen bars: only the bars before
        // the first extreme and the open leg stay unlabelled
        Labels l = new ZigZagSegmentLabeler(0.01).label(TestBars.randomWalk("RW", 7, 5000));
        long none = l.classCounts()[Label.COUNT];
        assertThat(none).isLessThan(250);
        assertThat(l.horizon()).isPositive().isLessThan(5000);
    }

    @Test
    void forwardWindowLabelsFollowTheLargerMoveWithinTheWindow() {
        double[] c = {100, 103, 106, 101, 95, 96, 100};
        // bar 0: up 6 % (106), bar 1: down 7.8 % (95/103), bar 2: down 10.4 %, bar 3: down 5.9 %
        assertThat(new ZigZagForwardLabeler(0.05, 3, 1).label(TestBars.closes("X", c)).classes())
                .containsExactly(B, S, S, S, N, N, N);
        // with two bars to the extreme required, bar 3's fall (at bar 4, one bar ahead) no longer counts
        assertThat(new ZigZagForwardLabeler(0.05, 3, 2).label(TestBars.closes("X", c)).classes())
                .containsExactly(B, S, S, H, N, N, N);
    }

    @Test
    void tripleBarrierLabelsTakeTheFirstBarrierTouched() {
        double[] c = {100, 110, 100, 110, 120, 95, 95};
        // bar 2: sigma of [ln 1.1, ln(1/1.1)] = 0.13479, barriers 114.43 / 87.39: bar 4 (120) touches the upper.
        // bar 3: same sigma, barriers 125.87 / 96.13: bar 5 (95) touches the lower.
        // bar 4: sigma of [ln 1.1, ln(12/11)] = 0.005868, barriers 120.71 / 119.30: bar 5 touches the lower.
        Labels l = new TripleBarrierLabeler(1, 1, 2, 2).label(TestBars.closes("X", c));
        assertThat(l.classes()).containsExactly(N, N, B, S, S, N, N);
        double[] hi = c.clone();
        double[] lo = c.clone();
        hi[3] = 115;
        lo[3] = 85;
        // a bar touching both barriers is ambiguous: HOLD
        assertThat(new TripleBarrierLabeler(1, 1, 2, 2).label(TestBars.ohlc("X", hi, lo, c)).classAt(2)).isEqualTo(H);
        // nothing touched before the vertical barrier: HOLD
        assertThat(new TripleBarrierLabeler(5, 5, 2, 2).label(TestBars.closes("X", c)).classAt(2)).isEqualTo(H);
    }

    @Test
    void aLabelNeverDependsOnBarsBeyondItsHorizon() {
        qt().withExamples(60).forAll(longs().all(), integers().between(60, 300), integers().between(0, 2))
                .checkAssert((seed, n, kind) -> {
                    BarSeries full = TestBars.randomWalk("RW", seed, n);
                    Labeler labeler = kind == 0 ? new ZigZagForwardLabeler(0.01, 7, 1)
                            : kind == 1 ? new ZigZagForwardLabeler(0.01, 9, 2) : new TripleBarrierLabeler(1.5, 1, 8, 5);
                    Labels all = labeler.label(full);
                    int h = labeler.horizon();
                    for (int i = Math.max(0, n - h); i < n; i++) {
                        assertThat(all.classAt(i)).as("row within horizon of the end").isEqualTo(N);
                    }
                    int m = h + 1 + (int) Math.floorMod(seed, (long) (n - h));
                    Labels prefix = labeler.label(full.slice(0, m));
                    for (int i = 0; i < m; i++) {
                        byte expected = i < m - h ? all.classAt(i) : N;
                        assertThat(prefix.classAt(i)).as("kind %d bar %d of prefix %d", kind, i, m).isEqualTo(expected);
                    }
                });
    }

    @Test
    void classBalanceAndMajorityShareAreReported() {
        Labels l = new ZigZagSegmentLabeler(0.10).label(TestBars.closes("X", ZZ));
        ClassBalance b = ClassBalance.of(l);
        assertThat(b).isEqualTo(new ClassBalance(2, 4, 1, 4));
        assertThat(b.majorityShare()).isEqualTo(4.0 / 7);
        assertThat(b.toString()).isEqualTo("BUY 2 (28.6%), HOLD 4 (57.1%), SELL 1 (14.3%), unlabelled 4");
    }

    @Test
    void strategyConfigPicksTheLabelerAndItsHorizon() {
        Labeler z = Labelers.fromConfig(new TrainingConfig.LabelConfig(TrainingConfig.LabelSource.ZIGZAG, 0.02, 48, 1, 2, 2, 20, 20));
        assertThat(z).isInstanceOf(ZigZagSegmentLabeler.class);
        // segment labels are not capped by label_lookahead: their horizon comes from the data
        assertThat(z.horizon()).isEqualTo(Integer.MAX_VALUE);
        Labeler t = Labelers.fromConfig(new TrainingConfig.LabelConfig(TrainingConfig.LabelSource.TRIPLE_BARRIER, 0.02, 48, 1, 2, 2, 24, 20));
        assertThat(t.horizon()).isEqualTo(24);
        assertThatThrownBy(() -> new ZigZagForwardLabeler(0.01, 5, 6)).isInstanceOf(ConfigurationException.class)
                .hasMessage("training.labels.min_swing_length: 6 is not in [1, 5]");
    }
}
