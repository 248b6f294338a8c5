package dev.ktrdr.data.actions;

import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.DataException;
import dev.ktrdr.api.internal.SafeNames;
import dev.ktrdr.api.Symbol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Splits and cash dividends per symbol, read from an optional {@code corporate_actions.csv}
 * ({@code symbol,date,type,value}: {@code type} is {@code split} with {@code value} the new shares per old
 * share, 7 for a 7:1 split, 0.5 for a 1:2 reverse split; or {@code dividend} with {@code value} the cash
 * amount per share; {@code date} the ex-date, the first session traded on the new basis), and the
 * back-adjustment of bars by the <b>ratio method</b>: for each action whose ex-date falls inside the series, every bar that opens before an ex-date has its
 * prices multiplied by that action's factor and its volume divided by it, factors of later actions
 * multiplying. A split's factor is {@code 1/value}; a dividend's is {@code 1 - value / C}, where C is
 * the close of the last bar before the ex-date (the CRSP/Yahoo convention), so returns across the
 * ex-date are total returns and the latest prices are unchanged. Exactness: one multiplication per price
 * (relative error at most one ulp per action). A dividend whose amount is not below that close is refused.
 *
 * <p>Without an actions file nothing is adjusted: bars are used as stored (see {@link SplitDetector} for
 * finding splits the file does not record).
 *
 * @param actions the actions, sorted by symbol and date
 */
public record CorporateActions(List<Action> actions) {
    /** The file name looked for in a data folder. */
    public static final String FILE_NAME = "corporate_actions.csv";
    private static final long MAX_BYTES = 16L << 20;

    /** Copies the list, sorted. */
    public CorporateActions {
        actions = actions.stream().sorted(Comparator.comparing((Action a) -> a.symbol().value()).thenComparing(Action::exDate)).toList();
    }

    /** The kind of an action. */
    public enum Type {
        /** A stock split (value: new shares per old share). */
        SPLIT,
        /** A cash dividend (value: amount per share). */
        DIVIDEND
    }

    /**
     * One action.
     *
     * @param symbol the symbol
     * @param exDate the first session on the new basis
     * @param type split or dividend
     * @param value split ratio (&gt; 0, not 1) or dividend amount (&gt; 0)
     */
    public record Action(Symbol symbol, LocalDate exDate, Type type, double value) {
        /** Checks the value. */
        public Action {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(exDate, "exDate");
            Objects.requireNonNull(type, "type");
            if (!(value > 0) || !Double.isFinite(value) || (type == Type.SPLIT && value == 1.0)) {
                throw new IllegalArgumentException(type.name().toLowerCase(Locale.ROOT) + " value " + value
                        + " must be a finite number > 0" + (type == Type.SPLIT ? " and not 1" : ""));
            }
        }
    }

    /** @return no actions */
    public static CorporateActions none() {
        return new CorporateActions(List.of());
    }

    /**
     * Reads {@code corporate_actions.csv} from a folder if it exists.
     *
     * @param dir a data folder
     * @return the actions, or {@link #none()} without a file
     * @throws DataException naming file and line for a bad row
     */
    public static CorporateActions load(Path dir) {
        Path f = dir.resolve(FILE_NAME);
        return Files.isRegularFile(f) ? read(f) : none();
    }

