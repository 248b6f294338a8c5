package dev.ktrdr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import dev.ktrdr.api.internal.SafeNames;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SymbolTest {

    @ParameterizedTest
    @ValueSource(strings = {"EURUSD", "AAPL", "BTC-USD", "BRK.B", "ES_F", "a", "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"})
    void acceptsLettersDigitsDotUnderscoreAndDash(String s) {
        assertThat(Symbol.of(s).value()).isEqualTo(s);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".", "../etc", "a/b", "a\\b", "EUR USD", "x\u0000", "tab\t", "CON", "nul",
            "com1.txt", "LPT9", ".hidden", "-rf", "a..b", "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456", "é"})
    void refusesAnythingThatCouldFormOrEscapeAPath(String s) {
        assertThatThrownBy(() -> Symbol.of(s))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("is not a valid symbol");
    }

    @Test
    void controlCharactersAreEscapedInTheMessage() {
        assertThatThrownBy(() -> Symbol.of("a\u0001b")).hasMessageContaining("a\\u0001b");
    }

    @Test
    void everyAcceptedSymbolStaysASinglePathElementInsideItsParent() {
        Path root = Path.of("/models/strategy");
        qt().forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(s -> {
            if (SafeNames.isSafe(s, Symbol.MAX_LENGTH)) {
                Path p = root.resolve(s).normalize();
                assertThat(p.getParent()).isEqualTo(root);
                assertThat(p.getFileName().toString()).isEqualTo(s);
            }
        });
    }
}
