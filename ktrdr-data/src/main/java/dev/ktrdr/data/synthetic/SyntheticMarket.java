package dev.ktrdr.data.synthetic;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.BarSeries;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Session;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.SymbolInfo;
import dev.ktrdr.api.Timeframe;
import dev.ktrdr.api.BarSource;
import dev.ktrdr.api.DataException;
import dev.ktrdr.data.CalendarResampler;
import dev.ktrdr.data.CsvBars;
import dev.ktrdr.data.SymbolRegistry;
import dev.ktrdr.data.calendar.Calendars;
import dev.ktrdr.data.calendar.MarketCalendar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A synthetic market, deterministic by seed: the library's default data for examples, the demo and
 * tests.
 *
 * <p>Each symbol trades on its asset class's calendar (crypto 24/7, forex Sunday–Friday 17:00 New
 * York, US equities in NYSE sessions with holidays and early closes; bars are placed exactly where
 * {@link dev.ktrdr.data.GapAnalyzer} expects them, US-equity hourly bars labelled 09:00–15:00 New York
 * like the LEAN files). Log returns combine
 * <ul>
 * <li>correlated shocks: a market factor shared by all symbols and an asset-class factor, both keyed
 *     by the bar's open instant so symbols on different calendars stay correlated where they overlap,
 *     plus an idiosyncratic part ({@link Config#marketCorrelation()} and {@link Config#classCorrelation()}
 *     are the shares of variance);</li>
 * <li>regime switching per symbol, a Markov chain over TREND (drift in a random direction), RANGE
 *     (mean reversion to the level where the range began, lower volatility) and VOLATILE (twice the
 *     volatility), with regimes lasting about {@link Config#regimeBars()} bars on average;</li>
 * <li>intraday seasonality of volatility and volume: a U shape over the US-equity session, the
 *     London and New York hours for forex, a mild UTC afternoon peak and quieter weekends for crypto;
 *     an overnight gap at each US-equity session open.</li>
 * </ul>
 * Volume is log-normal around the symbol's base volume, scaled by seasonality and rising with the
 * size of the bar's move. Prices are rounded to a tick of 10^(⌊log10 start price⌋ − 5).
 *
 * <p>Stateless and thread-safe: every call builds its own random streams from the seed.
 */
public final class SyntheticMarket {
    private static final long DAY = 86_400_000L;
    private static final List<String> MORE_FX = List.of("AUDUSD", "USDJPY", "USDCHF", "NZDUSD", "USDCAD", "EURJPY", "EURGBP",
            "GBPJPY", "AUDJPY", "EURCHF");
    private static final List<String> MORE_CRYPTO = List.of("SOLUSDT", "XRPUSDT", "ADAUSDT", "LTCUSDT", "DOTUSDT", "BNBUSDT",
            "DOGEUSDT", "LINKUSDT", "AVAXUSDT", "ATOMUSDT");

    private SyntheticMarket() {
    }

    /**
     * One synthetic instrument.
     *
     * @param symbol the symbol
     * @param assetClass its asset class (picks calendar and seasonality)
     * @param startPrice the first open, positive
     * @param annualVolatility yearly volatility of log returns, e.g. 0.10 for a major FX pair, positive
     * @param baseVolume typical volume of one hourly bar, ≥ 0
     */
    public record SymbolSpec(Symbol symbol, AssetClass assetClass, double startPrice, double annualVolatility, double baseVolume) {
        /** Validates the numbers. */
        public SymbolSpec {
            Objects.requireNonNull(symbol, "symbol");
            Objects.requireNonNull(assetClass, "assetClass");
            if (!(startPrice > 0) || Double.isInfinite(startPrice)) {
                throw new ConfigurationException("start_price", symbol + ": start price " + startPrice + " must be a positive number");
            }
            if (!(annualVolatility > 0) || annualVolatility > 5) {
                throw new ConfigurationException("annual_volatility", symbol + ": " + annualVolatility + " must be in (0, 5]");
            }
            if (!(baseVolume >= 0) || Double.isInfinite(baseVolume)) {
                throw new ConfigurationException("base_volume", symbol + ": " + baseVolume + " must be >= 0");
            }
        }
    }

    /**
     * What to generate.
     *
     * @param symbols the instruments, no duplicates
     * @param timeframe bar size
     * @param start first instant considered (bars start at the first expected slot at or after it)
     * @param bars bars per symbol, 1 to 50 000 000
     * @param seed the seed: equal configs give identical bars
     * @param marketCorrelation share of return variance from the market factor, in [0, 1)
     * @param classCorrelation share from the asset-class factor, in [0, 1); with the market share below 1
     * @param regimeBars mean regime length in bars, ≥ 1
     */
    public record Config(List<SymbolSpec> symbols, Timeframe timeframe, Instant start, int bars, long seed,
                         double marketCorrelation, double classCorrelation, double regimeBars) {
        /** Validates the config. */
        public Config {
            symbols = List.copyOf(symbols);
            Objects.requireNonNull(timeframe, "timeframe");
            Objects.requireNonNull(start, "start");
            if (symbols.isEmpty()) {
                throw new ConfigurationException("symbols", "at least one symbol is required");
            }
            if (symbols.stream().map(SymbolSpec::symbol).distinct().count() != symbols.size()) {
                throw new ConfigurationException("symbols", "a symbol is listed twice");
            }
            if (bars < 1 || bars > 50_000_000) {
                throw new ConfigurationException("bars", bars + " must be in [1, 50000000]");
            }
            if (!(marketCorrelation >= 0) || !(classCorrelation >= 0) || marketCorrelation + classCorrelation >= 1) {
                throw new ConfigurationException("correlation", "market " + marketCorrelation + " and class " + classCorrelation
                        + " must be >= 0 with a sum below 1");
            }
            if (!(regimeBars >= 1)) {
                throw new ConfigurationException("regime_bars", regimeBars + " must be >= 1");
            }
        }

        /**
         * A config with the default correlations (market 0.25, class 0.35) and regimes of about 300 bars.
         *
         * @param symbols the instruments
         * @param timeframe bar size
         * @param start first instant
         * @param bars bars per symbol
         * @param seed the seed
         * @return the config
         */
        public static Config of(List<SymbolSpec> symbols, Timeframe timeframe, Instant start, int bars, long seed) {
            return new Config(symbols, timeframe, start, bars, seed, 0.25, 0.35, 300);
        }
    }

    /**
     * The demo universe: six symbols over three asset classes (EURUSD, GBPUSD, BTCUSDT, ETHUSDT,
     * AAPL, SPY) with realistic levels, volatilities and volumes.
     *
     * @return the specs
     */
    public static List<SymbolSpec> defaultUniverse() {
        return List.of(
                new SymbolSpec(Symbol.of("EURUSD"), AssetClass.FOREX, 1.10, 0.08, 5_000),
                new SymbolSpec(Symbol.of("GBPUSD"), AssetClass.FOREX, 1.30, 0.09, 4_000),
                new SymbolSpec(Symbol.of("BTCUSDT"), AssetClass.CRYPTO, 30_000, 0.70, 1_200),
                new SymbolSpec(Symbol.of("ETHUSDT"), AssetClass.CRYPTO, 2_000, 0.85, 15_000),
                new SymbolSpec(Symbol.of("AAPL"), AssetClass.EQUITY, 150, 0.28, 4_000_000),
                new SymbolSpec(Symbol.of("SPY"), AssetClass.EQUITY, 400, 0.16, 9_000_000));
    }

    /**
     * The first n symbols of the default universe, then further ones cycling through forex, crypto and
     * equity: real currency pairs and crypto pairs first (AUDUSD, SOLUSDT, EQ009, USDJPY, XRPUSDT, ...)
     * so that name inference ({@link SymbolRegistry#infer}) finds their asset class, then
     * {@code SYNFXnnn} and {@code SYNCnnnUSDT}, whose class only the registry file written by
     * {@link #writeFolder} records.
     *
     * @param n number of symbols, 1 to 1000
     * @return the specs
     */
    public static List<SymbolSpec> universe(int n) {
        if (n < 1 || n > 1000) {
            throw new ConfigurationException("symbols", n + " must be in [1, 1000]");
        }
        List<SymbolSpec> base = defaultUniverse();
        List<SymbolSpec> out = new ArrayList<>(base.subList(0, Math.min(n, base.size())));
        SplittableRandom r = new SplittableRandom(42);
        for (int i = base.size(); i < n; i++) {
            int k = (i - base.size()) / 3;
            String num = String.format("%03d", i + 1);
            switch ((i - base.size()) % 3) {
                case 0:
                    out.add(new SymbolSpec(Symbol.of(k < MORE_FX.size() ? MORE_FX.get(k) : "SYNFX" + num), AssetClass.FOREX,
                            0.5 + r.nextDouble() * 1.5, 0.06 + r.nextDouble() * 0.06, 3_000));
                    break;
                case 1:
                    out.add(new SymbolSpec(Symbol.of(k < MORE_CRYPTO.size() ? MORE_CRYPTO.get(k) : "SYNC" + num + "USDT"),
                            AssetClass.CRYPTO, 1 + r.nextDouble() * 500, 0.6 + r.nextDouble() * 0.6, 50_000));
                    break;
                default:
                    out.add(new SymbolSpec(Symbol.of("EQ" + num), AssetClass.EQUITY, 20 + r.nextDouble() * 300,
                            0.2 + r.nextDouble() * 0.3, 1_000_000));
                    break;
            }
        }
        return out;
    }

    /**
     * A universe of the given asset classes only (so that every symbol follows the same calendars and the same
     * bar count spans the same years): the default universe's symbols of those classes first, then generated
     * ones taking the classes in turn: forex ({@code AUDUSD}, ... then {@code SYNFX0001}), crypto
     * ({@code SOLUSDT}, ... then {@code SYNC0001USDT}) and equity ({@code EQ0001}, ...). Deterministic.
     *
     * @param n number of symbols, 1 to 10000
     * @param classes the asset classes, a non-empty subset of forex, crypto and equity
     * @return the specs
     * @throws ConfigurationException for n out of range or an asset class the generator does not model
     */
    public static List<SymbolSpec> universe(int n, java.util.Set<AssetClass> classes) {
        if (n < 1 || n > 10_000) {
            throw new ConfigurationException("symbols", n + " must be in [1, 10000]");
        }
        List<AssetClass> order = new ArrayList<>();
        for (AssetClass a : List.of(AssetClass.FOREX, AssetClass.CRYPTO, AssetClass.EQUITY)) {
            if (classes.contains(a)) {
                order.add(a);
            }
        }
        for (AssetClass a : classes) {
            if (!order.contains(a)) {
                throw new ConfigurationException("asset_classes", "'" + a.id()
                        + "' is not generated; use forex, crypto or equity");
            }
        }
        if (order.isEmpty()) {
            throw new ConfigurationException("asset_classes", "name at least one of forex, crypto, equity");
        }
        List<SymbolSpec> out = new ArrayList<>();
        for (SymbolSpec d : defaultUniverse()) {
            if (out.size() < n && classes.contains(d.assetClass())) {
                out.add(d);
            }
        }
        SplittableRandom r = new SplittableRandom(4242);
        int[] made = new int[order.size()];
        for (int i = 0; out.size() < n; i++) {
            int c = i % order.size();
            int k = made[c]++;
            String num = String.format("%04d", k + 1);
            switch (order.get(c)) {
                case FOREX:
                    out.add(new SymbolSpec(Symbol.of(k < MORE_FX.size() ? MORE_FX.get(k) : "SYNFX" + num), AssetClass.FOREX,
                            0.5 + r.nextDouble() * 1.5, 0.06 + r.nextDouble() * 0.06, 3_000));
                    break;
                case CRYPTO:
                    out.add(new SymbolSpec(Symbol.of(k < MORE_CRYPTO.size() ? MORE_CRYPTO.get(k) : "SYNC" + num + "USDT"),
                            AssetClass.CRYPTO, 1 + r.nextDouble() * 500, 0.6 + r.nextDouble() * 0.6, 50_000));
                    break;
                default:
                    out.add(new SymbolSpec(Symbol.of("EQ" + num), AssetClass.EQUITY, 20 + r.nextDouble() * 300,
                            0.2 + r.nextDouble() * 0.3, 1_000_000));
                    break;
            }
        }
        return out;
    }

    /**
     * @param specs the instruments
     * @return their symbol information (asset class and its default calendar, group = asset class)
     */
    public static List<SymbolInfo> infos(List<SymbolSpec> specs) {
        List<SymbolInfo> out = new ArrayList<>();
        for (SymbolSpec s : specs) {
            out.add(new SymbolInfo(s.symbol(), s.assetClass(), Calendars.forAssetClass(s.assetClass()).id(),
                    Optional.of(s.assetClass().id())));
        }
        return out;
    }

    /**
     * Generates every symbol's series.
     *
     * @param config what to generate
     * @return one series per symbol, in config order; daily bars closing by the calendar's daily rule
     */
    public static Map<Symbol, BarSeries> generate(Config config) {
        Map<Symbol, BarSeries> out = new LinkedHashMap<>();
        for (int i = 0; i < config.symbols().size(); i++) {
            SymbolSpec s = config.symbols().get(i);
            out.put(s.symbol(), generate(config, i));
        }
        return out;
    }

    /**
     * The demo market: {@link #defaultUniverse()} on hourly bars from 2020-01-01T00:00:00Z.
     *
     * @param bars bars per symbol
     * @param seed the seed
     * @return one series per symbol
     */
    public static Map<Symbol, BarSeries> demo(int bars, long seed) {
        return generate(Config.of(defaultUniverse(), Timeframe.H1, Instant.parse("2020-01-01T00:00:00Z"), bars, seed));
    }

    /**
     * A {@link BarSource} over a generated market: the configured timeframe as generated, coarser
     * timeframes resampled with each symbol's calendar ({@link CalendarResampler}, incomplete last
     * bar left out). The market is generated once, here; the source is immutable and thread-safe.
     *
     * @param config what to generate
     * @return the source; it throws {@link DataException} for unknown symbols and finer timeframes
     */
    public static BarSource asBarSource(Config config) {
        Map<Symbol, BarSeries> series = generate(config);
        Map<Symbol, AssetClass> classes = new LinkedHashMap<>();
        for (SymbolSpec s : config.symbols()) {
            classes.put(s.symbol(), s.assetClass());
        }
        return (symbol, timeframe) -> {
            BarSeries s = series.get(symbol);
            if (s == null) {
                throw new DataException("the synthetic market has no symbol " + symbol + "; it has " + series.keySet());
            }
            if (timeframe == s.timeframe()) {
                return s;
            }
            if (timeframe.millis() < s.timeframe().millis()) {
                throw new DataException("the synthetic market is generated at " + s.timeframe() + "; " + timeframe + " is finer");
            }
            return new CalendarResampler(Calendars.forAssetClass(classes.get(symbol))).resample(s, timeframe);
        };
    }

    /**
     * Writes series as {@code dir/{SYMBOL}_{tf}.csv.gz} plus a {@code symbols.csv} registry.
     *
     * @param dir the folder (created when missing)
     * @param config the config the series came from (for the registry)
     * @param series the series
     */
    public static void writeFolder(Path dir, Config config, Map<Symbol, BarSeries> series) {
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new DataException(dir + ": cannot create: " + e.getMessage(), e);
        }
        for (BarSeries s : series.values()) {
            CsvBars.write(dir.resolve(s.symbol() + "_" + s.timeframe().label() + ".csv.gz"), s);
        }
        SymbolRegistry.write(dir, infos(config.symbols()));
    }

    /** Expected bar open times of a calendar from an instant on, exactly n of them. */
    static long[] slots(MarketCalendar cal, Timeframe tf, long start, int n) {
        long[] out = new long[n];
        int k = 0;
        if (!tf.isIntraday()) {
            long step = tf == Timeframe.W1 ? 7 : 1;
            LocalDate d = LocalDate.ofEpochDay(Math.floorDiv(start + DAY - 1, DAY));
            if (tf == Timeframe.W1) {
                d = d.with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.MONDAY));
            }
            while (k < n) {
                if (tf == Timeframe.W1 || cal.expectsDailyBar(d)) {
                    out[k++] = d.toEpochDay() * DAY;
                }
                d = d.plusDays(step);
            }
            return out;
        }
        long step = tf.millis();
        LocalDate day = cal.tradingDay(start);
        long prev = Long.MIN_VALUE;
        while (k < n) {
            Optional<Session> s = cal.session(day);
            day = day.plusDays(1);
            if (s.isEmpty()) {
                continue;
            }
            for (long t = Math.floorDiv(s.get().openMillis(), step) * step; t < s.get().closeMillis() && k < n; t += step) {
                if (t >= start && t > prev) {
                    out[k++] = t;
                    prev = t;
                }
            }
        }
        return out;
    }

    /**
     * One symbol's series, exactly as {@link #generate(Config)} makes it (so a large universe can be generated
     * and written one symbol at a time).
     *
     * @param config what to generate
     * @param index the symbol's index in {@code config.symbols()}
     * @return its series
     */
    public static BarSeries generate(Config config, int index) {
        SymbolSpec spec = config.symbols().get(index);
        Timeframe tf = config.timeframe();
        MarketCalendar cal = Calendars.forAssetClass(spec.assetClass());
        int n = config.bars();
        long[] t = slots(cal, tf, config.start().toEpochMilli(), n);
        SplittableRandom rnd = new SplittableRandom(mix(config.seed() * 0x9E3779B97F4A7C15L + index + 1));
        double hoursPerYear = switch (spec.assetClass()) {
            case CRYPTO -> 8760.0;
            case FOREX, COMMODITY -> 6240.0;
            default -> 1638.0;
        };
        double barHours = tf.isIntraday() ? tf.millis() / 3_600_000.0 : (tf == Timeframe.D1 ? 1 : 5) * hoursPerYear
                / (spec.assetClass() == AssetClass.CRYPTO ? 365.0 : spec.assetClass() == AssetClass.EQUITY ? 252.0 : 260.0);
        double sigma = spec.annualVolatility() * Math.sqrt(barHours / hoursPerYear);
        double volPerBar = spec.baseVolume() * (tf.isIntraday() ? barHours : barHours * 0.9);
        double wm = Math.sqrt(config.marketCorrelation());
        double wc = Math.sqrt(config.classCorrelation());
        double wi = Math.sqrt(1 - config.marketCorrelation() - config.classCorrelation());
        long classSalt = 0x51ED27L * (spec.assetClass().ordinal() + 1);
        int decimals = 5 - (int) Math.floor(Math.log10(spec.startPrice()));
        double pSwitch = 1.0 / config.regimeBars();
        // Equities drift up a little (about 6 % a year); the other classes have no carry.
        double carry = spec.assetClass() == AssetClass.EQUITY ? 0.06 * barHours / hoursPerYear : 0.0;
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        double[] v = new double[n];
        int regime = 0; // 0 trend, 1 range, 2 volatile
        double drift = 0;
        double logAnchor = Math.log(spec.startPrice());
        double logP = logAnchor;
        long prevT = Long.MIN_VALUE;
        long dayLo = Long.MAX_VALUE;
        long dayHi = Long.MIN_VALUE;
        long sessionOpen = 0;
        for (int i = 0; i < n; i++) {
            if (rnd.nextDouble() < pSwitch || i == 0) {
                double u = rnd.nextDouble();
                regime = u < 0.45 ? 0 : u < 0.85 ? 1 : 2;
                drift = (rnd.nextBoolean() ? 1 : -1) * sigma * (0.03 + 0.05 * rnd.nextDouble());
                logAnchor = logP;
            }
            if (tf.isIntraday() && (t[i] < dayLo || t[i] >= dayHi)) {
                LocalDate d = cal.tradingDay(t[i]);
                dayLo = cal.dayStart(d);
                dayHi = cal.dayStart(d.plusDays(1));
                sessionOpen = cal.session(d).map(Session::openMillis).orElse(dayLo);
            }
            double season = seasonality(spec.assetClass(), sessionOpen, t[i], tf);
            double regimeVol = regime == 0 ? 0.9 : regime == 1 ? 0.65 : 2.0;
            double s = sigma * season * regimeVol;
            double z = wm * gaussian(config.seed(), 0x3A7L, t[i]) + wc * gaussian(config.seed(), classSalt, t[i])
                    + wi * gauss(rnd);
            double mu = carry + (regime == 0 ? drift : regime == 1 ? -0.05 * (logP - logAnchor) : 0.5 * drift);
            double gap = 0;
            if (spec.assetClass() == AssetClass.EQUITY && tf.isIntraday() && i > 0 && t[i] - prevT > 4 * 3_600_000L) {
                gap = gauss(rnd) * sigma * 1.5; // overnight news at the session open
            }
            double open = logP + gap;
            double close = open + mu + s * z;
            double hi = Math.max(open, close) + Math.abs(gauss(rnd)) * s * 0.5;
            double lo = Math.min(open, close) - Math.abs(gauss(rnd)) * s * 0.5;
            o[i] = round(Math.exp(open), decimals);
            c[i] = round(Math.exp(close), decimals);
            h[i] = round(Math.exp(hi), decimals);
            l[i] = round(Math.exp(lo), decimals);
            double move = Math.abs(close - open) / Math.max(s, 1e-12);
            v[i] = Math.rint(volPerBar * Math.pow(season, 1.2) * Math.exp(0.35 * gauss(rnd) - 0.06) * (0.6 + 0.4 * move)
                    * (regime == 2 ? 1.5 : 1.0));
            logP = close;
            prevT = t[i];
        }
        long[] close = CsvBars.closeTimes(t, tf, cal);
        return new BarSeries(spec.symbol(), tf, t, close, o, h, l, c, v);
    }

    /** Rounds to a number of decimals; dividing by an exact power of ten keeps the shortest decimal form. */
    private static double round(double x, int decimals) {
        if (decimals <= 0) {
            double tick = Math.pow(10, -decimals);
            return Math.max(tick, Math.rint(x / tick) * tick);
        }
        double scale = Math.pow(10, decimals);
        return Math.max(1, Math.rint(x * scale)) / scale;
    }

    /** Relative volatility and volume at a bar's time of day; averages about 1 over a session. */
    static double seasonality(AssetClass ac, long sessionOpen, long t, Timeframe tf) {
        if (!tf.isIntraday()) {
            return 1.0;
        }
        long mid = t + tf.millis() / 2;
        switch (ac) {
            case EQUITY:
            case INDEX: {
                // Minutes since 09:30 New York: a U shape (busy open and close, quiet lunch).
                double m = Math.max(0, (mid - sessionOpen) / 60_000.0);
                return 0.65 + 0.9 * Math.exp(-m / 45.0) + 0.45 * Math.exp(-Math.max(0, 390 - m) / 40.0);
            }
            case CRYPTO: {
                double hour = Math.floorMod(mid, DAY) / 3_600_000.0;
                double dow = Math.floorMod(Math.floorDiv(mid, DAY) + 3, 7); // 0 = Monday
                return (0.85 + 0.25 * Math.cos((hour - 15) / 24.0 * 2 * Math.PI)) * (dow >= 5 ? 0.8 : 1.05);
            }
            default: {
                double hour = Math.floorMod(mid, DAY) / 3_600_000.0;
                double london = Math.exp(-Math.pow((hour - 9) / 3.0, 2));
                double newYork = Math.exp(-Math.pow((hour - 14.5) / 2.5, 2));
                return 0.55 + 0.6 * london + 0.8 * newYork;
            }
        }
    }

    private static double gauss(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** A standard normal that depends only on (seed, salt, instant): shared by symbols at the same time. */
    static double gaussian(long seed, long salt, long t) {
        long a = mix(seed ^ mix(salt * 0xD1B54A32D192ED03L + t));
        long b = mix(a + 0x9E3779B97F4A7C15L);
        double u1 = ((a >>> 11) + 1) * 0x1.0p-53;
        double u2 = (b >>> 11) * 0x1.0p-53;
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** SplitMix64's finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