    /**
     * @param file a {@code symbol,date,type,value} CSV file (header required, at most 16 MiB)
     * @return the actions
     * @throws DataException naming file and line for any problem
     */
    public static CorporateActions read(Path file) {
        String name = file.toString();
        List<String> lines;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new DataException(name + ": larger than 16 MiB", name, 0, null);
            }
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new DataException(name + ": no such file", name, 0, e);
        } catch (IOException e) {
            throw new DataException(name + ": cannot read: " + e.getMessage(), name, 0, e);
        }
        if (lines.isEmpty() || !lines.get(0).replace(" ", "").equalsIgnoreCase("symbol,date,type,value")) {
            throw new DataException(name + ":1: the header must be symbol,date,type,value", name, 1, null);
        }
        List<Action> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            int ln = i + 1;
            if (f.length != 4) {
                throw new DataException(name + ":" + ln + ": " + f.length + " fields, the header has 4", name, ln, null);
            }
            String sym = f[0].strip();
            if (!SafeNames.isSafe(sym, Symbol.MAX_LENGTH)) {
                throw new DataException(name + ":" + ln + ": symbol is not a valid symbol name", name, ln, null);
            }
            try {
                Type t = switch (f[2].strip().toLowerCase(Locale.ROOT)) {
                    case "split" -> Type.SPLIT;
                    case "dividend" -> Type.DIVIDEND;
                    default -> throw new DataException(name + ":" + ln + ": type '" + f[2].strip() + "' is not split or dividend", name, ln, null);
                };
                out.add(new Action(Symbol.of(sym), LocalDate.parse(f[1].strip()), t, Double.parseDouble(f[3].strip())));
            } catch (DateTimeParseException e) {
                throw new DataException(name + ":" + ln + ": date '" + f[1].strip() + "' is not an ISO date (YYYY-MM-DD)", name, ln, e);
            } catch (NumberFormatException e) {
                throw new DataException(name + ":" + ln + ": value '" + f[3].strip() + "' is not a number", name, ln, e);
            } catch (IllegalArgumentException e) {
                throw new DataException(name + ":" + ln + ": " + e.getMessage(), name, ln, e);
            }
        }
        return new CorporateActions(out);
    }

    /**
     * A source whose series are back-adjusted by these actions as they are loaded (timeframes resampled by
     * {@link dev.ktrdr.data.MultiTimeframeLoader} come from the adjusted finer series).
     *
     * @param source the raw source
     * @return the adjusting source (the source itself when there is no action)
     */
    public dev.ktrdr.data.ListedBars adjusting(dev.ktrdr.data.ListedBars source) {
        return actions.isEmpty() ? source : new Adjusted(source, this);
    }

    /**
     * A source back-adjusted by corporate actions as it loads, which keeps the raw source and the actions
     * within reach: a backtest fills at the raw prices and adjusts its positions at each split, while features
     * are computed on the adjusted bars.
     */
    public static final class Adjusted implements dev.ktrdr.data.ListedBars {
        private final dev.ktrdr.data.ListedBars raw;
        private final CorporateActions actions;

        Adjusted(dev.ktrdr.data.ListedBars raw, CorporateActions actions) {
            this.raw = raw;
            this.actions = actions;
        }

        /** @return the source as stored, unadjusted */
        public dev.ktrdr.data.ListedBars raw() {
            return raw;
        }

        /** @return the actions the bars are adjusted by */
        public CorporateActions actions() {
            return actions;
        }

        @Override
        public BarSeries load(Symbol symbol, dev.ktrdr.api.Timeframe timeframe) {
            return actions.adjust(raw.load(symbol, timeframe));
        }

        @Override
        public dev.ktrdr.data.SymbolRegistry registry() {
            return raw.registry();
        }

        @Override
        public java.util.Set<dev.ktrdr.api.Timeframe> timeframes(Symbol symbol) {
            return raw.timeframes(symbol);
        }

        @Override
        public String origin(Symbol symbol, dev.ktrdr.api.Timeframe timeframe) {
            return raw.origin(symbol, timeframe) + (actions.of(symbol).isEmpty() ? "" : ", adjusted by " + FILE_NAME);
        }

        @Override
        public String description() {
            return raw.description() + " (adjusted by " + FILE_NAME + ")";
        }

        @Override
        public List<Symbol> symbols() {
            return raw.symbols();
        }

        /** The raw source's fingerprint with the symbol's actions folded in; empty when the raw source has none. */
        @Override
        public java.util.Optional<String> fingerprint(Symbol symbol) {
            return raw.fingerprint(symbol).map(fp -> "adjusted-sha256:" + sha256(fp + "\n" + actions.of(symbol)));
        }
    }

    /**
     * @param symbol a symbol
     * @return its actions by ex-date
     */
    public List<Action> of(Symbol symbol) {
        return actions.stream().filter(a -> a.symbol().equals(symbol)).toList();
    }

    /**
     * Back-adjusts a series by the ratio method (class comment). Close times are kept.
     *
     * @param raw the bars as traded
     * @return the adjusted bars (the same instance when the symbol has no action inside the series)
     * @throws DataException when a dividend is not below the close before its ex-date
     */
    public BarSeries adjust(BarSeries raw) {
        List<Action> mine = of(raw.symbol());
        int n = raw.size();
        if (mine.isEmpty() || n == 0) {
            return raw;
        }
        double[] factor = new double[n];
        java.util.Arrays.fill(factor, 1.0);
        boolean any = false;
        // Latest action first, so that a dividend's reference close already carries the later factors' basis.
        for (int k = mine.size() - 1; k >= 0; k--) {
            Action a = mine.get(k);
            long ex = a.exDate().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            int first = 0;
            while (first < n && raw.openTime(first) < ex) {
                first++;
            }
            if (first == 0 || first == n) {
                continue; // the ex-date is not inside the series: nothing to adjust against
            }
            double f;
            if (a.type() == Type.SPLIT) {
                f = 1.0 / a.value();
            } else {
                double c = raw.close(first - 1);
                if (!(a.value() < c)) {
                    throw new DataException(raw.symbol() + " dividend of " + a.value() + " on " + a.exDate()
                            + " is not below the close " + c + " before it");
                }
                f = 1.0 - a.value() / c;
            }
            for (int i = 0; i < first; i++) {
                factor[i] *= f;
            }
            any = true;
        }
        if (!any) {
            return raw;
        }
        long[] ot = new long[n];
        long[] ct = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            ot[i] = raw.openTime(i);
            ct[i] = raw.closeTime(i);
            o[i] = raw.open(i) * factor[i];
            h[i] = raw.high(i) * factor[i];
            l[i] = raw.low(i) * factor[i];
            c[i] = raw.close(i) * factor[i];
            v[i] = raw.volume(i) / factor[i];
        }
        return new BarSeries(raw.symbol(), raw.timeframe(), ot, ct, o, h, l, c, v);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
