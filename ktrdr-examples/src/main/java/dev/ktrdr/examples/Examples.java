package dev.ktrdr.examples;

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
