package dev.ktrdr.data;

import java.nio.file.LinkOption;
import dev.ktrdr.api.io.FileRefusedException;
import dev.ktrdr.api.io.BoundedFiles;
import dev.ktrdr.api.io.AtomicFiles;
import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.internal.SafeNames;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What is known of each symbol: asset class, calendar and optional group, from a registry file or
 * inferred from the symbol's name.
 *
 * <p><b>Registry file</b> {@code symbols.csv} in the data folder (UTF-8, {@code #} starts a comment
 * line):
 * <pre>
 * symbol,asset_class,calendar,group
 * EURUSD,forex,,majors
 * XAUUSD,commodity,forex,metals
 * </pre>
 * {@code calendar} and {@code group} may be empty (the asset class's default calendar; no group).
 *
 * <p><b>Inferred defaults</b> for symbols not in the file, in this order:
 * <ol>
 * <li>{@code VIX}: index on the US-equity calendar.</li>
 * <li>Crypto (24/7 calendar): a known crypto base ({@code BTC}, {@code ETH}, {@code NEO}, ...)
 *     followed by a quote ({@code USDT}, {@code USDC}, {@code BUSD}, {@code USD}, {@code EUR},
 *     {@code BTC}, ...), optionally separated by {@code -} or {@code _}; or any symbol ending in
 *     {@code USDT}, {@code USDC} or {@code BUSD}. Because the crypto test comes first, {@code BTCUSD}
 *     is crypto, not a currency pair: {@code BTC} is not an ISO 4217 currency.</li>
 * <li>Metals: {@code XAU}, {@code XAG}, {@code XPT}, {@code XPD} followed by a currency, e.g.
 *     {@code XAUUSD}: commodity on the {@code metals} calendar (the forex week; the gap analysis
 *     also reports the 17:00 New York break apart).</li>
 * <li>Forex: six letters made of two ISO 4217 currencies, e.g. {@code EURUSD}.</li>
 * <li>Otherwise an equity on the US-equity calendar.</li>
 * </ol>
 *
 * <p>Immutable and thread-safe.
 */
public final class SymbolRegistry {
    /** The registry file name inside a data folder. */
    public static final String FILE_NAME = "symbols.csv";
    /** The largest symbols file read: 1 MiB. */
    public static final long MAX_BYTES = 1L << 20;

    private static final Set<String> CURRENCIES = Set.of("USD", "EUR", "GBP", "JPY", "CHF", "AUD", "NZD", "CAD", "SEK",
            "NOK", "DKK", "HKD", "SGD", "MXN", "ZAR", "TRY", "PLN", "CZK", "HUF", "CNH", "CNY", "INR", "KRW", "BRL", "RUB",
            "ILS", "THB", "TWD", "SAR", "AED");
    private static final Set<String> METALS = Set.of("XAU", "XAG", "XPT", "XPD");
    private static final Set<String> CRYPTO_BASES = Set.of("BTC", "XBT", "ETH", "LTC", "XRP", "BCH", "ADA", "DOT", "SOL",
            "DOGE", "BNB", "NEO", "EOS", "XLM", "TRX", "LINK", "XMR", "ETC", "ZEC", "DASH", "ATOM", "AVAX", "MATIC", "UNI",
            "SHIB", "IOTA", "XTZ", "ALGO", "FIL", "AAVE", "QTUM", "ONT", "VET", "ICX", "OMG", "BAT", "WAVES", "NANO");
    private static final List<String> CRYPTO_QUOTES = List.of("USDT", "USDC", "BUSD", "TUSD", "USD", "EUR", "GBP", "BTC",
            "ETH", "BNB", "JPY", "KRW");
    private static final SymbolRegistry DEFAULTS = new SymbolRegistry(Map.of());

    private final Map<Symbol, SymbolInfo> entries;

    private SymbolRegistry(Map<Symbol, SymbolInfo> entries) {
        this.entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }

    /** @return a registry with no entries: every symbol gets its inferred defaults */
    public static SymbolRegistry defaults() {
        return DEFAULTS;
    }

    /**
     * @param entries explicit entries
     * @return a registry with those entries and inferred defaults for other symbols
     */
    public static SymbolRegistry of(List<SymbolInfo> entries) {
        Map<Symbol, SymbolInfo> m = new LinkedHashMap<>();
        for (SymbolInfo i : entries) {
            Calendars.byId(i.calendarId());
            if (m.put(i.symbol(), i) != null) {
                throw new ConfigurationException("symbols", "symbol " + i.symbol() + " is listed twice");
            }
        }
        return new SymbolRegistry(m);
    }

    /**
     * Loads {@code dir/symbols.csv} if it exists, else returns {@link #defaults()}.
     *
     * @param dir a data folder
     * @return the registry
     * @throws DataException naming file and line for a malformed entry
     */
    public static SymbolRegistry load(Path dir) {
        Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            return DEFAULTS;
        }
        List<String> lines;
        try {
            lines = BoundedFiles.readUtf8(file, MAX_BYTES, "symbols file").lines().toList();
        } catch (FileRefusedException e) {
            throw new DataException(e.getMessage(), file.toString(), 0, e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read: " + e.getMessage(), file.toString(), 0, e);
        }
        Map<Symbol, SymbolInfo> m = new LinkedHashMap<>();
        boolean header = true;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (header) {
                if (f.length < 2 || !f[0].strip().equalsIgnoreCase("symbol") || !f[1].strip().equalsIgnoreCase("asset_class")) {
                    throw new DataException(file + ":" + (i + 1) + ": expected header 'symbol,asset_class,calendar,group'",
                            file.toString(), i + 1, null);
                }
                header = false;
                continue;
            }
            if (f.length < 2 || f.length > 4) {
                throw new DataException(file + ":" + (i + 1) + ": expected 2 to 4 fields (symbol,asset_class,calendar,group), got "
                        + f.length, file.toString(), i + 1, null);
            }
            try {
                Symbol s = Symbol.of(f[0].strip());
                AssetClass ac = AssetClass.parse(f[1].strip());
                String cal = f.length > 2 && !f[2].isBlank() ? Calendars.byId(f[2].strip()).id() : Calendars.forAssetClass(ac).id();
                Optional<String> group = f.length > 3 && !f[3].isBlank() ? Optional.of(f[3].strip()) : Optional.empty();
                group.ifPresent(g -> SafeNames.require("group name", g, 64));
                if (m.put(s, new SymbolInfo(s, ac, cal, group)) != null) {
                    throw new ConfigurationException("symbol", s + " is listed twice");
                }
            } catch (ConfigurationException e) {
                throw new DataException(file + ":" + (i + 1) + ": " + e.getMessage(), file.toString(), i + 1, e);
            }
        }
        return new SymbolRegistry(m);
    }

    /**
     * @param symbol a symbol
     * @return its registry entry, or the inferred defaults
     */
    public SymbolInfo info(Symbol symbol) {
        SymbolInfo i = entries.get(symbol);
        return i != null ? i : infer(symbol);
    }

    /**
     * @param symbol a symbol
     * @return its calendar
     */
    public MarketCalendar calendar(Symbol symbol) {
        return Calendars.byId(info(symbol).calendarId());
    }

    /** @return the explicit entries, in file order */
    public List<SymbolInfo> entries() {
        return List.copyOf(entries.values());
    }

    /**
     * Writes a registry file listing the given entries.
     *
     * @param dir the data folder
     * @param infos the entries
     * @throws DataException when the file cannot be written
     */
    public static void write(Path dir, List<SymbolInfo> infos) {
        StringBuilder sb = new StringBuilder("symbol,asset_class,calendar,group\n");
        for (SymbolInfo i : infos) {
            sb.append(i.symbol()).append(',').append(i.assetClass().id()).append(',').append(i.calendarId()).append(',')
                    .append(i.group().orElse("")).append('\n');
        }
        Path file = dir.resolve(FILE_NAME);
        try {
            AtomicFiles.writeString(file, sb);
        } catch (IOException e) {
            throw new DataException(file + ": cannot write: " + e.getMessage(), file.toString(), 0, e);
        }
    }

    /**
     * The inferred defaults for a symbol (see the class comment).
     *
     * @param symbol a symbol
     * @return its inferred information, without a group
     */
    public static SymbolInfo infer(Symbol symbol) {
        AssetClass ac = inferAssetClass(symbol.value());
        String cal = ac == AssetClass.COMMODITY && METALS.contains(symbol.value().toUpperCase(Locale.ROOT).substring(0, 3))
                ? Calendars.metals().id() : Calendars.forAssetClass(ac).id();
        return new SymbolInfo(symbol, ac, cal, Optional.empty());
    }

    static AssetClass inferAssetClass(String raw) {
        String s = raw.toUpperCase(Locale.ROOT);
        if (s.equals("VIX") || s.equals("VIX.X") || s.equals("VIX-INDEX")) {
            return AssetClass.INDEX;
        }
        String compact = s.replace("-", "").replace("_", "");
        if (compact.endsWith("USDT") || compact.endsWith("USDC") || compact.endsWith("BUSD")) {
            return AssetClass.CRYPTO;
        }
        for (String base : CRYPTO_BASES) {
            if (compact.startsWith(base)) {
                String quote = compact.substring(base.length());
                if (CRYPTO_QUOTES.contains(quote)) {
                    return AssetClass.CRYPTO;
                }
            }
        }
        if (compact.length() == 6 && compact.chars().allMatch(Character::isLetter)) {
            String base = compact.substring(0, 3);
            String quote = compact.substring(3);
            if (METALS.contains(base) && CURRENCIES.contains(quote)) {
                return AssetClass.COMMODITY;
            }
            if (CURRENCIES.contains(base) && CURRENCIES.contains(quote)) {
                return AssetClass.FOREX;
            }
        }
        return AssetClass.EQUITY;
    }
}
