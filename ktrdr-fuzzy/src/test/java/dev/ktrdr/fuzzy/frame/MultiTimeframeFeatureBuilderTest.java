package dev.ktrdr.fuzzy.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.Timeframe;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MultiTimeframeFeatureBuilderTest {
    /** EURUSD (forex calendar), BTCUSDT (crypto, 24/7), AAPL (NYSE sessions). */
    private static final int[] SYMBOLS = {0, 2, 4};
    private static final int BARS = 2_500;

    @Test
    void columnsAreTimeframesThenSetsThenMembershipsHonouringNnInputs() {
        assertThat(SyntheticFrames.builder().featureSpec().names()).containsExactly(
                "1h_rsi_14_oversold", "1h_rsi_14_neutral", "1h_rsi_14_overbought",
                "1h_macd_hist_bearish", "1h_macd_hist_neutral", "1h_macd_hist_bullish",
                "1h_sma_20_below", "1h_sma_20_above",
                "4h_rsi_14_oversold", "4h_rsi_14_neutral", "4h_rsi_14_overbought",
                "4h_macd_hist_bearish", "4h_macd_hist_neutral", "4h_macd_hist_bullish",
                "4h_sma_20_below", "4h_sma_20_above",
                "1d_rsi_14_oversold", "1d_rsi_14_neutral", "1d_rsi_14_overbought",
                "1d_macd_hist_bearish", "1d_macd_hist_neutral", "1d_macd_hist_bullish",
                "1d_rsi_z_low", "1d_rsi_z_high");
    }

    @Test
    void framesOnGeneratedDataHaveNoNaNNoGapAndUnitValues() {
        MultiTimeframeFeatureBuilder b = SyntheticFrames.builder();
        for (int s : SYMBOLS) {
            MultiTimeframeBars bars = SyntheticFrames.bars(s, BARS, 7);
            FeatureFrame f = b.buildFrame(bars);
            FeatureMatrix m = f.matrix();
            BarSeries base = bars.get(Timeframe.H1);
            assertThat(m.rows()).as("%s rows", bars.symbol()).isGreaterThan(BARS / 3);
            assertThat(f.gaps()).as("%s gaps", bars.symbol()).isEmpty();
            // no gap: exactly one row per base bar after the warm-up, in order
            assertThat(f.warmupDropped() + m.rows()).isEqualTo(base.size());
            assertThat(m.times()).containsExactly(Arrays.copyOfRange(base.openTimes(), f.warmupDropped(), base.size()));
            for (double v : m.values()) {
                assertThat(v).isBetween(0.0, 1.0);
            }
            // the daily z-score needs 30 daily bars: warm-up is at least that long on the base
            assertThat(f.warmupDropped()).isGreaterThan(30 * 7);
            // every row used, on every timeframe, a bar closed by the base bar's close
            for (Timeframe tf : List.of(Timeframe.H4, Timeframe.D1)) {
                long[] src = f.sourceOpenTimes(tf);
                BarSeries s2 = bars.get(tf);
                for (int r = 0; r < m.rows(); r++) {
                    int i = Arrays.binarySearch(s2.openTimes(), src[r]);
                    assertThat(s2.closeTime(i)).isLessThanOrEqualTo(m.time(r) + Timeframe.H1.millis());
                }
            }
        }
    }

    @Test
    void aRowComputedFromDataUpToItsCloseEqualsTheSameRowComputedWithAllData() {
        MultiTimeframeFeatureBuilder b = SyntheticFrames.builder();
        for (int s : SYMBOLS) {
            MultiTimeframeBars bars = SyntheticFrames.bars(s, BARS, 11);
            FeatureMatrix full = b.build(bars);
            BarSeries base = bars.get(Timeframe.H1);
            int cols = full.columns();
            qt().withExamples(12).forAll(integers().between(0, full.rows() - 1)).checkAssert(r -> {
                int baseIndex = Arrays.binarySearch(base.openTimes(), full.time(r));
                long decision = base.closeTime(baseIndex);
                FeatureMatrix prefix = b.build(SyntheticFrames.knownAt(bars, decision));
                int last = prefix.rows() - 1;
                assertThat(prefix.time(last)).isEqualTo(full.time(r));
                double[] a = new double[cols];
                double[] c = new double[cols];
                prefix.copyRow(last, a, 0);
                full.copyRow(r, c, 0);
                assertThat(a).as("%s row %d", bars.symbol(), r).containsExactly(c);
            });
        }
    }

    @Test
    void nothingIsProducedWhileAnyTimeframeWarmsUp() {
        MultiTimeframeBars bars = SyntheticFrames.bars(2, 24 * 20, 3);
        FeatureFrame f = SyntheticFrames.builder().buildFrame(bars);
        assertThat(f.matrix().rows()).isZero();
        assertThat(f.warmupDropped()).isEqualTo(bars.get(Timeframe.H1).size());
    }

    @Test
    void aMissingTimeframeIsAConfigurationError() {
        MultiTimeframeBars bars = SyntheticFrames.bars(2, 500, 3);
        MultiTimeframeBars only1h = new MultiTimeframeBars(bars.info(), Timeframe.H1,
                java.util.Map.of(Timeframe.H1, bars.get(Timeframe.H1)));
        assertThatThrownBy(() -> SyntheticFrames.builder().build(only1h)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("4h");
    }
}
