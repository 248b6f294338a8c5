package dev.ktrdr.examples.bench.backtest;

import dev.ktrdr.api.Backtester;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.FeatureMatrix;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.MultiTimeframeBars;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.TradingModel;
import dev.ktrdr.data.CalendarResampler;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import dev.ktrdr.training.backtest.BacktestRun;
import dev.ktrdr.training.backtest.BarsPerYear;
import dev.ktrdr.training.backtest.EventBacktester;
import dev.ktrdr.training.backtest.Performance;
import dev.ktrdr.training.backtest.RuleDecisionEngine;
import dev.ktrdr.training.backtest.portfolio.AssetClassCosts;
import dev.ktrdr.training.backtest.portfolio.PortfolioBacktester;
import dev.ktrdr.training.backtest.portfolio.PortfolioLeg;
import dev.ktrdr.training.backtest.portfolio.PortfolioOptions;
import dev.ktrdr.training.backtest.portfolio.PortfolioRun;
import dev.ktrdr.training.pipeline.StrategyFeatures;
import dev.ktrdr.training.pipeline.StrategyTrainer;
import dev.ktrdr.training.strategy.Strategy;
import dev.ktrdr.training.strategy.StrategyLoader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A portfolio backtest of N symbols × B 1h bars against N single-symbol backtests run one after another,
 * both with the whole per-symbol pipeline: bars (generated, then resampled to 4h and 1d with the symbol's
 * calendar), features of {@link EndToEndBacktestBenchmark}'s strategy (RSI, MACD, SMA on 1h, 4h, 1d,
 * memberships, alignment), MLP inference ([64, 32] hidden, trained once on 10,000 bars of another symbol before timing),
 * decisions and the event loop with every figure.
 *
 * <p>Single: per symbol, generate → features → probabilities → {@link EventBacktester#runProbabilities};
 * nothing is kept between symbols. Portfolio: per symbol, generate → features → probabilities, keeping
 * the base bars and probabilities as a {@link PortfolioLeg}; then one {@link PortfolioBacktester} run over
 * all of them (merged clock, one account, equal weight). Printed: wall seconds of the whole mode, of the
 * generation alone (the same work in both modes), of the final portfolio run alone (the forced GC between
 * them not counted; wall time and the process's CPU time, since the machine may be shared), the live heap after that GC (what the mode holds once every symbol went through its
 * pipeline), and the peak heap
 * (sum of the heap pools' peaks, an upper bound, and the largest heap use seen by a 5 ms sampler). Run each
 * mode in its own JVM so that peaks do not mix:
 *
 * <pre>
 * java -Xmx6g -cp ktrdr-examples/target/ktrdr.jar dev.ktrdr.examples.bench.backtest.PortfolioBenchmark single 100 100000
 * java -Xmx6g -cp ktrdr-examples/target/ktrdr.jar dev.ktrdr.examples.bench.backtest.PortfolioBenchmark portfolio 100 100000
 * </pre>
 */
public final class PortfolioBenchmark {
    private PortfolioBenchmark() {
    }

    /**
     * @param args mode ({@code single} or {@code portfolio}), symbols (default 100), bars per symbol (default 100000)
     */
    public static void main(String[] args) {
        String mode = args.length > 0 ? args[0] : "portfolio";
        int symbols = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int bars = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        if (!mode.equals("single") && !mode.equals("portfolio")) {
            throw new IllegalArgumentException("mode '" + mode + "' is not single or portfolio");
        }
        AtomicLong sampledPeak = new AtomicLong();
        Thread sampler = new Thread(() -> {
            var mem = ManagementFactory.getMemoryMXBean();
            while (!Thread.currentThread().isInterrupted()) {
                sampledPeak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heap-sampler");
        sampler.setDaemon(true);

        List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.universe(symbols);
        List<SymbolInfo> infos = SyntheticMarket.infos(specs);
        // the model: trained once, before timing, on 10,000 bars of a synthetic BTCUSDT (the strategy's own symbol)
        SyntheticMarket.SymbolSpec btc = SyntheticMarket.defaultUniverse().stream()
                .filter(s -> s.symbol().value().equals("BTCUSDT")).findFirst().orElseThrow();
        SyntheticMarket.Config small = SyntheticMarket.Config.of(List.of(btc), Timeframe.H1,
                Instant.parse("2010-01-04T00:00:00Z"), 10_000, 7);
        var source = SyntheticMarket.asBarSource(small);
        SymbolInfo btcInfo = SyntheticMarket.infos(List.of(btc)).get(0);
        TradingModel model = new StrategyTrainer().train(new TrainingRequest(EndToEndBacktestBenchmark.YAML, "bench.yaml",
                source, s -> btcInfo, List.of(), List.of()), ProgressListener.NONE).artifacts().model();
        Strategy strategy = StrategyLoader.parse(EndToEndBacktestBenchmark.YAML, "bench.yaml");
        List<Timeframe> tfs = List.of(Timeframe.H1, Timeframe.H4, Timeframe.D1);
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            p.resetPeakUsage();
        }
        sampler.start();

        long generation = 0;
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        List<PortfolioLeg> legs = new ArrayList<>();
        double sumFinal = 0;
        long trades = 0;
        Backtester.Execution execution = new Backtester.Execution(100_000, 0.001, 0, 2, Backtester.Sizing.FRACTION_OF_EQUITY, 1);
        for (int i = 0; i < symbols; i++) {
            long g = System.nanoTime();
            SymbolInfo info = infos.get(i);
            BarSeries h1 = SyntheticMarket.generate(SyntheticMarket.Config.of(List.of(specs.get(i)), Timeframe.H1,
                    Instant.parse("2010-01-04T00:00:00Z"), bars, 1000 + i)).get(info.symbol());
            CalendarResampler r = new CalendarResampler(Calendars.byId(info.calendarId()));
            Map<Timeframe, BarSeries> m = new LinkedHashMap<>();
            m.put(Timeframe.H1, h1);
            m.put(Timeframe.H4, r.resample(h1, Timeframe.H4));
            m.put(Timeframe.D1, r.resample(h1, Timeframe.D1));
            MultiTimeframeBars mtf = new MultiTimeframeBars(info, Timeframe.H1, m);
            generation += System.nanoTime() - g;
            StrategyFeatures features = StrategyFeatures.of(strategy, info, tfs, Timeframe.H1);
            FeatureMatrix matrix = features.build(mtf);
            double[] p = EventBacktester.alignToBars(h1, matrix, EventBacktester.predict(model, matrix));
            RuleDecisionEngine engine = RuleDecisionEngine.of(features.strategy().decisions());
            if (mode.equals("single")) {
                BacktestRun run = new EventBacktester().runProbabilities(h1, p, engine, execution,
                        BarsPerYear.estimate(h1.openTimes(), h1.timeframe(), info.calendarId()));
                sumFinal += run.result().metrics().get(Performance.FINAL_EQUITY);
                trades += run.result().trades().size();
            } else {
                legs.add(PortfolioLeg.of(info, h1, p, engine));
            }
        }
        long tGc = System.nanoTime();
        long cpuBeforeGc = os.getProcessCpuTime();
        // what the mode holds once every symbol is through its pipeline (the portfolio: every leg's bars and probabilities)
        System.gc();
        long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long t1 = System.nanoTime();
        long cpuGc = os.getProcessCpuTime();
        long runCpu0 = threads.getCurrentThreadCpuTime();
        long pointsCount = 0;
        if (mode.equals("portfolio")) {
            PortfolioRun run = new PortfolioBacktester().run(legs, PortfolioOptions.defaults(100_000)
                    .withCostsForAll(new AssetClassCosts(0.001, 0, 2, 0)));
            sumFinal = run.metrics().get(Performance.FINAL_EQUITY);
            trades = run.trades().size();
            pointsCount = run.times().length;
        }
        long t2 = System.nanoTime();
        long runCpu = threads.getCurrentThreadCpuTime() - runCpu0;
        long cpu = os.getProcessCpuTime() - cpu0 - (cpuGc - cpuBeforeGc);
        sampler.interrupt();
        long poolPeak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                poolPeak += p.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "| mode | symbols x bars | total s (wall) | process CPU s | of which generation s | portfolio run s (wall / thread CPU) | trades "
                + "| clock points | final equity | live heap MB before the run | peak heap MB (pools / sampled) | max heap MB |%n");
        System.out.printf(Locale.ROOT, "| %s | %d x %,d | %.1f | %.1f | %.1f | %s | %,d | %s | %,.2f | %.0f | %.0f / %.0f | %.0f |%n", mode,
                symbols, bars, (t2 - t0 - (t1 - tGc)) / 1e9, cpu / 1e9, generation / 1e9,
                mode.equals("portfolio") ? String.format(Locale.ROOT, "%.2f / %.2f", (t2 - t1) / 1e9, runCpu / 1e9) : "-",
                trades,
                mode.equals("portfolio") ? String.format(Locale.ROOT, "%,d", pointsCount) : "-", sumFinal, live / 1e6,
                poolPeak / 1e6, sampledPeak.get() / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    }
}
