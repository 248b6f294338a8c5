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
        Labels l = new ZigZagSegmentLabeler(0.10, 5).label(TestBars.closes("X", ZZ));
        // last labelled bar: 11 - 1 - 5 = 5
        assertThat(l.classes()).containsExactly(H, B, H, S, H, B, N, N, N, N, N);
        assertThat(l.horizon()).isEqualTo(5);
    }

    @Test
    void segmentLabelsWhoseLegIsConfirmedBeyondTheHorizonAreNone() {
        Labels l = new ZigZagSegmentLabeler(0.10, 2).label(TestBars.closes("X", ZZ));
        // bar 1 needs bar 4 (3 ahead), bar 3 needs bar 6, bar 5 needs bar 9, extreme 6 is confirmed at 9
        assertThat(l.classes()).containsExactly(H, N, H, N, H, N, N, N, N, N, N);
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
                    Labeler labeler = kind == 0 ? new ZigZagSegmentLabeler(0.01, 7)
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
        Labels l = new ZigZagSegmentLabeler(0.10, 5).label(TestBars.closes("X", ZZ));
        ClassBalance b = ClassBalance.of(l);
        assertThat(b).isEqualTo(new ClassBalance(2, 3, 1, 5));
        assertThat(b.majorityShare()).isEqualTo(0.5);
        assertThat(b.toString()).isEqualTo("BUY 2 (33.3%), HOLD 3 (50.0%), SELL 1 (16.7%), unlabelled 5");
    }

    @Test
    void strategyConfigPicksTheLabelerAndItsHorizon() {
        Labeler z = Labelers.fromConfig(new TrainingConfig.LabelConfig(TrainingConfig.LabelSource.ZIGZAG, 0.02, 48, 1, 2, 2, 20, 20));
        assertThat(z).isInstanceOf(ZigZagSegmentLabeler.class);
        assertThat(z.horizon()).isEqualTo(48);
        Labeler t = Labelers.fromConfig(new TrainingConfig.LabelConfig(TrainingConfig.LabelSource.TRIPLE_BARRIER, 0.02, 48, 1, 2, 2, 24, 20));
        assertThat(t.horizon()).isEqualTo(24);
        assertThatThrownBy(() -> new ZigZagForwardLabeler(0.01, 5, 6)).isInstanceOf(ConfigurationException.class)
                .hasMessage("training.labels.min_swing_length: 6 is not in [1, 5]");
    }
}
