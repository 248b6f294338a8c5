package dev.ktrdr.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.calendar.Calendars;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The malformed-file corpus (src/test/resources/malformed, written by make_corpus.py): every file
 * fails under STRICT with exactly the message in expected.tsv, which names file and line.
 */
class MalformedCorpusTest {

    static List<String[]> cases() throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream in = MalformedCorpusTest.class.getResourceAsStream("/malformed/expected.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.split("\t", 3));
                }
            }
        }
        return out;
    }

    static Stream<Arguments> corpus() throws IOException {
        return cases().stream().map(c -> Arguments.of(c[0], c[1], c[2]));
    }

    @Test
    void corpusHasAtLeastThirtyDistinctMalformedFiles() throws IOException {
        assertThat(cases()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(cases().stream().map(c -> c[0]).distinct().count()).isEqualTo(cases().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyMalformedFileFailsWithItsExactMessage(String file, String tf, String message) throws IOException {
        try (InputStream in = MalformedCorpusTest.class.getResourceAsStream("/malformed/" + file)) {
            assertThat(in).as(file).isNotNull();
            assertThatThrownBy(() -> CsvBars.read(in, file, Symbol.of("TEST"), Timeframe.parse(tf), Calendars.usEquity(),
                    ValidationPolicy.STRICT))
                    .isInstanceOf(DataException.class)
                    .hasMessage(message)
                    .satisfies(e -> {
                        DataException d = (DataException) e;
                        assertThat(d.file()).contains(file);
                        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^" + java.util.regex.Pattern.quote(file)
                                + ":(\\d+): ").matcher(message);
                        if (m.find()) {
                            assertThat(d.line()).isEqualTo(Long.parseLong(m.group(1)));
                        }
                    });
        }
    }
}
