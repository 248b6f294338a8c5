package dev.ktrdr.api;

import dev.ktrdr.api.internal.SafeNames;
import java.util.Objects;
import java.util.Optional;

/**
 * What later stages need to know of a symbol: its asset class (per-asset-class settings, fallback
 * group, deployment restrictions), the id of its trading calendar and an optional group name.
 *
 * @param symbol the symbol
 * @param assetClass its asset class
 * @param calendarId id of its {@link TradingCalendar}: {@code crypto}, {@code forex} or {@code us-equity}
 * @param group optional group name for group models; empty when none was configured
 */
public record SymbolInfo(Symbol symbol, AssetClass assetClass, String calendarId, Optional<String> group) {
    /**
     * Validates that every part is present and the group, if any, is a safe name.
     *
     * @param symbol the symbol
     * @param assetClass its asset class
     * @param calendarId id of its {@link TradingCalendar}: {@code crypto}, {@code forex} or {@code us-equity}
     * @param group optional group name for group models; empty when none was configured
     */
    public SymbolInfo {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(assetClass, "assetClass");
        Objects.requireNonNull(calendarId, "calendarId");
        Objects.requireNonNull(group, "group");
        group.ifPresent(g -> SafeNames.require("group name", g, 64));
    }
}
