package dev.ktrdr.data;

import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import java.util.Set;

/**
 * A bar source that can say which timeframes it holds for a symbol, so that
 * {@link MultiTimeframeLoader} can resample the missing ones from a finer stored series. A
 * {@link DataFolder} is adapted to it; the Parquet, DuckDB and JDBC sources of
 * {@code dev.ktrdr.data.source} implement it.
 */
public interface ListedBars extends BarSource {
    /** @return symbol information (calendars decide daily closes and resampling) */
    SymbolRegistry registry();

    /**
     * @param symbol a symbol
     * @return the timeframes stored for it
     */
    Set<Timeframe> timeframes(Symbol symbol);

    /**
     * @param symbol a symbol
     * @param timeframe a stored timeframe
     * @return where those bars are, for messages ({@code "file AAPL_1h.csv.gz"}, {@code "table bars"}); never a credential
     */
    String origin(Symbol symbol, Timeframe timeframe);

    /** @return the source in one line for messages (never a credential) */
    String description();

    /** @return the symbols the source holds, sorted (empty when it cannot list them) */
    java.util.List<Symbol> symbols();

    /**
     * @param folder a CSV data folder
     * @return the folder as a listed source
     */
    static ListedBars of(DataFolder folder) {
        return new ListedBars() {
            @Override
            public dev.ktrdr.api.BarSeries load(Symbol symbol, Timeframe timeframe) {
                return folder.load(symbol, timeframe);
            }

            @Override
            public SymbolRegistry registry() {
                return folder.registry();
            }

            @Override
            public Set<Timeframe> timeframes(Symbol symbol) {
                return folder.timeframes(symbol);
            }

            @Override
            public String origin(Symbol symbol, Timeframe timeframe) {
                return "file " + folder.file(symbol, timeframe).orElseThrow().getFileName();
            }

            @Override
            public String description() {
                return folder.dir().toString();
            }

            @Override
            public java.util.List<Symbol> symbols() {
                return folder.symbols();
            }

            @Override
            public java.util.Optional<String> fingerprint(Symbol symbol) {
                return folder.fingerprint(symbol);
            }
        };
    }
}
