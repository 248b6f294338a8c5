package dev.ktrdr.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.report.ReportData;
import dev.ktrdr.report.ReportSources;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Epochs are counted from 1 in the typed report, metrics.json, the HTML report's summary and its charts:
 * the best epoch named everywhere is the chart's point with the lowest validation loss.
 */
class EpochNumberingTest {
    @Test
    void theBestEpochIsTheSameNumberInTheReportMetricsSummaryAndChart(@TempDir Path dir) throws IOException {
        Path data = dir.resolve("data");
        SyntheticMarket.Config config = SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2020-01-01T00:00:00Z"), 3_000, 7);
        Map<Symbol, BarSeries> series = SyntheticMarket.generate(config);
        SyntheticMarket.writeFolder(data, config, series);
        String yaml;
        try (InputStream in = EpochNumberingTest.class.getResourceAsStream("/strategies/sdk_universal.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TrainingReport r = Ktrdr.open(data, dir.resolve("models")).train(StrategyInput.text(yaml, "sdk_universal.yaml"),
                TrainOptions.DEFAULTS);
        ReportData d = ReportSources.fromModelFiles("t", r.artifacts().metricsJson(), "metrics.json",
                r.artifacts().historyCsv(), "history.csv");
        double[] val = d.training().orElseThrow().validationLoss();
        // the chart's x of point i is i + 1; the kept weights are the first lowest validation loss (min_delta 0)
        int lowest = 0;
        for (int i = 1; i < val.length; i++) {
            if (val[i] < val[lowest]) {
                lowest = i;
            }
        }
        int chartEpoch = lowest + 1;
        assertThat(r.epochsRun()).isEqualTo(val.length).isGreaterThan(1);
        assertThat(r.bestEpoch()).isEqualTo(chartEpoch);
        JsonNode m = new ObjectMapper().readTree(r.artifacts().metricsJson());
        assertThat(m.get("best_epoch").asInt()).isEqualTo(chartEpoch);
        assertThat(m.get("epochs_counted_from").asInt()).isEqualTo(1);
        assertThat(d.summary().get("best epoch (counted from 1)")).startsWith(Integer.toString(chartEpoch));
        assertThat(new ObjectMapper().readTree(r.toJson()).get("best_epoch").asInt()).isEqualTo(chartEpoch);
        assertThat(Arrays.stream(val).allMatch(Double::isFinite)).isTrue();
    }

    @Test
    void anOlderMetricsFileCountingFromZeroIsShownFromOne() {
        ReportData d = ReportSources.fromModelFiles("t", "{\"best_epoch\": 1}", "metrics.json", "", "history.csv");
        assertThat(d.summary()).containsEntry("best epoch (counted from 1)", "2");
        ReportData e = ReportSources.fromModelFiles("t", "{\"best_epoch\": 2, \"epochs_counted_from\": 1}", "metrics.json",
                "", "history.csv");
        assertThat(e.summary()).containsEntry("best epoch (counted from 1)", "2");
        assertThat(List.of(d, e)).hasSize(2);
    }
}
