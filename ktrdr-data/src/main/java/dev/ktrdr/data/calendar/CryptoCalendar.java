package dev.ktrdr.data.calendar;

import dev.ktrdr.api.Session;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Crypto markets: open 24 hours a day, 7 days a week; a trading day is a UTC calendar day
 * {@code [D 00:00Z, D+1 00:00Z)}; a daily bar labelled D becomes known at D+1 00:00Z.
 *
 * <p>Immutable and thread-safe.
 */
final class CryptoCalendar implements MarketCalendar {
    static final long DAY = 86_400_000L;

    @Override
    public String id() {
        return "crypto";
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Optional<Session> session(LocalDate day) {
        long start = day.toEpochDay() * DAY;
        return Optional.of(new Session(day, start, start + DAY, false));
    }

    @Override
    public LocalDate tradingDay(long epochMillis) {
        return LocalDate.ofEpochDay(Math.floorDiv(epochMillis, DAY));
    }

    @Override
    public boolean isOpen(long epochMillis) {
        return true;
    }

    @Override
    public long dayStart(LocalDate day) {
        return day.toEpochDay() * DAY;
    }

    @Override
    public long dayEnd(LocalDate day) {
        return (day.toEpochDay() + 1) * DAY;
    }

    @Override
    public long dailyBarClose(LocalDate label) {
        return (label.toEpochDay() + 1) * DAY;
    }

    @Override
    public boolean expectsDailyBar(LocalDate label) {
        return true;
    }

    @Override
    public String toString() {
        return id();
    }
}
