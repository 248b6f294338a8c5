package dev.ktrdr.examples.spark;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.data.ListedBars;
import dev.ktrdr.data.SymbolRegistry;
import dev.ktrdr.data.ValidationPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The bar files of one symbol on any Hadoop-compatible file system (local, HDFS, S3 through the cluster's
 * own configuration), as a {@link ListedBars} so that {@link dev.ktrdr.data.MultiTimeframeLoader} loads and
 * resamples them exactly as it does a local {@link dev.ktrdr.data.DataFolder}: same parser
 * ({@link CsvBars}), same STRICT validation, same calendar from the symbol's registry entry.
 */
final class HadoopBars implements ListedBars {
    private final SymbolInfo info;
    private final Map<Timeframe, String> files;
    private final Configuration conf;

    HadoopBars(SymbolInfo info, Map<Timeframe, String> files, Configuration conf) {
        this.info = info;
        this.files = new EnumMap<>(files);
        this.conf = conf;
    }

    @Override
    public BarSeries load(Symbol symbol, Timeframe timeframe) {
        String file = files.get(timeframe);
        if (!symbol.equals(info.symbol()) || file == null) {
            throw new DataException("no file for " + symbol + " " + timeframe + " among " + files.values());
        }
        Path p = new Path(URI.create(file));
        try (InputStream in = p.getFileSystem(conf).open(p)) {
            return CsvBars.read(in, p.getName(), symbol, timeframe, registry().calendar(symbol), ValidationPolicy.STRICT).series();
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    @Override
    public SymbolRegistry registry() {
        return SymbolRegistry.of(List.of(info));
    }

    @Override
    public Set<Timeframe> timeframes(Symbol symbol) {
        return symbol.equals(info.symbol()) ? files.keySet() : Set.of();
    }

    @Override
    public String origin(Symbol symbol, Timeframe timeframe) {
        return "file " + new Path(URI.create(files.get(timeframe))).getName();
    }

    @Override
    public String description() {
        return "bar files of " + info.symbol();
    }

    @Override
    public List<Symbol> symbols() {
        return List.of(info.symbol());
    }

    /** @return the symbol's information */
    SymbolInfo info() {
        return info;
    }

    /** A symbol's information as one line {@code symbol,asset_class,calendar,group} (what a task carries). */
    static String line(SymbolInfo i) {
        return i.symbol().value() + "," + i.assetClass().id() + "," + i.calendarId() + "," + i.group().orElse("");
    }

    static SymbolInfo parseLine(String line) {
        String[] f = line.split(",", -1);
        return new SymbolInfo(Symbol.of(f[0]), AssetClass.parse(f[1]), f[2], f[3].isEmpty() ? Optional.empty() : Optional.of(f[3]));
    }

    /** A task's files: {@code tf=uri} entries. */
    static Map<Timeframe, String> parseFiles(List<String> entries) {
        Map<Timeframe, String> out = new EnumMap<>(Timeframe.class);
        for (String e : entries) {
            int eq = e.indexOf('=');
            out.put(Timeframe.parse(e.substring(0, eq)), e.substring(eq + 1));
        }
        return out;
    }

    static FileSystem fs(String uri, Configuration conf) throws IOException {
        return new Path(URI.create(uri)).getFileSystem(conf);
    }
}
