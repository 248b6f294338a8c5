package dev.ktrdr.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.calendar.Calendars;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The plausibility rules (range, spike, gap) under STRICT and REPAIR, and REPAIR's bounded report. */
class PlausibilityTest {
    static final String HEADER = "timestamp,open,high,low,close,volume\n";

    static String bar(long hour, double close) {
        return Instant.parse("2021-01-04T00:00:00Z").plusSeconds(3600 * hour) + "," + close + "," + close + "," + close + "," + close
                + ",10\n";
    }

    static CsvBars.Loaded repair(String text) {
        return CsvBarsTest.read(text, Timeframe.H1, Calendars.crypto(), ValidationPolicy.REPAIR);
    }

    @Test
    void repairDropsASpikeAndKeepsItsNeighbours() {
        String text = HEADER + bar(0, 100) + bar(1, 101) + bar(2, 1e8) + bar(3, 102) + bar(4, 103);
        CsvBars.Loaded l = repair(text);
        assertThat(l.series().size()).isEqualTo(4);
        assertThat(l.report().count(ValidationRule.SPIKE)).isEqualTo(1);
        assertThat(l.report().issues().get(0).line()).isEqualTo(4);
        assertThatThrownBy(() -> CsvBarsTest.read(text, Timeframe.H1, Calendars.crypto(), ValidationPolicy.STRICT))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv:4: high '1.0E8' breaks rule spike: high 1.0E8 is more than 100 times, or less than 1/100 of,"
                        + " both neighbours' closes (101.0 at line 3, 102.0 at line 5)");
    }

    @Test
    void aFallToAHundredthAtTheEdgeIsASpikeToo() {
        CsvBars.Loaded l = repair(HEADER + bar(0, 100) + bar(1, 101) + bar(2, 102) + bar(3, 0.5));
        assertThat(l.report().count(ValidationRule.SPIKE)).isEqualTo(1);
        assertThat(l.series().size()).isEqualTo(3);
    }

    @Test
    void repairKeepsTheLongestStretchBetweenGaps() {
        String text = HEADER + bar(0, 100) + bar(1, 100) + bar(24 * 400, 100) + bar(24 * 400 + 1, 100) + bar(24 * 400 + 2, 100);
        CsvBars.Loaded l = repair(text);
        assertThat(l.series().size()).isEqualTo(3);
        assertThat(l.report().count(ValidationRule.GAP)).isEqualTo(2);
        assertThat(l.report().issues()).extracting(RowIssue::line).containsExactly(2L, 3L);
    }

    @Test
    void repairCountsEveryProblemButListsTheFirstThousand() {
        StringBuilder sb = new StringBuilder(HEADER);
        for (int i = 0; i < 5000; i++) {
            sb.append(Instant.parse("2021-01-04T00:00:00Z").plusSeconds(3600L * i)).append(",1,1,1,1e300,1\n");
        }
        sb.append(bar(6000, 100));
        CsvBars.Loaded l = repair(sb.toString());
        assertThat(l.report().issueCount()).isEqualTo(5000);
        assertThat(l.report().count(ValidationRule.PRICE_RANGE)).isEqualTo(5000);
        assertThat(l.report().droppedCount()).isEqualTo(5000);
        assertThat(l.report().issues()).hasSize(ValidationReport.MAX_LISTED);
        assertThat(l.report().issues().get(0).line()).isEqualTo(2);
        assertThat(l.series().size()).isEqualTo(1);
    }

    @Test
    void controlCharactersInValuesAreEscapedInMessages() {
        assertThatThrownBy(() -> CsvBarsTest.read(HEADER + "2021-01-04T00:00:00Z,1\u001b[2J,1,1,1,1\n", Timeframe.H1, Calendars.crypto(),
                ValidationPolicy.STRICT)).hasMessage("t.csv:2: open '1\\u001b[2J' breaks rule number: not a number");
    }

    /**
     * Property: on random walks whose steps stay within ±30% (far inside the factor 100), REPAIR finds
     * no spike; with one bar multiplied or divided by more than 100 at a random place, REPAIR drops
     * exactly that bar and keeps the others unchanged.
     */
    @Test
    void injectedSpikesAreDroppedExactlyAndWalksWithoutThemAreClean() {
        qt().withExamples(60).forAll(longs().all(), integers().between(3, 200), integers().between(101, 10_000))
                .checkAssert((seed, n, factor) -> {
                    Random r = new Random(seed);
                    double[] c = new double[n];
                    c[0] = 1 + r.nextDouble() * 1000;
                    for (int i = 1; i < n; i++) {
                        c[i] = c[i - 1] * (0.7 + 0.6 * r.nextDouble());
                    }
                    StringBuilder clean = new StringBuilder(HEADER);
                    for (int i = 0; i < n; i++) {
                        clean.append(bar(i, c[i]));
                    }
                    assertThat(repair(clean.toString()).report().isClean()).isTrue();
                    int at = r.nextInt(n);
                    boolean up = r.nextBoolean();
                    StringBuilder spiked = new StringBuilder(HEADER);
                    for (int i = 0; i < n; i++) {
                        // neighbours (and, at the edges, the two nearest bars) lie within 0.49 to 2.05 times the bar's
                        // own close, so 8 x factor (> 800) clears both by more than the threshold 100
                        spiked.append(bar(i, i == at ? (up ? c[i] * factor * 8 : c[i] / factor / 8) : c[i]));
                    }
                    CsvBars.Loaded l = repair(spiked.toString());
                    assertThat(l.report().count(ValidationRule.SPIKE)).isEqualTo(1);
                    assertThat(l.report().issues().get(0).line()).isEqualTo(at + 2L);
                    assertThat(l.series().size()).isEqualTo(n - 1);
                });
    }
}
