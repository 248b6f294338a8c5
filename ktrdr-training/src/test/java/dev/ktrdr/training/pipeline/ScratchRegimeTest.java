package dev.ktrdr.training.pipeline;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.ModelTrainer.TrainingRequest;
import dev.ktrdr.api.ProgressListener;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScratchRegimeTest {
    @Test
    void scratch() {
        List<SyntheticMarket.SymbolSpec> specs = SyntheticMarket.defaultUniverse();
        Map<Symbol, SymbolInfo> infos = new HashMap<>();
        for (SymbolInfo i : SyntheticMarket.infos(specs)) {
            infos.put(i.symbol(), i);
        }
        for (String syms : new String[] {"[EURUSD, GBPUSD, BTCUSDT, ETHUSDT, AAPL, SPY]", "[EURUSD, GBPUSD, BTCUSDT, ETHUSDT]"}) {
        for (long seed : new long[] {1, 2}) {
            Map<Symbol, BarSeries> bars = SyntheticMarket.generate(new SyntheticMarket.Config(specs, Timeframe.H1,
                    Instant.parse("2022-01-03T00:00:00Z"), 4000, seed, 0.25, 0.35, 1000));
            BarSource source = (s, tf) -> {
                if (tf != Timeframe.H1) {
                    throw new DataException("no " + tf + " file");
                }
                return bars.get(s);
            };
            StrategyTrainer.Run r = new StrategyTrainer().run(new TrainingRequest(RegimeDataTest.STRATEGY.replace("[EURUSD, GBPUSD, BTCUSDT, ETHUSDT, AAPL, SPY]", syms), "regime.yaml", source, infos::get,
                    List.of(), List.of()), e -> { if (e.stage().equals("split")) System.err.println(e.message()); });
            System.err.println("SCRATCH " + syms + " seed " + seed + ": " + r.testEdge().line());
            r.testEdge().perSymbolFigures().forEach((k, f) -> System.err.println("SCRATCH   " + k + " " + dev.ktrdr.training.eval.EdgeReport.line(f, r.testEdge().perSymbolEdges().get(k))));
        }
        }
    }
}
