package dev.ktrdr.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command and subcommand answers --help with its usage on stdout and exit code 0. */
class HelpTest {
    static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
        out.add(path);
        cl.getSubcommands().forEach((name, sub) -> {
            // picocli lists each alias too; visit every command once, under its own name
            if (name.equals(sub.getCommandName())) {
                List<String> p = new ArrayList<>(path);
                p.add(name);
                collect(sub, p, out);
            }
        });
    }

    @Test
    void everyCommandPrintsItsUsageForHelpAndExitsZero() {
        List<List<String>> commands = new ArrayList<>();
        collect(KtrdrCli.commandLine(), List.of(), commands);
        assertThat(commands).extracting(c -> String.join(" ", c))
                .contains("demo", "report", "train", "backtest", "models", "data", "indicators", "strategy");
        for (List<String> c : commands) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = KtrdrCli.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            List<String> args = new ArrayList<>(c);
            args.add("--help");
            String name = "ktrdr " + String.join(" ", c);
            assertThat(cl.execute(args.toArray(String[]::new))).as(name + ": " + err).isZero();
            assertThat(out.toString()).as(name).contains("Usage: " + name.trim());
            assertThat(err.toString()).as(name).isEmpty();
        }
    }

    @Test
    void everyOptionAndParameterOfEveryCommandIsDescribed() {
        List<List<String>> commands = new ArrayList<>();
        collect(KtrdrCli.commandLine(), List.of(), commands);
        for (List<String> c : commands) {
            CommandLine cl = KtrdrCli.commandLine();
            for (String name : c) {
                cl = cl.getSubcommands().get(name);
            }
            String where = "ktrdr " + String.join(" ", c);
            for (CommandLine.Model.OptionSpec o : cl.getCommandSpec().options()) {
                assertThat(String.join(" ", o.description()).trim()).as(where + " " + o.longestName()).isNotEmpty();
            }
            for (CommandLine.Model.PositionalParamSpec p : cl.getCommandSpec().positionalParameters()) {
                assertThat(String.join(" ", p.description()).trim()).as(where + " " + p.paramLabel()).isNotEmpty();
            }
        }
    }

    @Test
    void aMissingRequiredArgumentIsOneLineNamingTheCommandAndExitTwo() {
        for (String command : List.of("report", "train", "backtest")) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cl = KtrdrCli.commandLine();
            cl.setOut(new PrintWriter(out));
            cl.setErr(new PrintWriter(err));
            assertThat(cl.execute(command)).isEqualTo(KtrdrCli.BAD_INPUT);
            assertThat(err.toString().strip()).as(command).doesNotContain("\n").startsWith("ktrdr: Missing required")
                    .endsWith("(see 'ktrdr " + command + " --help')");
        }
    }
}
