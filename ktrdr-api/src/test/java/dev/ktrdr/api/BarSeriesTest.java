package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BarSeriesTest {
    private static final long H = 3_600_000L;
    private final Symbol s = Symbol.of("TEST");

    private BarSeries series(long... opens) {
        int n = opens.length;
        double[] p = new double[n];
        java.util.Arrays.fill(p, 1.0);
        return BarSeries.ofOpenTimes(s, Timeframe.H1, opens, p, p, p, p, p);
    }

    @Test
    void closeTimeIsOpenPlusTimeframeForIntradayFactory() {
        BarSeries b = series(0, H, 2 * H);
        assertThat(b.closeTime(1)).isEqualTo(2 * H);
        assertThat(b.bar(2).closeTime()).isEqualTo(3 * H);
    }

    @Test
    void refusesUnsortedOrDuplicateOpenTimesNamingTheBar() {
        assertThatThrownBy(() -> series(0, H, H)).hasMessageContaining("not strictly increasing at bar 2");
        assertThatThrownBy(() -> series(H, 0)).hasMessageContaining("at bar 1");
    }

    @Test
    void refusesColumnsOfDifferentLengthAndBarsClosingBeforeTheyOpen() {
        assertThatThrownBy(() -> new BarSeries(s, Timeframe.H1, new long[] {0}, new long[] {H},
                new double[] {1}, new double[] {1}, new double[] {1}, new double[] {1}, new double[0]))
                .hasMessageContaining("differ in length");
        assertThatThrownBy(() -> new BarSeries(s, Timeframe.H1, new long[] {H}, new long[] {H},
                new double[] {1}, new double[] {1}, new double[] {1}, new double[] {1}, new double[] {1}))
                .hasMessageContaining("closes at or before it opens");
    }

    @Test
    void isImmutableThroughItsArrays() {
        long[] opens = {0, H};
        double[] c = {1, 2};
        BarSeries b = BarSeries.ofOpenTimes(s, Timeframe.H1, opens, c, c, c, c, c);
        opens[0] = 99;
        c[0] = 99;
        b.closes()[1] = 99;
        assertThat(b.openTime(0)).isZero();
        assertThat(b.close(0)).isEqualTo(1.0);
        assertThat(b.close(1)).isEqualTo(2.0);
    }

    @Test
    void knownAtKeepsOnlyBarsClosedByTheInstant() {
        BarSeries b = series(0, H, 2 * H, 3 * H);
        assertThat(b.knownAt(2 * H).size()).isEqualTo(2);
        assertThat(b.knownAt(2 * H - 1).size()).isEqualTo(1);
        assertThat(b.knownAt(-1).size()).isZero();
        assertThat(b.slice(1, 3).openTime(0)).isEqualTo(H);
    }
}
