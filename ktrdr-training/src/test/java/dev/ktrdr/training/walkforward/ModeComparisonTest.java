package dev.ktrdr.training.walkforward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModeComparisonTest {
    static final String YAML = "name: modes\n"
            + "version: \"3.0\"\n"
            + "scope: universal\n"
            + "training_data:\n"
            + "  symbols: {mode: multi_symbol, list: [BTCUSDT, ETHUSDT]}\n"
            + "  timeframes: {mode: multi_timeframe, list: [1h, 4h], base_timeframe: 1h}\n"
            + "deployment:\n"
            + "  target_symbols: {mode: universal}\n"
            + "indicators:\n"
            + "  rsi_14: {type: rsi, period: 14}\n"
            + "  sma_20: {type: sma, period: 20}\n"
            + "fuzzy_sets:\n"
            + "  rsi_14: {indicator: rsi_14, low: [0, 30, 50], mid: [30, 50, 70], high: [50, 70, 100]}\n"
            + "  sma_20: {indicator: sma_20, input_transform: {type: price_ratio},"
            + " below: [0.97, 0.99, 1.0], near: [0.99, 1.0, 1.01], above: [1.0, 1.01, 1.03]}\n"
            + "model:\n"
            + "  architecture: {hidden_layers: [8]}\n"
            + "decisions: {confidence_threshold: 0.36, allow_short: true, filters: {min_signal_separation: 2}}\n"
            + "training:\n"
            + "  labels: {source: zigzag_forward, zigzag_threshold: 0.01, label_lookahead: 12, min_swing_length: 1}\n"
            + "  epochs: 2\n"
            + "  batch_size: 64\n";

    @Test
    void everyModeGetsARowPerSymbolAndHeldOutSymbolsAreNaForPerSymbolModels() {
        List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.defaultUniverse();
        SyntheticMarket.Config config = SyntheticMarket.Config.of(specs, Timeframe.H1, Instant.parse("2024-01-01T00:00:00Z"),
                1500, 5);
        BarSource source = SyntheticMarket.asBarSource(config);
        Map<Symbol, SymbolInfo> infos = new HashMap<>();
        SyntheticMarket.infos(specs).forEach(i -> infos.put(i.symbol(), i));
        List<Symbol> training = List.of(Symbol.of("BTCUSDT"), Symbol.of("ETHUSDT"));
        List<Symbol> held = List.of(Symbol.of("EURUSD"));
        TrainingRequest data = new TrainingRequest(YAML, "modes.yaml", source, infos::get, training, List.of());
        List<String> events = new ArrayList<>();
        List<ModeComparison.Row> rows = new ModeComparison().run(new ModeComparison.Settings(YAML, "modes.yaml", data,
                training, held, 3, new Backtester.Execution(10_000, 0.001, 0, 0, Backtester.Sizing.FRACTION_OF_EQUITY, 1),
                4), e -> events.add(e.stage() + " " + e.done() + "/" + e.total() + " " + e.message()));

        assertThat(rows).hasSize(9);
        assertThat(events).contains("window 3/3 per_symbol", "window 3/3 universal_embedding");
        // progress inside a window: the epochs of each model, named by mode, window and (per-symbol) symbol
        assertThat(events).anyMatch(e -> e.startsWith("train ") && e.contains("per_symbol window 1/3 BTCUSDT: epoch"));
        assertThat(events).anyMatch(e -> e.startsWith("train ") && e.contains("universal window 2/3: epoch"));
        for (ModeComparison.Row r : rows) {
            boolean na = r.mode() == ModeComparison.Mode.PER_SYMBOL && r.heldOut();
            assertThat(r.available()).as("%s %s", r.mode(), r.symbol()).isEqualTo(!na);
            if (!na) {
                assertThat(r.windows()).isEqualTo(3);
                assertThat(r.testRows()).isPositive();
                assertThat(r.accuracy()).isBetween(0.0, 1.0);
                assertThat(r.maxDrawdown()).isBetween(0.0, 1.0);
                assertThat(r.sharpe()).isFinite();
                assertThat(r.sharpeStd()).isFinite().isGreaterThanOrEqualTo(0.0);
            }
        }
        String md = ModeComparison.toMarkdown(rows);
        assertThat(md).contains("| per_symbol | EURUSD | held out | n/a | n/a | 0 |").contains("| universal | EURUSD | held out | 3 |")
                .contains("| universal_embedding | BTCUSDT | training | 3 |");
        String csv = ModeComparison.toCsv(rows);
        assertThat(csv.split("\n")).hasSize(10);
        assertThat(csv).contains("per_symbol,EURUSD,held_out,0,0,n/a,n/a,n/a,n/a,n/a,n/a,n/a,n/a,0,n/a,n/a,n/a,n/a,n/a,n/a,n/a\n");
        // the universal model does not see the symbol; the embedding model does: the two must differ on a training symbol
        ModeComparison.Row uni = rows.get(3);
        ModeComparison.Row emb = rows.get(6);
        assertThat(uni.symbol()).isEqualTo(emb.symbol());
        assertThat(uni.accuracy() != emb.accuracy() || uni.sharpe() != emb.sharpe()).isTrue();
    }

    @Test
    void aSymbolCannotBeBothTrainedOnAndHeldOut() {
        TrainingRequest data = new TrainingRequest(YAML, "modes.yaml", (s, tf) -> {
            throw new IllegalStateException();
        }, s -> null, List.of(), List.of());
        assertThatThrownBy(() -> new ModeComparison.Settings(YAML, "m", data, List.of(Symbol.of("A")), List.of(Symbol.of("A")),
                2, new Backtester.Execution(1, 0, 0, 0, Backtester.Sizing.FRACTION_OF_EQUITY, 1), 4))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("--holdout");
        assertThatThrownBy(() -> new ModeComparison.Settings(YAML, "m", data, List.of(Symbol.of("A")), List.of(),
                0, new Backtester.Execution(1, 0, 0, 0, Backtester.Sizing.FRACTION_OF_EQUITY, 1), 4))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("--windows");
    }

    static SyntheticMarket.Config config(int bars) {
        return SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2024-01-01T00:00:00Z"), bars, 5);
    }

    static Map<Symbol, SymbolInfo> infos() {
        Map<Symbol, SymbolInfo> infos = new HashMap<>();
        SyntheticMarket.infos(SyntheticMarket.defaultUniverse()).forEach(i -> infos.put(i.symbol(), i));
        return infos;
    }

    static final Backtester.Execution EXECUTION = new Backtester.Execution(10_000, 0.001, 0, 0,
            Backtester.Sizing.FRACTION_OF_EQUITY, 1);

    @Test
    void everyModeIsScoredOnTheSameRowsEvenWhenASymbolStartsLate() {
        // ETHUSDT's history starts half-way: in the first window it has no training rows, so no per-symbol model;
        // the universal models could score its rows there, but must not, or the modes are not compared on the same rows
        BarSource full = SyntheticMarket.asBarSource(config(1500));
        long cut = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli() + 700 * 3_600_000L;
        BarSource source = (sym, tf) -> {
            BarSeries s = full.load(sym, tf);
            if (!sym.equals(Symbol.of("ETHUSDT"))) {
                return s;
            }
            int from = 0;
            while (from < s.size() && s.openTime(from) < cut) {
                from++;
            }
            return s.slice(from, s.size());
        };
        List<Symbol> training = List.of(Symbol.of("BTCUSDT"), Symbol.of("ETHUSDT"));
        TrainingRequest data = new TrainingRequest(YAML, "modes.yaml", source, infos()::get, training, List.of());
        // with the gbdt mode too (trees=true): four modes, all scored on the same instants
        ModeComparison.Result r = new ModeComparison().compare(new ModeComparison.Settings(YAML, "modes.yaml", data,
                training, List.of(), 3, EXECUTION, 4, true), ProgressListener.NONE);
        assertThat(r.scoredInstants()).containsKey(ModeComparison.Mode.GBDT);

        for (Symbol s : training) {
            List<Long> perSymbol = r.scoredInstants().get(ModeComparison.Mode.PER_SYMBOL).get(s);
            assertThat(perSymbol).as("%s", s).isNotEmpty();
            for (ModeComparison.Mode m : ModeComparison.Mode.values()) {
                assertThat(r.scoredInstants().get(m).get(s)).as("%s %s", m, s).isEqualTo(perSymbol);
            }
        }
        ModeComparison.Row perEth = row(r, ModeComparison.Mode.PER_SYMBOL, "ETHUSDT");
        ModeComparison.Row uniEth = row(r, ModeComparison.Mode.UNIVERSAL, "ETHUSDT");
        assertThat(uniEth.testRows()).isEqualTo(perEth.testRows());
        // the universal model evaluated more ETHUSDT rows; those are reported as lost to the intersection
        assertThat(uniEth.lostRows()).isPositive();
        assertThat(perEth.lostRows()).isZero();
        assertThat(row(r, ModeComparison.Mode.UNIVERSAL, "BTCUSDT").lostRows()).isZero();
        // per window, every mode has the same rows
        for (ModeComparison.WindowFigure f : r.perWindow()) {
            ModeComparison.WindowFigure p = r.perWindow().stream().filter(x -> x.mode() == ModeComparison.Mode.PER_SYMBOL
                    && x.symbol().equals(f.symbol()) && x.window() == f.window()).findFirst().orElseThrow();
            assertThat(f.rows()).as("%s %s window %d", f.mode(), f.symbol(), f.window()).isEqualTo(p.rows());
        }
        assertThat(r.perWindow().stream().filter(f -> f.symbol().equals(Symbol.of("ETHUSDT")) && f.window() == 1)
                .mapToInt(ModeComparison.WindowFigure::rows).sum()).isZero();
        // baselines beside every accuracy, and six paired differences (four modes) on the same rows
        assertThat(perEth.baseline().figures().rows()).isEqualTo(perEth.testRows());
        assertThat(perEth.baseline().figures().baselineAccuracy()).isBetween(0.0, 1.0);
        assertThat(perEth.baseline().figures().momentumAccuracy()).isBetween(0.0, 1.0);
        assertThat(r.differences()).hasSize(6);
        assertThat(r.differences()).extracting(PairedDifference::b).contains("gbdt");
        for (PairedDifference d : r.differences()) {
            assertThat(d.rows()).isEqualTo(perEth.testRows() + row(r, ModeComparison.Mode.PER_SYMBOL, "BTCUSDT").testRows());
        }
    }

    @Test
    void withOneTrainingSymbolPerSymbolAndUniversalAreTheSameModelAndDifferByExactlyZero() {
        BarSource source = SyntheticMarket.asBarSource(config(1200));
        List<Symbol> training = List.of(Symbol.of("BTCUSDT"));
        TrainingRequest data = new TrainingRequest(YAML, "modes.yaml", source, infos()::get, training, List.of());
        ModeComparison.Result r = new ModeComparison().compare(new ModeComparison.Settings(YAML, "modes.yaml", data,
                training, List.of(), 2, EXECUTION, 4), ProgressListener.NONE);
        PairedDifference d = r.differences().get(0);
        assertThat(d.a()).isEqualTo("per_symbol");
        assertThat(d.b()).isEqualTo("universal");
        assertThat(d.rows()).isPositive();
        assertThat(d.difference()).isEqualTo(0.0);
        assertThat(d.low()).isEqualTo(0.0);
        assertThat(d.high()).isEqualTo(0.0);
        assertThat(d.verdict()).isEqualTo(PairedDifference.Verdict.NOT_DISTINGUISHABLE);
        assertThat(d.line()).endsWith("not distinguishable at 95%");
        // the portfolio view: per mode and window one single-symbol portfolio; the same model trades the same way
        assertThat(r.portfolioWindows()).hasSize(3 * 2).allSatisfy(w -> {
            assertThat(w.symbols()).isEqualTo(1);
            assertThat(w.heldOut()).isFalse();
            assertThat(w.trades()).isPositive();
        });
        PortfolioModeView.Difference pd = r.portfolioDifferences().get(0);
        assertThat(pd.a()).isEqualTo(ModeComparison.Mode.PER_SYMBOL);
        assertThat(pd.b()).isEqualTo(ModeComparison.Mode.UNIVERSAL);
        assertThat(pd.windows()).isEqualTo(2);
        assertThat(pd.sharpe()).isEqualTo(0.0);
        assertThat(pd.sharpeLow()).isEqualTo(0.0);
        assertThat(pd.sharpeHigh()).isEqualTo(0.0);
        assertThat(pd.totalReturn()).isEqualTo(0.0);
        assertThat(pd.line()).endsWith("no difference shown");
    }

    @Test
    void thePortfolioIntervalIsTheStudentTIntervalOverTheWindows() {
        // mean 2, sample sd 1, n 3: 2 ± t(0.975, 2) / √3 with t(0.975, 2) = 4.302652729749464
        double[] ci = PortfolioModeView.interval(new double[] {1, 2, 3});
        assertThat(ci[0]).isEqualTo(2.0);
        assertThat(ci[1]).isCloseTo(2 - 4.302652729749464 / Math.sqrt(3), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(ci[2]).isCloseTo(2 + 4.302652729749464 / Math.sqrt(3), org.assertj.core.api.Assertions.within(1e-9));
        assertThat(PortfolioModeView.interval(new double[] {5})).containsExactly(5.0, Double.NaN, Double.NaN);
    }

    private static ModeComparison.Row row(ModeComparison.Result r, ModeComparison.Mode m, String symbol) {
        return r.rows().stream().filter(x -> x.mode() == m && x.symbol().equals(Symbol.of(symbol))).findFirst().orElseThrow();
    }
}
