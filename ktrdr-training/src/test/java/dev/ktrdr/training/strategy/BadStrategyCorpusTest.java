package dev.ktrdr.training.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of bad strategy files under {@code strategies/bad/}: each {@code NN_name.yaml} changes the
 * valid {@code strategies/corpus_base.yaml} in one way (its first line says how) and has a sidecar
 * {@code NN_name.expected} holding, one per line, exactly the problems {@code ktrdr strategy validate}
 * prints for it (errors as {@code path: message}, warnings as {@code warning: path: message}). The list
 * {@link StrategyLoader#validate} returns must equal the file, and must equal what the training entry
 * point ({@link StrategyTrainer#run}) throws for the same text before it touches any data.
 */
class BadStrategyCorpusTest {

    static Path dir() {
        try {
            return Path.of(BadStrategyCorpusTest.class.getResource("/strategies/bad").toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")).sorted().toList().stream();
        }
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static List<String> expected(String file) {
        Path p = dir().resolve(file.replaceFirst("\\.yaml$", ".expected"));
        assertThat(p).as("sidecar of " + file).exists();
        List<String> lines = new ArrayList<>();
        for (String line : read(p).split("\n")) {
            if (!line.isEmpty()) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void theCorpusHoldsAtLeastFortyBadFilesEachWithItsExpectedList() throws IOException {
        List<String> yaml = files().toList();
        assertThat(yaml).hasSizeGreaterThanOrEqualTo(40);
        try (Stream<Path> s = Files.list(dir())) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".expected")).count())
                    .isEqualTo(yaml.size());
        }
        for (String f : yaml) {
            assertThat(expected(f)).as(f).isNotEmpty().anyMatch(l -> !l.startsWith("warning: "));
        }
    }

    @Test
    void theBaseEveryBadFileChangesIsValidWithoutWarnings() throws Exception {
        String base = read(Path.of(BadStrategyCorpusTest.class.getResource("/strategies/corpus_base.yaml").toURI()));
        assertThat(StrategyLoader.validate(base, "corpus_base.yaml")).isEmpty();
        Strategy s = StrategyLoader.parse(base, "corpus_base.yaml");
        assertThat(s.indicatorSpecs()).hasSize(3);
        assertThat(s.fuzzySetSpecs()).hasSize(3);
        assertThat(s.warnings()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("files")
    void validateReportsExactlyTheExpectedProblems(String file) {
        List<Problem> problems = StrategyLoader.validate(read(dir().resolve(file)), file);
        assertThat(problems).extracting(Problem::toString).as(file).containsExactlyElementsOf(expected(file));
    }

    @ParameterizedTest
    @MethodSource("files")
    void theTrainingEntryPointReportsTheSameProblems(String file) {
        String yaml = read(dir().resolve(file));
        List<Problem> problems = StrategyLoader.validate(yaml, file);
        TrainingRequest request = new TrainingRequest(yaml, file, NO_DATA, BadStrategyCorpusTest::info, List.of(),
                List.of());
        Throwable thrown = catchThrowable(() -> new StrategyTrainer().run(request, ProgressListener.NONE));
        assertThat(thrown).as(file).isInstanceOf(ConfigurationException.class);
        if (thrown instanceof StrategyValidationException e) {
            assertThat(e.problems()).as(file).isEqualTo(problems);
            assertThat(e.source()).isEqualTo(file);
        } else {
            // not YAML the loader accepts at all (an alias): one problem, the parser's own message
            assertThat(problems).as(file).containsExactly(new Problem("", thrown.getMessage()));
        }
        assertThatThrownBy(() -> StrategyLoader.parse(yaml, file)).isInstanceOfSatisfying(ConfigurationException.class,
                e -> assertThat(e.getMessage()).isEqualTo(thrown.getMessage()));
    }

    /** The loader must refuse before any bar is read. */
    private static final BarSource NO_DATA = (Symbol symbol, Timeframe timeframe) -> {
        throw new AssertionError("a bad strategy must be refused before data is read");
    };

    private static SymbolInfo info(Symbol s) {
        return new SymbolInfo(s, AssetClass.FOREX, "forex", Optional.empty());
    }
}
