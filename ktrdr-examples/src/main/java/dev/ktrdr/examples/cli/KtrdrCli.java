package dev.ktrdr.examples.cli;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.KtrdrException;
import dev.ktrdr.examples.cli.strategy.StrategyProblems;
import dev.ktrdr.training.strategy.StrategyValidationException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ktrdr} command line: {@code java -jar ktrdr-examples/target/ktrdr.jar --help}.
 *
 * <p>Exit codes: 0 success; 2 bad input (data, configuration, usage), with one line on stderr and no
 * stack trace; 1 any other failure (also one line). Set {@code KTRDR_DEBUG=1} to see stack traces.
 */
@Command(name = "ktrdr", mixinStandardHelpOptions = true, versionProvider = KtrdrCli.Version.class,
        description = "Multi-symbol, multi-timeframe trading models: data, indicators, fuzzy features, training, models, backtests.",
        subcommands = {CommandLine.HelpCommand.class})
public final class KtrdrCli implements Callable<Integer> {

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Without a command: the usage on stderr and exit code {@link #BAD_INPUT}. */
    @Override
    public Integer call() {
        return missingCommand(spec);
    }

    /**
     * What {@code ktrdr} and each group of commands ({@code ktrdr models}, …) do when no command follows: print
     * their usage on stderr (not stdout: nothing was asked for) and fail as bad input.
     *
     * @param spec the command that lacks its subcommand
     * @return {@link #BAD_INPUT}
     */
    public static int missingCommand(CommandLine.Model.CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": missing command");
        spec.commandLine().usage(err);
        err.flush();
        return BAD_INPUT;
    }

    /**
     * Builds the command line with every subcommand registered; used by {@link #main} and tests.
     *
     * @return the configured command line
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new KtrdrCli());
        for (Object sub : Subcommands.all()) {
            cl.addSubcommand(sub);
        }
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (ex instanceof StrategyValidationException sve) {
                // every problem of the file, one per line, as 'ktrdr strategy validate' prints them
                StrategyProblems.print(err, "ktrdr: ", sve.source(), sve.problems());
                return BAD_INPUT;
            }
            err.println("ktrdr: " + oneLine(ex));
            if (System.getenv("KTRDR_DEBUG") != null) {
                ex.printStackTrace(err);
            }
            err.flush();
            return isBadInput(ex) ? BAD_INPUT : 1;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("ktrdr: " + oneLine(ex) + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            err.flush();
            return BAD_INPUT;
        });
        return cl;
    }

    static boolean isBadInput(Throwable ex) {
        return ex instanceof DataException || ex instanceof ConfigurationException
                || ex instanceof NoSuchFileException || ex instanceof IllegalArgumentException
                || (ex instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException)
                || (ex instanceof KtrdrException && !(ex.getCause() instanceof RuntimeException));
    }

    static String oneLine(Throwable ex) {
        String m = ex.getMessage();
        if (ex instanceof NoSuchFileException nf) {
            m = "no such file: " + nf.getFile();
        } else if (ex instanceof UncheckedIOException u && u.getCause() instanceof NoSuchFileException nf) {
            m = "no such file: " + nf.getFile();
        }
        if (m == null || m.isBlank()) {
            m = ex.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Prints the library version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = dev.ktrdr.api.KtrdrVersion.get();
            return new String[] {"ktrdr " + v};
        }
    }
}
