package dev.ktrdr.training.strategy;

import dev.ktrdr.api.ConfigurationException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Every problem found in one strategy file, thrown at once after the whole file was checked: the same
 * list, in the same order, that {@link StrategyLoader#validate} returns (at least one error, and the
 * warnings among them). The message is one line naming the source and listing every problem with its
 * YAML path; {@link #problems()} gives them as a list, and {@link #path()} is the path of the first error.
 */
public final class StrategyValidationException extends ConfigurationException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;
    private final String source;

    /**
     * @param source the file or other source of the strategy, for the message
     * @param problems the problems, at least one error, in the order found
     */
    public StrategyValidationException(String source, List<Problem> problems) {
        super("", source + ": " + problems.size() + (problems.size() == 1 ? " problem: " : " problems: ")
                + problems.stream().map(Problem::toString).collect(Collectors.joining("; ")));
        if (Problem.errors(problems).isEmpty()) {
            throw new IllegalArgumentException("a validation exception needs at least one error");
        }
        this.problems = List.copyOf(problems);
        this.source = source;
    }

    /** @return every problem, in the order found */
    public List<Problem> problems() {
        return problems;
    }

    /** @return the source named in the message */
    public String source() {
        return source;
    }

    /** @return the YAML path of the first error */
    @Override
    public String path() {
        return Problem.errors(problems).get(0).path();
    }
}
