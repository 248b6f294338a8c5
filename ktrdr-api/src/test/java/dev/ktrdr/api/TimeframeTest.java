package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeframeTest {

    @Test
    void parsesEveryCanonicalLabelBackToItself() {
        for (Timeframe tf : Timeframe.values()) {
            assertThat(Timeframe.parse(tf.label())).isSameAs(tf);
            assertThat(Timeframe.parse(" " + tf.label().toUpperCase() + " ")).isSameAs(tf);
        }
    }

    @Test
    void acceptsMinuteAndHourAliases() {
        assertThat(Timeframe.parse("60m")).isSameAs(Timeframe.H1);
        assertThat(Timeframe.parse("240m")).isSameAs(Timeframe.H4);
        assertThat(Timeframe.parse("24h")).isSameAs(Timeframe.D1);
    }

    @Test
    void refusesUnknownLabelsListingTheValidOnes() {
        assertThatThrownBy(() -> Timeframe.parse("3h"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("'3h' is not a timeframe")
                .hasMessageContaining("1m, 5m, 15m, 30m, 1h, 2h, 4h, 1d, 1w");
        assertThatThrownBy(() -> Timeframe.parse(null)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void durationsAreNominalBarLengthsInIncreasingOrder() {
        assertThat(Timeframe.M15.duration()).isEqualTo(Duration.ofMinutes(15));
        assertThat(Timeframe.H4.millis()).isEqualTo(4 * 3_600_000L);
        assertThat(Timeframe.W1.duration()).isEqualTo(Duration.ofDays(7));
        Timeframe[] all = Timeframe.values();
        for (int i = 1; i < all.length; i++) {
            assertThat(all[i].millis()).isGreaterThan(all[i - 1].millis());
            assertThat(all[i].compareTo(all[i - 1])).isPositive();
        }
    }

    @Test
    void multiplesFollowWholeDivision() {
        assertThat(Timeframe.H4.isMultipleOf(Timeframe.H1)).isTrue();
        assertThat(Timeframe.H1.isMultipleOf(Timeframe.M15)).isTrue();
        assertThat(Timeframe.H1.isMultipleOf(Timeframe.H4)).isFalse();
        assertThat(Timeframe.D1.isIntraday()).isFalse();
        assertThat(Timeframe.H4.isIntraday()).isTrue();
    }
}
