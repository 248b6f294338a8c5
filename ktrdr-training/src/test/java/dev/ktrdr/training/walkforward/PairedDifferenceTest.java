package dev.ktrdr.training.walkforward;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.Symbol;
import dev.ktrdr.training.eval.BlockBootstrap;
import dev.ktrdr.training.eval.ScoredRows;
import java.util.List;
import org.junit.jupiter.api.Test;

class PairedDifferenceTest {
    static final List<Symbol> SYMBOLS = List.of(Symbol.of("AAA"), Symbol.of("BBB"));

    /** {@code n} rows per symbol, stacked, classes cycling. */
    static ScoredRows rows(int n) {
        int[] sym = new int[2 * n];
        byte[] y = new byte[2 * n];
        for (int i = 0; i < 2 * n; i++) {
            sym[i] = i < n ? 0 : 1;
            y[i] = (byte) (i % 3);
        }
        return ScoredRows.of(SYMBOLS, sym, y, y, null, new int[] {4, 6});
    }

    static int[] windows(int rows) {
        int[] w = new int[rows];
        for (int i = 0; i < rows; i++) {
            w[i] = 1 + (i % (rows / 2)) * 3 / (rows / 2);
        }
        return w;
    }

    @Test
    void identicalModelsDifferByExactlyZeroWithTheIntervalZeroZero() {
        ScoredRows r = rows(500);
        boolean[] hits = new boolean[1000];
        for (int i = 0; i < hits.length; i++) {
            hits[i] = (i * 7919) % 5 < 3;
        }
        PairedDifference d = PairedDifference.of("universal", "per_symbol", r, hits, hits.clone(), windows(1000),
                BlockBootstrap.withSeed(7));
        assertThat(d.rows()).isEqualTo(1000);
        assertThat(d.difference()).isEqualTo(0.0);
        assertThat(d.low()).isEqualTo(0.0);
        assertThat(d.high()).isEqualTo(0.0);
        assertThat(d.verdict()).isEqualTo(PairedDifference.Verdict.NOT_DISTINGUISHABLE);
        assertThat(d.line()).isEqualTo("universal − per_symbol: accuracy +0.00 pts [+0.00, +0.00] (95%, 1000 paired rows): "
                + "not distinguishable at 95%");
        assertThat(d.perSymbol()).containsOnlyKeys(SYMBOLS);
        assertThat(d.perSymbol().get(SYMBOLS.get(0)).difference()).isEqualTo(0.0);
        assertThat(d.perWindow()).extracting(PairedDifference.WindowPart::difference).containsOnly(0.0);
        assertThat(d.perWindow()).extracting(PairedDifference.WindowPart::rows).containsExactly(334, 334, 332);
    }

    @Test
    void aClearlyBetterModelIsBetterAtNinetyFivePercent() {
        ScoredRows r = rows(500);
        boolean[] good = new boolean[1000];
        boolean[] coin = new boolean[1000];
        for (int i = 0; i < good.length; i++) {
            good[i] = (i * 7919) % 10 < 9;
            coin[i] = (i * 104729) % 2 == 0;
        }
        PairedDifference d = PairedDifference.of("a", "b", r, good, coin, windows(1000), BlockBootstrap.withSeed(7));
        assertThat(d.difference()).isBetween(0.3, 0.5);
        assertThat(d.low()).isPositive().isLessThanOrEqualTo(d.difference());
        assertThat(d.high()).isGreaterThanOrEqualTo(d.difference());
        assertThat(d.verdict()).isEqualTo(PairedDifference.Verdict.A_BETTER);
        assertThat(d.line()).endsWith(": a better at 95%");
        PairedDifference flipped = PairedDifference.of("a", "b", r, coin, good, windows(1000), BlockBootstrap.withSeed(7));
        assertThat(flipped.verdict()).isEqualTo(PairedDifference.Verdict.B_BETTER);
        assertThat(flipped.difference()).isEqualTo(-d.difference());
        // deterministic for a seed
        assertThat(PairedDifference.of("a", "b", r, good, coin, windows(1000), BlockBootstrap.withSeed(7))).isEqualTo(d);
    }

    @Test
    void tooFewBlocksGiveNoIntervalAndNoVerdict() {
        ScoredRows r = rows(20);
        boolean[] a = new boolean[40];
        boolean[] b = new boolean[40];
        a[0] = true;
        PairedDifference d = PairedDifference.of("a", "b", r, a, b, new int[40], BlockBootstrap.withSeed(1));
        assertThat(d.low()).isNaN();
        assertThat(d.verdict()).isEqualTo(PairedDifference.Verdict.UNDETERMINED);
        assertThat(d.line()).contains("[no interval]").endsWith("undetermined (fewer than 10 bootstrap blocks)");
    }
}
