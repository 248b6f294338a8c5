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

    /** The column form (for feature shards) holds exactly the matrix's values, read through the alignment. */
    @Test
    void alignedColumnsHoldTheMatrixValues() {
        MultiTimeframeFeatureBuilder b = SyntheticFrames.builder();
        for (int s : SYMBOLS) {
            MultiTimeframeBars bars = SyntheticFrames.bars(s, BARS, 11);
            FeatureMatrix m = b.build(bars);
            AlignedColumns c = b.buildColumns(bars);
            assertSame(c.toMatrix(), m);
            assertThat(c.rows()).isEqualTo(m.rows());
            int[] bits = new int[m.rows() + 2];
            for (int col = 0; col < m.columns(); col++) {
                c.floatBits(col, 1, m.rows() - 1, bits, 2);
                for (int r = 1; r < m.rows(); r++) {
                    assertThat(bits[r + 1]).isEqualTo(Float.floatToRawIntBits((float) m.get(r, col)));
                    assertThat(c.get(r, col)).isEqualTo(m.get(r, col));
                }
            }
            assertSame(AlignedColumns.of(m).toMatrix(), m);
        }
    }

    private static void assertSame(FeatureMatrix a, FeatureMatrix b) {
        assertThat(a.symbol()).isEqualTo(b.symbol());
        assertThat(a.spec()).isEqualTo(b.spec());
        assertThat(a.times()).isEqualTo(b.times());
        assertThat(a.values()).isEqualTo(b.values());
    }

    /** A NaN after warm-up fails both forms with the same message, naming the feature and the bar. */
    @Test
    void aNaNAfterWarmUpFailsBothFormsAlike() {
        MultiTimeframeBars bars = SyntheticFrames.bars(4, BARS, 3);
        dev.ktrdr.api.IndicatorEngine real = new dev.ktrdr.indicators.CatalogIndicatorEngine();
        dev.ktrdr.api.IndicatorEngine holed = (series, specs) -> {
            dev.ktrdr.api.ColumnFrame f = real.compute(series, specs);
            java.util.Map<String, double[]> cols = new java.util.LinkedHashMap<>();
            java.util.Map<String, Integer> lookbacks = new java.util.LinkedHashMap<>();
            for (String name : f.names()) {
                double[] v = f.column(name);
                if (name.equals("rsi_14") && series.timeframe() == Timeframe.H4) {
                    v[v.length - 40] = Double.NaN;
                }
                cols.put(name, v);
                lookbacks.put(name, f.lookback(name));
            }
            return new dev.ktrdr.api.ColumnFrame(f.times(), cols, lookbacks);
        };
        MultiTimeframeFeatureBuilder b = new MultiTimeframeFeatureBuilder(SyntheticFrames.builder().config(), holed,
                new dev.ktrdr.fuzzy.BatchFuzzyEngine(), new dev.ktrdr.data.LookaheadFreeAligner(),
                info -> java.util.Optional.of(dev.ktrdr.data.calendar.Calendars.byId(info.calendarId())));
        String message = org.assertj.core.api.Assertions.catchThrowableOfType(() -> b.buildFrame(bars),
                dev.ktrdr.api.DataException.class).getMessage();
        assertThat(message).contains("feature '4h_rsi_14_").contains("is NaN at 4h bar");
        assertThatThrownBy(() -> b.buildColumns(bars)).isInstanceOf(dev.ktrdr.api.DataException.class)
                .hasMessage(message);
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
