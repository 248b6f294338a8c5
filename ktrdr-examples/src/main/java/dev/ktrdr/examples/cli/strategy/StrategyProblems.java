package dev.ktrdr.examples.cli.strategy;

import dev.ktrdr.training.strategy.Problem;
import java.io.PrintWriter;
import java.util.List;

/**
 * How the command line shows a strategy's problems, the same for {@code strategy validate}, {@code train},
 * {@code backtest} and every other command that loads a strategy: a header naming the file and the
 * counts, then one problem per line with its YAML path ({@code   path: message}, warnings as
 * {@code   warning: path: message}).
 */
public final class StrategyProblems {
    private StrategyProblems() {
    }

    /**
     * @param source the strategy file
     * @param problems its problems
     * @return {@code FILE: 2 errors, 1 warning}
     */
    public static String header(String source, List<Problem> problems) {
        long errors = problems.stream().filter(Problem::isError).count();
        long warnings = problems.size() - errors;
        StringBuilder sb = new StringBuilder(source).append(": ");
        if (errors > 0) {
            sb.append(errors).append(errors == 1 ? " error" : " errors");
        }
        if (warnings > 0) {
            sb.append(errors > 0 ? ", " : "").append(warnings).append(warnings == 1 ? " warning" : " warnings");
        }
        return sb.toString();
    }

    /**
     * Prints the header (after {@code prefix}) and one line per problem; nothing when there is none.
     *
     * @param err where to print
     * @param prefix put before the header, e.g. {@code "ktrdr: "}
     * @param source the strategy file
     * @param problems its problems
     */
    public static void print(PrintWriter err, String prefix, String source, List<Problem> problems) {
        if (problems.isEmpty()) {
            return;
        }
        err.println(prefix + header(source, problems));
        for (Problem p : problems) {
            err.println("  " + p);
        }
        err.flush();
    }
}
