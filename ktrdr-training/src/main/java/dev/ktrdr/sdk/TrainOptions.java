package dev.ktrdr.sdk;

import dev.ktrdr.api.ConfigurationException;
import dev.ktrdr.api.Symbol;
import dev.ktrdr.api.Timeframe;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a training run may change of its strategy without editing the file. Every field is optional;
 * an empty one keeps the strategy's own setting. The result is validated through the strategy
 * validation path, so an override that makes the strategy invalid is reported with its YAML path.
 *
 * @param symbols the symbols to train on (empty: the strategy's list, or every symbol of its asset
 *     classes in the data source)
 * @param timeframes the timeframes (empty: the strategy's)
 * @param baseTimeframe the rows' timeframe (empty: the strategy's)
 * @param startDate first UTC day of training data (empty: the strategy's)
 * @param endDate last UTC day of training data, inclusive (empty: the strategy's)
 * @param perSymbol train one symbol-specific model per symbol (in parallel) instead of one model
 */
public record TrainOptions(List<Symbol> symbols, List<Timeframe> timeframes, Optional<Timeframe> baseTimeframe,
                           Optional<LocalDate> startDate, Optional<LocalDate> endDate, boolean perSymbol) {
    /** No overrides: the strategy as written. */
    public static final TrainOptions DEFAULTS = new TrainOptions(List.of(), List.of(), Optional.empty(),
            Optional.empty(), Optional.empty(), false);

    /** Copies the lists and checks the date range and the base timeframe. */
    public TrainOptions {
        symbols = List.copyOf(symbols);
        timeframes = List.copyOf(timeframes);
        Objects.requireNonNull(baseTimeframe, "baseTimeframe");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(endDate, "endDate");
        if (startDate.isPresent() && endDate.isPresent() && endDate.get().isBefore(startDate.get())) {
            throw new ConfigurationException("end_date", endDate.get() + " is before start_date " + startDate.get());
        }
        if (baseTimeframe.isPresent() && !timeframes.isEmpty() && !timeframes.contains(baseTimeframe.get())) {
            throw new ConfigurationException("base_timeframe", baseTimeframe.get().label() + " is not one of the timeframes "
                    + timeframes.stream().map(Timeframe::label).toList());
        }
    }

    /** @return a builder starting from {@link #DEFAULTS} */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link TrainOptions}; not thread-safe. */
    public static final class Builder {
        private final List<Symbol> symbols = new ArrayList<>();
        private final List<Timeframe> timeframes = new ArrayList<>();
        private Timeframe base;
        private LocalDate start;
        private LocalDate end;
        private boolean perSymbol;

        private Builder() {
        }

        /**
         * @param values symbols such as {@code "EURUSD"} (validated as safe names)
         * @return this builder
         */
        public Builder symbols(String... values) {
            for (String v : values) {
                symbols.add(Symbol.of(v));
            }
            return this;
        }

        /**
         * @param values symbols
         * @return this builder
         */
        public Builder symbols(List<Symbol> values) {
            symbols.addAll(values);
            return this;
        }

        /**
         * @param values timeframes, e.g. {@code Timeframe.H1, Timeframe.H4}
         * @return this builder
         */
        public Builder timeframes(Timeframe... values) {
            timeframes.addAll(List.of(values));
            return this;
        }

        /**
         * @param value the rows' timeframe
         * @return this builder
         */
        public Builder baseTimeframe(Timeframe value) {
            base = value;
            return this;
        }

        /**
         * @param from first UTC day
         * @param to last UTC day, inclusive
         * @return this builder
         */
        public Builder dateRange(LocalDate from, LocalDate to) {
            start = from;
            end = to;
            return this;
        }

        /**
         * @param value one symbol-specific model per symbol
         * @return this builder
         */
        public Builder perSymbol(boolean value) {
            perSymbol = value;
            return this;
        }

        /** @return the options, validated */
        public TrainOptions build() {
            return new TrainOptions(symbols, timeframes, Optional.ofNullable(base), Optional.ofNullable(start),
                    Optional.ofNullable(end), perSymbol);
        }
    }
}
