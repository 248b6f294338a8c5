package dev.ktrdr.examples;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.synthetic.SyntheticMarket;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Helpers shared by the example programs: the synthetic market and the embedded strategy files. */
public final class Examples {
    private Examples() {
    }

    /**
     * @param bars hourly bars per symbol
     * @param seed the seed
     * @return the demo market's configuration: six symbols over forex, crypto and equities from 2020-01-01
     */
    public static SyntheticMarket.Config market(int bars, long seed) {
        return SyntheticMarket.Config.of(SyntheticMarket.defaultUniverse(), Timeframe.H1,
                Instant.parse("2020-01-01T00:00:00Z"), bars, seed);
    }

    /**
     * A source over generated hourly series cut to the span all symbols share (equities trade 7 hours a
     * day, crypto 24, so equal bar counts cover different spans and the shared split cuts would leave
     * the 24-hour symbols without test rows); 4h and 1d bars are resampled from the cut hourly bars with
     * each symbol's calendar, incomplete last bars left out.
     *
     * @param config the market (its timeframe is the finest the source serves)
     * @return the source; it throws {@link DataException} for unknown symbols and finer timeframes
     */
    public static BarSource commonWindow(SyntheticMarket.Config config) {
        Map<Symbol, BarSeries> hourly = SyntheticMarket.generate(config);
        List<SyntheticMarket.SymbolSpec> specs = config.symbols();
        long end = Long.MAX_VALUE;
        for (BarSeries s : hourly.values()) {
            end = Math.min(end, s.openTime(s.size() - 1));
        }
        Map<Symbol, BarSeries> cut = new LinkedHashMap<>();
        for (Map.Entry<Symbol, BarSeries> e : hourly.entrySet()) {
            BarSeries s = e.getValue();
            int n = 0;
            while (n < s.size() && s.openTime(n) <= end) {
                n++;
            }
            cut.put(e.getKey(), s.slice(0, n));
        }
        Map<Symbol, dev.ktrdr.api.AssetClass> classes = new LinkedHashMap<>();
        for (SyntheticMarket.SymbolSpec s : specs) {
            classes.put(s.symbol(), s.assetClass());
        }
        return (symbol, timeframe) -> {
            BarSeries s = cut.get(symbol);
            if (s == null) {
                throw new DataException("the synthetic market has no symbol " + symbol + "; it has " + cut.keySet());
            }
            if (timeframe == s.timeframe()) {
                return s;
            }
            if (timeframe.millis() < s.timeframe().millis()) {
                throw new DataException("the synthetic market is generated at " + s.timeframe() + "; " + timeframe + " is finer");
            }
            return new dev.ktrdr.data.CalendarResampler(dev.ktrdr.data.calendar.Calendars.forAssetClass(classes.get(symbol)))
                    .resample(s, timeframe);
        };
    }

    /** @return symbol information (asset class, calendar) of the synthetic market's symbols */
    public static Map<Symbol, SymbolInfo> infos() {
        Map<Symbol, SymbolInfo> out = new LinkedHashMap<>();
        for (SymbolInfo i : SyntheticMarket.infos(SyntheticMarket.defaultUniverse())) {
            out.put(i.symbol(), i);
        }
        return out;
    }

    /**
     * @param name a file name under {@code dev/ktrdr/examples/} on the classpath
     * @return its text
     */
    public static String resource(String name) {
        try (InputStream in = Examples.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
