package dev.ktrdr.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Broad asset classes. They pick default trading calendars, per-asset-class settings in strategy
 * files, fallback groups in the model loader and deployment restrictions.
 */
public enum AssetClass {
    /** Currency pairs, traded 24/5 (Sunday to Friday around 17:00 New York). */
    FOREX("forex"),
    /** Crypto pairs, traded 24/7. */
    CRYPTO("crypto"),
    /** Shares and exchange-traded funds (default calendar: US equities, NYSE regular session). */
    EQUITY("equity"),
    /** Commodities and metals such as spot gold (forex week, with a daily break). */
    COMMODITY("commodity"),
    /** Indices such as the VIX (calendar of their exchange). */
    INDEX("index");

    private final String id;

    AssetClass(String id) {
        this.id = id;
    }

    /** @return the lower-case id used in files, e.g. {@code "forex"} */
    public String id() {
        return id;
    }

    /**
     * Parses an id, case-insensitive; {@code stock}, {@code stocks}, {@code etf} and
     * {@code us_equity} mean {@link #EQUITY}, {@code fx} means {@link #FOREX}, {@code metal} means
     * {@link #COMMODITY}.
     *
     * @param text the id
     * @return the asset class
     * @throws ConfigurationException listing the valid ids
     */
    public static AssetClass parse(String text) {
        if (text != null) {
            String t = text.trim().toLowerCase(Locale.ROOT).replace('-', '_');
            for (AssetClass a : values()) {
                if (a.id.equals(t)) {
                    return a;
                }
            }
            switch (t) {
                case "fx": return FOREX;
                case "stock": case "stocks": case "etf": case "us_equity": case "equities": return EQUITY;
                case "metal": case "metals": case "commodities": return COMMODITY;
                case "indices": return INDEX;
                default: break;
            }
        }
        throw new ConfigurationException("asset_class", "'" + text + "' is not an asset class; valid: "
                + Arrays.stream(values()).map(AssetClass::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
