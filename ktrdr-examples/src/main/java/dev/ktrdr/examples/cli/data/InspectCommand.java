package dev.ktrdr.examples.cli.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.data.GapAnalyzer;
import dev.ktrdr.data.GapReport;
import dev.ktrdr.data.RowIssue;
import dev.ktrdr.data.ValidationPolicy;
import dev.ktrdr.data.ValidationReport;
import dev.ktrdr.data.actions.CorporateActions;
import dev.ktrdr.data.actions.SplitDetector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ktrdr data inspect FILE}: rows, span, timeframe, validation result and gap report. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Rows, span, timeframe, validation result and gap report of a bar file.",
                       "Exit code 2 when any row breaks a validation rule (every problem is listed)."})
final class InspectCommand implements Callable<Integer> {
    private static final int SHOWN = 10;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    BarFileOptions source;

    @Option(names = "--strict", description = "fail (exit 2) at the first bad row instead of reporting every problem")
    boolean strict;

    @Option(names = "--json", description = "print JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
        DataCommand.FileInfo info = source.info();
        Path file = source.file;
        CsvBars.Loaded l = CsvBars.read(file, info.symbol(), info.timeframe(), info.calendar(),
                strict ? ValidationPolicy.STRICT : ValidationPolicy.REPAIR);
        BarSeries s = l.series();
        ValidationReport v = l.report();
        GapReport g = GapAnalyzer.analyze(s, info.calendar());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("file", file.toString());
        out.put("symbol", s.symbol().value());
        out.put("timeframe", s.timeframe().label());
        out.put("calendar", info.calendar().id());
        out.put("rows", s.size());
        out.put("first", s.isEmpty() ? null : Instant.ofEpochMilli(s.openTime(0)).toString());
        out.put("last", s.isEmpty() ? null : Instant.ofEpochMilli(s.openTime(s.size() - 1)).toString());
        Map<String, Object> val = new LinkedHashMap<>();
        val.put("clean", v.isClean());
        val.put("rows_read", v.rowsRead());
        val.put("rows_kept", v.rowsKept());
        val.put("dropped", v.droppedCount());
        val.put("fixed", v.fixedCount());
        List<String> problems = new ArrayList<>();
        for (RowIssue i : v.issues()) {
            problems.add(i.toString());
        }
        val.put("problems", problems);
        out.put("validation", val);
        Map<String, Object> gaps = new LinkedHashMap<>();
        gaps.put("expected", g.expected());
        gaps.put("missing", g.missing());
        gaps.put("runs", g.runs().size());
        g.longest().ifPresent(r -> gaps.put("longest", Map.of("start", Instant.ofEpochMilli(r.start()).toString(),
                "end", Instant.ofEpochMilli(r.end()).toString(), "bars", r.length())));
        List<Map<String, Object>> runs = new ArrayList<>();
        for (GapReport.GapRun r : g.runs()) {
            runs.add(Map.of("start", Instant.ofEpochMilli(r.start()).toString(), "bars", r.length()));
        }
        gaps.put("run_list", runs);
        gaps.put("holiday_window_missing", g.holidayWindowMissing());
        gaps.put("daily_break_missing", g.breakMissing());
        gaps.put("unexpected_rows", g.unexpectedRows());
        gaps.put("closed_days", g.closedDays());
        out.put("gaps", gaps);
        // Jumps that look like a split (exact 2:1, 3:1, 7:1, 1:2 ... at an open); "recorded" when the folder's
        // corporate_actions.csv lists a split of the symbol on that date.
        Path folder = file.toAbsolutePath().getParent();
        CorporateActions actions = folder == null ? CorporateActions.none() : CorporateActions.load(folder);
        List<Map<String, Object>> splits = new ArrayList<>();
        for (SplitDetector.Suspect x : SplitDetector.detect(s)) {
            boolean recorded = actions.of(s.symbol()).stream().anyMatch(a -> a.type() == CorporateActions.Type.SPLIT
                    && a.exDate().equals(x.at().atZone(java.time.ZoneOffset.UTC).toLocalDate()));
            splits.add(Map.of("at", x.at().toString(), "ratio", x.ratio(), "previous_close", x.previousClose(), "open", x.open(),
                    "recorded", recorded));
        }
        out.put("suspected_splits", splits);
        PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        } else {
            w.printf("file:       %s%n", file);
            w.printf("symbol:     %s   timeframe: %s   calendar: %s%n", s.symbol(), s.timeframe(), info.calendar().id());
            w.printf("rows:       %d   first: %s   last: %s%n", s.size(), out.get("first"), out.get("last"));
            if (v.isClean()) {
                w.printf("validation: clean (%d rows)%n", v.rowsRead());
            } else {
                w.printf("validation: %d problems in %d rows read (%d dropped, %d fixed); STRICT rejects the file%n",
                        v.issueCount(), v.rowsRead(), v.droppedCount(), v.fixedCount());
                for (int i = 0; i < Math.min(SHOWN, problems.size()); i++) {
                    w.printf("  %s%n", problems.get(i));
                }
                if (problems.size() > SHOWN) {
                    w.printf("  ... %d more listed (--json lists up to " + ValidationReport.MAX_LISTED + ")%n", problems.size() - SHOWN);
                }
            }
            w.printf("gaps:       expected %d bars, missing %d in %d runs%s%n", g.expected(), g.missing(), g.runs().size(),
                    g.longest().map(r -> ", longest " + r.length() + " from " + Instant.ofEpochMilli(r.start())).orElse(""));
            for (int i = 0; i < Math.min(SHOWN, g.runs().size()); i++) {
                GapReport.GapRun r = g.runs().get(i);
                w.printf("  %s (%d)%n", Instant.ofEpochMilli(r.start()), r.length());
            }
            if (g.runs().size() > SHOWN) {
                w.printf("  ... %d more runs%n", g.runs().size() - SHOWN);
            }
            w.printf("            %d missing in holiday windows, %d in daily breaks, %d bars outside expected hours, %d closed days%n",
                    g.holidayWindowMissing(), g.breakMissing(), g.unexpectedRows(), g.closedDays());
            for (Map<String, Object> x : splits) {
                w.printf("split?      %s %s (close %s then open %s)%s%n", x.get("at"), x.get("ratio"), x.get("previous_close"),
                        x.get("open"), Boolean.TRUE.equals(x.get("recorded")) ? " recorded in " + CorporateActions.FILE_NAME
                                : " not in " + CorporateActions.FILE_NAME + ": indicators and labels will see a jump");
            }
        }
        w.flush();
        if (!v.isClean()) {
            // The report above lists every problem; the exit code and one stderr line say the file is bad input.
            RowIssue first = v.issues().get(0);
            PrintWriter err = spec.commandLine().getErr();
            err.println("ktrdr: " + file + ":" + first.line() + ": " + first.column() + " '" + first.value() + "' breaks rule "
                    + first.rule().id() + " (" + v.issueCount() + " problems; STRICT validation rejects the file)");
            err.flush();
            return 2;
        }
        return 0;
    }
}
