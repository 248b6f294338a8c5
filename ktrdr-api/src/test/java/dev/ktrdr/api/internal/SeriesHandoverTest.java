package dev.ktrdr.api.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import org.junit.jupiter.api.Test;

class SeriesHandoverTest {
    @Test
    void adoptsTheArraysWithTheConstructorsChecksAndOnlyBarSeriesCanInstallIt() {
        long[] open = {0, 3_600_000L};
        long[] close = {3_600_000L, 7_200_000L};
        double[] p = {1, 2};
        BarSeries s = SeriesHandover.adopt(Symbol.of("BTCUSD"), Timeframe.H1, open, close, p, p, p, p, p);
        assertThat(s.size()).isEqualTo(2);
        assertThat(s.close(1)).isEqualTo(2.0);
        assertThatThrownBy(() -> SeriesHandover.adopt(Symbol.of("BTCUSD"), Timeframe.H1, new long[] {3_600_000L, 0},
                new long[] {7_200_000L, 7_200_000L}, p, p, p, p, p)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not strictly increasing");
        assertThatThrownBy(() -> SeriesHandover.install((sym, tf, a, b, c, d, e, f, g) -> null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("only be installed by BarSeries");
    }
}
