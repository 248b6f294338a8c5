package dev.ktrdr.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ktrdr.api.Alignment;
import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.DecisionEngine;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TimeframeTrack;
import dev.ktrdr.indicators.Ohlcv;
import dev.ktrdr.training.backtest.BacktestRun;
import dev.ktrdr.training.backtest.Replay;
import dev.ktrdr.training.eval.EmbeddingAnalysis;
import dev.ktrdr.training.split.SymbolSplit;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Records that hold arrays compare them by content (a record's generated equals would compare them by identity)
 * and hand out copies, never their own arrays.
 */
class RecordsWithArraysTest {
    /** Library classes of ktrdr-api, -data, -indicators, -fuzzy and -training. */
    private static final List<Class<?>> MODULES = List.of(dev.ktrdr.api.Bar.class, dev.ktrdr.data.DataFolder.class,
            Ohlcv.class, dev.ktrdr.fuzzy.FuzzySet.class, dev.ktrdr.training.pipeline.StrategyTrainer.class);

    private static boolean holdsArrays(RecordComponent c) {
        return c.getType().isArray() || c.getGenericType().getTypeName().contains("[]");
    }

    @Test
    void everyLibraryRecordWithArraysWritesItsOwnEqualsHashCodeAndToString() throws Exception {
        List<String> checked = new ArrayList<>();
        for (Class<?> anchor : MODULES) {
            Path location = Path.of(anchor.getProtectionDomain().getCodeSource().getLocation().toURI());
            try (FileSystem jar = Files.isDirectory(location) ? null
                    : FileSystems.newFileSystem(URI.create("jar:" + location.toUri()), Map.of())) {
                Path root = jar == null ? location : jar.getPath("/");
                List<Path> classes;
                try (Stream<Path> files = Files.walk(root)) {
                    classes = files.filter(p -> p.toString().endsWith(".class")).toList();
                }
                for (Path file : classes) {
                    String name = root.relativize(file).toString().replace('\\', '/');
                    if (name.startsWith("META-INF") || name.endsWith("module-info.class")) {
                        continue;
                    }
                    Class<?> c = anchor.getClassLoader().loadClass(name.substring(0, name.length() - 6).replace('/', '.'));
                    if (c.isRecord() && Stream.of(c.getRecordComponents()).anyMatch(RecordsWithArraysTest::holdsArrays)) {
                        // the generated equals, hashCode and toString are bootstrapped through ObjectMethods
                        assertThat(bytes(file).contains("java/lang/runtime/ObjectMethods"))
                                .as(c.getName() + " uses a generated equals, hashCode or toString").isFalse();
                        checked.add(c.getSimpleName());
                    }
                }
            }
        }
        assertThat(checked).contains("TimeframeTrack", "Alignment", "Result", "Context", "Labels", "MembershipSpec",
                "Ohlcv", "Replay", "BacktestRun", "SymbolSplit", "EmbeddingAnalysis", "LiveDecision", "StandardScaler",
                "FeatureFrame");
    }

    private static String bytes(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void equalContentsAreEqualAndAccessorsReturnCopies() {
        long[] open = {0, 3_600_000};
        long[] close = {3_600_000, 7_200_000};
        TimeframeTrack t = new TimeframeTrack(Timeframe.H1, open, close, 0, null);
        assertThat(t).isEqualTo(new TimeframeTrack(Timeframe.H1, open.clone(), close.clone(), 0, null))
                .hasSameHashCodeAs(new TimeframeTrack(Timeframe.H1, open.clone(), close.clone(), 0, null))
                .isNotEqualTo(new TimeframeTrack(Timeframe.H1, open, new long[] {3_600_000, 7_200_001}, 0, null));
        t.openTimes()[0] = 99;
        open[1] = 99;
        assertThat(t.openTimes()).containsExactly(0, 3_600_000);

        Alignment a = new Alignment(Timeframe.H1, new int[] {0, 1}, Map.of(Timeframe.H4, new int[] {0, 0}),
                Map.of(Timeframe.H4, new long[] {14_400_000}), 0, List.of());
        assertThat(a).isEqualTo(new Alignment(Timeframe.H1, new int[] {0, 1}, Map.of(Timeframe.H4, new int[] {0, 0}),
                Map.of(Timeframe.H4, new long[] {14_400_000}), 0, List.of()))
                .isNotEqualTo(new Alignment(Timeframe.H1, new int[] {0, 1}, Map.of(Timeframe.H4, new int[] {0, 0}),
                        Map.of(Timeframe.H4, new long[] {14_400_001}), 0, List.of()));
        a.sourceRows().get(Timeframe.H4)[0] = 7;
        a.usableFrom().get(Timeframe.H4)[0] = 7;
        assertThat(a.sourceRows(Timeframe.H4)).containsExactly(0, 0);
        assertThat(a.usableFrom(Timeframe.H4)).containsExactly(14_400_000);

        double[] p = {0.2, 0.3, 0.5};
        DecisionEngine.Context ctx = new DecisionEngine.Context(1, 2, p, 0, 1, 1);
        p[0] = 1;
        ctx.probabilities()[1] = 1;
        assertThat(ctx.probabilities()).containsExactly(0.2, 0.3, 0.5);
        assertThat(ctx).isEqualTo(new DecisionEngine.Context(1, 2, new double[] {0.2, 0.3, 0.5}, 0, 1, 1));

        Backtester.Result r = new Backtester.Result(List.of(), new long[] {1, 2}, new double[] {100, 101}, Map.of());
        r.equity()[0] = 0;
        assertThat(r.equity()).containsExactly(100, 101);
        assertThat(r).isEqualTo(new Backtester.Result(List.of(), new long[] {1, 2}, new double[] {100, 101}, Map.of()));
        BacktestRun run = new BacktestRun(r, List.of(), new byte[] {1}, 0, new int[] {0});
        assertThat(run).isEqualTo(new BacktestRun(r, List.of(), new byte[] {1}, 0, new int[] {0}));

        double[] equity = {1, 2};
        Replay replay = new Replay(0, equity, List.of(), List.of(), new byte[] {0}, new int[] {0}, 0, 0, 0, 0);
        equity[0] = 5;
        replay.equity()[1] = 5;
        assertThat(replay.equity()).containsExactly(1, 2);
        assertThat(replay).isEqualTo(new Replay(0, new double[] {1, 2}, List.of(), List.of(), new byte[] {0},
                new int[] {0}, 0, 0, 0, 0));

        SymbolSplit s = new SymbolSplit(Symbol.of("A"), new int[] {0}, new int[] {1}, new int[] {2}, 3, 1, 2, 5);
        assertThat(s).isEqualTo(new SymbolSplit(Symbol.of("A"), new int[] {0}, new int[] {1}, new int[] {2}, 3, 1, 2, 5))
                .isNotEqualTo(new SymbolSplit(Symbol.of("A"), new int[] {0}, new int[] {1}, new int[] {2}, 3, 2, 1, 5));

        EmbeddingAnalysis e = EmbeddingAnalysis.of(List.of("A", "B"), new double[][] {{0, 1}, {1, 0}});
        e.euclidean()[0][1] = -1;
        assertThat(e.euclidean()[0][1]).isEqualTo(Math.sqrt(2));
        assertThat(e).isEqualTo(EmbeddingAnalysis.of(List.of("A", "B"), new double[][] {{0, 1}, {1, 0}}));

        double[] col = {1, 2};
        assertThat(new Ohlcv(col, col, col, col, col)).isEqualTo(new Ohlcv(col.clone(), col.clone(), col.clone(),
                col.clone(), col.clone()));
    }
}
