package dev.ktrdr.data.calendar;

import dev.ktrdr.api.AssetClass;
import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Session;
import dev.ktrdr.api.TradingCalendar;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in trading calendars and the default calendar of each asset class. Every calendar
 * returned is immutable, shared and thread-safe.
 */
public final class Calendars {
    private static final MarketCalendar CRYPTO = new CryptoCalendar();
    private static final MarketCalendar FOREX = new ForexCalendar(false);
    private static final MarketCalendar METALS = new ForexCalendar(true);
    private static final MarketCalendar US_EQUITY = new UsEquityCalendar();

    private Calendars() {
    }

    /** @return crypto: 24/7, days are UTC days */
    public static MarketCalendar crypto() {
        return CRYPTO;
    }

    /** @return forex: Sunday 17:00 to Friday 17:00 New York, days roll at 17:00 New York */
    public static MarketCalendar forex() {
        return FOREX;
    }

    /**
     * @return spot metals (XAUUSD, XAGUSD): the forex week, with the 17:00 New York hour reported as
     *     a daily break by the gap analysis
     */
    public static MarketCalendar metals() {
        return METALS;
    }

    /** @return US equities: NYSE regular session with holidays and early closes */
    public static MarketCalendar usEquity() {
        return US_EQUITY;
    }

    /**
     * @param id {@code crypto}, {@code forex} (alias {@code fx}), {@code metals} or {@code us-equity} (aliases
     *     {@code us_equity}, {@code nyse}, {@code equity}); case-insensitive
     * @return the calendar
     * @throws ConfigurationException naming the id and the valid ones
     */
    public static MarketCalendar byId(String id) {
        String t = id == null ? "" : id.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        switch (t) {
            case "crypto": return CRYPTO;
            case "forex": case "fx": return FOREX;
            case "metals": case "metal": return METALS;
            case "us-equity": case "nyse": case "equity": return US_EQUITY;
            default:
                throw new ConfigurationException("calendar", "'" + id + "' is not a calendar; valid: crypto, forex, metals, us-equity");
        }
    }

    /**
     * The default calendar of an asset class: forex and commodities (spot metals) the forex
     * calendar, crypto the crypto calendar, equities and indices the US-equity calendar.
     *
     * @param assetClass the asset class
     * @return its default calendar
     */
    public static MarketCalendar forAssetClass(AssetClass assetClass) {
        switch (assetClass) {
            case FOREX: case COMMODITY: return FOREX;
            case CRYPTO: return CRYPTO;
            default: return US_EQUITY;
        }
    }

    /**
     * Adapts any api calendar: a {@link MarketCalendar} is returned as is; another implementation is
     * wrapped with UTC days starting at midnight, day ends at the session close and daily bars known
     * at the session close (or label + 1 day when the day has none).
     *
     * @param calendar any trading calendar
     * @return a market calendar with the same sessions
     */
    public static MarketCalendar of(TradingCalendar calendar) {
        if (calendar instanceof MarketCalendar m) {
            return m;
        }
        return new Adapter(calendar);
    }

    private static final class Adapter implements MarketCalendar {
        private final TradingCalendar delegate;

        Adapter(TradingCalendar delegate) {
            this.delegate = delegate;
        }

        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public Optional<Session> session(LocalDate day) {
            return delegate.session(day);
        }

        @Override
        public LocalDate tradingDay(long epochMillis) {
            return delegate.tradingDay(epochMillis);
        }

        @Override
        public boolean isOpen(long epochMillis) {
            return delegate.isOpen(epochMillis);
        }

        @Override
        public ZoneId zone() {
            return ZoneOffset.UTC;
        }

        @Override
        public long dayStart(LocalDate day) {
            return day.toEpochDay() * CryptoCalendar.DAY;
        }

        @Override
        public long dailyBarClose(LocalDate label) {
            return delegate.session(label).map(Session::closeMillis)
                    .filter(c -> c > label.toEpochDay() * CryptoCalendar.DAY)
                    .orElse((label.toEpochDay() + 1) * CryptoCalendar.DAY);
        }

        @Override
        public boolean expectsDailyBar(LocalDate label) {
            return delegate.session(label).isPresent();
        }

        @Override
        public String toString() {
            return id();
        }
    }
}
