package dev.ktrdr.examples.cli.data;

import dev.ktrdr.api.Resampler;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CalendarResampler;
import dev.ktrdr.data.CsvBars;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ktrdr data resample FILE --to TF [--out FILE]}. */
@Command(name = "resample", mixinStandardHelpOptions = true,
        description = "Resample a bar file to a coarser timeframe with the symbol's calendar (CSV to --out or stdout).")
final class ResampleCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    BarFileOptions source;

    @Option(names = "--to", required = true, description = "target timeframe, e.g. 4h")
    String to;

    @Option(names = "--out", description = "output file (.csv or .csv.gz); default: stdout")
    Path out;

    @Option(names = "--keep-incomplete", description = "keep an incomplete last bar")
    boolean keepIncomplete;

    @Override
    public Integer call() throws Exception {
        DataCommand.FileInfo info = source.info();
        Path file = source.file;
        Timeframe target = Timeframe.parse(to);
        Resampler.Resampled r = new CalendarResampler(info.calendar())
                .resample(CsvBars.read(file, info.symbol(), info.timeframe(), info.calendar()), target, keepIncomplete);
        PrintWriter w = spec.commandLine().getOut();
        if (out == null) {
            CsvBars.write(w, r.series());
        } else {
            CsvBars.write(out, r.series());
            w.printf("wrote %d %s bars to %s%s%n", r.series().size(), target, out,
                    r.lastIncomplete() ? (keepIncomplete ? " (last bar incomplete, kept)" : " (incomplete last bar left out)") : "");
        }
        w.flush();
        return 0;
    }
}
