package dev.ktrdr.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.Alignment;
import dev.ktrdr.api.AlignmentRequest;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.StalenessPolicy;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TimeframeTrack;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Java example of the top-level README.md, verbatim apart from the data folder. */
class ReadmeExampleTest {

    @Test
    void readmeExampleRunsAndAlignsEveryBaseBarAfterWarmUp(@TempDir Path data) {
        SyntheticMarket.Config cfg = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse().subList(0, 1), Timeframe.H1,
                Instant.parse("2020-01-06T00:00:00Z"), 1000, 1);
        SyntheticMarket.writeFolder(data, cfg, SyntheticMarket.generate(cfg));

        BarSeries h1 = CsvBars.read(data.resolve("EURUSD_1h.csv.gz"), Symbol.of("EURUSD"), Timeframe.H1);
        BarSeries h4 = new CalendarResampler(Calendars.forex()).resample(h1, Timeframe.H4);
        Alignment a = new LookaheadFreeAligner().align(new AlignmentRequest(
                TimeframeTrack.of(h1, 0), List.of(TimeframeTrack.of(h4, 0)), StalenessPolicy.DROP_ROW, Optional.empty()));

        assertThat(a.rows() + a.warmupDropped() + a.gaps().size()).isEqualTo(h1.size());
        assertThat(a.warmupDropped()).isLessThanOrEqualTo(4);
    }
}
