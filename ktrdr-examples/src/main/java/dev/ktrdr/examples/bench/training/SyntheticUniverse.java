package dev.ktrdr.examples.bench.training;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The benchmarks' universe: synthetic 1h bars generated in memory (seed 1, from 2015-01-05), so that file
 * parsing is not what they measure. The other timeframes are not stored: the pipeline resamples them from 1h.
 *
 * @param specs the symbols' specifications
 * @param bars the 1h series per symbol
 * @param infos symbol information per symbol
 */
record SyntheticUniverse(List<SyntheticMarket.SymbolSpec> specs, Map<Symbol, BarSeries> bars,
                         Map<Symbol, SymbolInfo> infos) {
    /** Checks presence and copies. */
    SyntheticUniverse {
        specs = List.copyOf(specs);
        bars = Map.copyOf(bars);
        infos = Map.copyOf(infos);
    }

    /**
     * @param specs the symbols
     * @param barCount 1h bars per symbol
     * @return the generated universe
     */
    static SyntheticUniverse of(List<SyntheticMarket.SymbolSpec> specs, int barCount) {
        Map<Symbol, BarSeries> bars = SyntheticMarket.generate(SyntheticMarket.Config.of(specs, Timeframe.H1,
                Instant.parse("2015-01-05T00:00:00Z"), barCount, 1));
        Map<Symbol, SymbolInfo> infos = new HashMap<>();
        for (SymbolInfo i : SyntheticMarket.infos(specs)) {
            infos.put(i.symbol(), i);
        }
        return new SyntheticUniverse(specs, bars, infos);
    }

    /** @return a source of the 1h bars; any other timeframe is missing (and so resampled) */
    BarSource source() {
        return (s, tf) -> {
            if (tf != Timeframe.H1) {
                throw new DataException("no " + tf + " bars: resampled from 1h");
            }
            return Objects.requireNonNull(bars.get(s), () -> "no bars for " + s);
        };
    }

    /**
     * @param symbol a symbol of the universe
     * @return its information
     */
    SymbolInfo info(Symbol symbol) {
        return infos.get(symbol);
    }
}
