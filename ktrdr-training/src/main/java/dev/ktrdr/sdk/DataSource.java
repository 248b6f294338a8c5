package dev.ktrdr.sdk;

import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.data.DataFolder;
import dev.ktrdr.data.actions.CorporateActions;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.data.source.DataSources;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Where a {@link Ktrdr} session takes its bars from, and what it knows of each symbol (asset class,
 * trading calendar, group).
 *
 * @param bars the bars; must be safe to call from several threads
 * @param symbolInfo the information of a symbol (its calendar decides session closes and resampling)
 * @param available every symbol the source holds, for selection by asset class; may be empty when the
 *     source cannot list its symbols
 * @param description one line naming the source for messages and reports (never a credential)
 */
public record DataSource(BarSource bars, Function<Symbol, SymbolInfo> symbolInfo,
                         Supplier<Collection<SymbolInfo>> available, String description) {
    /** Checks presence. */
    public DataSource {
        Objects.requireNonNull(bars, "bars");
        Objects.requireNonNull(symbolInfo, "symbolInfo");
        Objects.requireNonNull(available, "available");
        Objects.requireNonNull(description, "description");
    }

    /**
     * A folder of {@code {SYMBOL}_{tf}.csv[.gz]} files with an optional {@code symbols.csv} and an optional
     * {@code corporate_actions.csv}, by which its bars are back-adjusted as they load (as every other way of
     * opening a folder does: {@link #open(String)}, the command line's {@code --data} and {@code --data-dir}).
     *
     * @param dir the folder
     * @return the source
     */
    public static DataSource folder(Path dir) {
        DataFolder folder = new DataFolder(dir);
        CorporateActions actions = CorporateActions.load(dir);
        // the folder itself when it has no actions (the audit's file check and the loader recognise it)
        BarSource bars = actions.actions().isEmpty() ? folder : actions.adjusting(ListedBars.of(folder));
        String description = actions.actions().isEmpty() ? dir.toString() : ((ListedBars) bars).description();
        return new DataSource(bars, s -> folder.registry().info(s),
                () -> folder.symbols().stream().map(s -> folder.registry().info(s)).toList(), description);
    }

    /**
     * A source by URI: a CSV folder ({@code DIR} or {@code csv:DIR}), {@code parquet:DIR},
     * {@code duckdb:FILE} or {@code jdbc:...} (credentials from the environment), see
     * {@link DataSources#open(String, DataSources.Options, java.util.Map)}. Parquet and DuckDB need
     * {@code org.duckdb:duckdb_jdbc} on the class path, PostgreSQL {@code org.postgresql:postgresql}.
     *
     * @param uri the source URI
     * @return the source
     */
    public static DataSource open(String uri) {
        return of(DataSources.open(uri));
    }

    /**
     * @param listed an opened source
     * @return the source with its registry and symbol list
     */
    public static DataSource of(ListedBars listed) {
        return new DataSource(listed, s -> listed.registry().info(s),
                () -> listed.symbols().stream().map(s -> listed.registry().info(s)).toList(), listed.description());
    }

    /**
     * Any bar source with its symbols' information.
     *
     * @param bars the bars
     * @param symbolInfo the information of a symbol
     * @param description one line naming the source
     * @return the source; it cannot list its symbols, so strategies that select by asset class need
     *     explicit symbols
     */
    public static DataSource of(BarSource bars, Function<Symbol, SymbolInfo> symbolInfo, String description) {
        return new DataSource(bars, symbolInfo, List::of, description);
    }

    /**
     * @param symbol a symbol
     * @return its information
     */
    public SymbolInfo info(Symbol symbol) {
        return symbolInfo.apply(symbol);
    }
}
