package dev.ktrdr.examples.bench.data;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.data.ValidationPolicy;
import dev.ktrdr.data.source.BarSinks;
import dev.ktrdr.data.source.DataSources;
import dev.ktrdr.data.source.Jdbc;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rows per second per core (thread CPU time) reading the 1h bars of a market-data folder through the
 * CSV.gz reader, from Parquet through DuckDB and from PostgreSQL, in the same run; and, with
 * {@code --stream N}, the peak heap while loading one N-row PostgreSQL table (generated server-side).
 *
 * <p>Run: {@code java -cp CP dev.ktrdr.examples.bench.data.SourceReadBenchmark DATA_DIR [--stream 10000000]}
 * with {@code KTRDR_TEST_PG_URL}, {@code KTRDR_JDBC_USER}, {@code KTRDR_JDBC_PASSWORD} set for PostgreSQL.
 */
public final class SourceReadBenchmark {
    private SourceReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String pg = System.getenv("KTRDR_TEST_PG_URL");
        Map<String, String> env = System.getenv();
        if (args.length > 2 && args[1].equals("--stream")) {
            stream(pg, env, Long.parseLong(args[2]));
            return;
        }
        List<Symbol> syms = new ArrayList<>();
        try (var files = Files.list(data)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith("_1h.csv.gz")).sorted()
                    .forEach(n -> syms.add(Symbol.of(n.substring(0, n.length() - "_1h.csv.gz".length()))));
        }
        ListedBars csv = DataSources.open(data.toString());
        Path pq = Files.createTempDirectory("bench-pq");
        Jdbc jdbc = pg == null ? null : new Jdbc(pg, DataSources.credentials(env), Jdbc.describe(pg));
        if (jdbc != null) {
            try (Connection c = jdbc.open(); Statement st = c.createStatement()) {
                st.execute("DROP TABLE IF EXISTS bench_bars");
                c.commit();
            }
        }
        for (Symbol s : syms) {
            BarSeries b = csv.load(s, Timeframe.H1);
            BarSinks.writeParquet(pq, b);
            if (jdbc != null) {
                BarSinks.writeTable(jdbc, "bench_bars", b);
            }
        }
        List<String> uris = new ArrayList<>(List.of(data.toString(), "parquet:" + pq));
        if (jdbc != null) {
            uris.add(pg);
        }
        System.out.printf("%d symbols, 1h bars; %s%n", syms.size(), System.getProperty("java.vm.version"));
        for (int round = 0; round < 3; round++) {
            for (String uri : uris) {
                ListedBars src = DataSources.open(uri, new DataSources.Options("bench_bars", null, ValidationPolicy.STRICT), env);
                ThreadMXBean mx = ManagementFactory.getThreadMXBean();
                long cpu0 = mx.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                long rows = 0;
                for (Symbol s : syms) {
                    rows += src.load(s, Timeframe.H1).size();
                }
                double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
                double wall = (System.nanoTime() - wall0) / 1e9;
                System.out.printf(Locale.ROOT, "round %d %-12s %,d rows  %,.0f rows/s per core (calling thread CPU %.2f s)  %,.0f rows/s wall%n",
                        round, uri.startsWith("jdbc:") ? "postgresql" : uri.startsWith("parquet:") ? "parquet" : "csv.gz", rows,
                        rows / cpu, cpu, rows / wall);
            }
        }
        // A reference point without the source layer: the CSV reader alone on the same files.
        long rows = 0;
        long t0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        for (Symbol s : syms) {
            rows += CsvBars.read(data.resolve(s.value() + "_1h.csv.gz"), s, Timeframe.H1).size();
        }
        double cpu = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "CsvBars.read directly: %,.0f rows/s per core%n", rows / cpu);
    }

    private static void stream(String pg, Map<String, String> env, long n) throws Exception {
        Jdbc jdbc = new Jdbc(pg, DataSources.credentials(env), Jdbc.describe(pg));
        try (Connection c = jdbc.open(); Statement st = c.createStatement()) {
            st.execute("DROP TABLE IF EXISTS bench_big");
            st.execute("CREATE TABLE bench_big AS SELECT 'BIG'::text AS symbol, '1m'::text AS timeframe,"
                    + " timestamptz '2000-01-01 00:00:00+00' + g * interval '1 minute' AS ts, 100 + (g % 97) * 0.01 AS open,"
                    + " 101 + (g % 97) * 0.01 AS high, 99 + (g % 97) * 0.01 AS low, 100.5 + (g % 97) * 0.01 AS close, (g % 1000)::double precision AS volume"
                    + " FROM generate_series(0, " + (n - 1) + ") g");
            c.commit();
        }
        ListedBars src = DataSources.open(pg, new DataSources.Options("bench_big", null, ValidationPolicy.STRICT), env);
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        long w0 = System.nanoTime();
        BarSeries s = src.load(Symbol.of("BIG"), Timeframe.M1);
        double wall = (System.nanoTime() - w0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                peak += p.getPeakUsage().getUsed();
            }
        }
        long series = (long) s.size() * (2 * 8 + 5 * 8);
        System.out.printf(Locale.ROOT, "%,d rows streamed in %.1f s; -Xmx %d MiB; peak heap %d MiB; the series itself %d MiB%n", s.size(), wall,
                Runtime.getRuntime().maxMemory() >> 20, peak >> 20, series >> 20);
    }
}
