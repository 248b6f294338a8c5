package dev.ktrdr.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.internal.ModelCodecs;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.SymbolRegistry;
import dev.ktrdr.data.ValidationPolicy;
import dev.ktrdr.data.source.BarSinks;
import dev.ktrdr.data.source.DataSources;
import dev.ktrdr.data.source.Jdbc;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same bars through a CSV folder, Parquet files, a DuckDB file and (when {@code KTRDR_TEST_PG_URL} is
 * set) PostgreSQL train a bitwise-identical model on identical features.
 */
class SourcesModelIdentityTest {
    @TempDir
    Path dir;

    @Test
    void everySourceTrainsTheSameModel() throws Exception {
        List<SyntheticMarket.SymbolSpec> universe = SyntheticMarket.defaultUniverse().stream()
                .filter(s -> s.symbol().value().equals("EURUSD") || s.symbol().value().equals("BTCUSDT")).toList();
        SyntheticMarket.Config config = SyntheticMarket.Config.of(universe, Timeframe.H1, Instant.parse("2020-01-01T00:00:00Z"), 3_000, 42);
        Map<Symbol, BarSeries> series = SyntheticMarket.generate(config);
        Path csv = dir.resolve("csv");
        SyntheticMarket.writeFolder(csv, config, series);
        Path pq = Files.createDirectories(dir.resolve("pq"));
        Files.copy(csv.resolve(SymbolRegistry.FILE_NAME), pq.resolve(SymbolRegistry.FILE_NAME));
        Path duck = dir.resolve("bars.duckdb");
        for (BarSeries s : series.values()) {
            BarSinks.writeParquet(pq, s);
            BarSinks.writeTable(Jdbc.of("jdbc:duckdb:" + duck, null, null), "bars", s);
        }
        String yaml;
        try (InputStream in = getClass().getResourceAsStream("/strategies/sdk_universal.yaml")) {
            yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        TrainOptions opts = TrainOptions.builder().symbols("EURUSD", "BTCUSDT").build();
        SymbolRegistry registry = SymbolRegistry.load(csv);
        DataSources.Options options = new DataSources.Options("bars", null, ValidationPolicy.STRICT);
        List<DataSource> sources = new ArrayList<>(List.of(DataSource.folder(csv), DataSource.open("parquet:" + pq),
                DataSource.of(DataSources.open("duckdb:" + duck, options, Map.of(), registry))));
        String pg = System.getenv("KTRDR_TEST_PG_URL");
        if (pg != null && !pg.isBlank()) {
            Map<String, String> env = new HashMap<>();
            env.put("KTRDR_JDBC_USER", System.getenv("KTRDR_TEST_PG_USER"));
            env.put("KTRDR_JDBC_PASSWORD", System.getenv("KTRDR_TEST_PG_PASSWORD"));
            Jdbc jdbc = new Jdbc(pg, DataSources.credentials(env), Jdbc.describe(pg));
            try (Connection c = jdbc.open(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS bars_model");
                c.commit();
            }
            for (BarSeries s : series.values()) {
                BarSinks.writeTable(jdbc, "bars_model", s);
            }
            sources.add(DataSource.of(DataSources.open(pg, new DataSources.Options("bars_model", null, ValidationPolicy.STRICT), env, registry)));
        }
        byte[] reference = null;
        TrainingReport first = null;
        for (DataSource src : sources) {
            TrainingReport r = Ktrdr.open(src, dir.resolve("models-" + sources.indexOf(src)))
                    .train(StrategyInput.text(yaml, "sdk_universal.yaml"), opts);
            byte[] model = ModelCodecs.forModel(r.artifacts().model()).encode(r.artifacts().model());
            if (reference == null) {
                reference = model;
                first = r;
                continue;
            }
            assertThat(model).as(src.description()).isEqualTo(reference);
            assertThat(r.artifacts().scalerJson()).as(src.description()).isEqualTo(first.artifacts().scalerJson());
            assertThat(r.artifacts().model().featureSpec()).isEqualTo(first.artifacts().model().featureSpec());
            assertThat(r.overall()).isEqualTo(first.overall());
            assertThat(r.testCut()).isEqualTo(first.testCut());
        }
        assertThat(sources).hasSizeGreaterThanOrEqualTo(3);
    }
}
