/**
 * Market data for ktrdr-java: CSV and CSV.gz bars ({@link dev.ktrdr.data.CsvBars}) with STRICT or
 * REPAIR validation, the data-folder layout ({@link dev.ktrdr.data.DataFolder}) and symbol registry
 * ({@link dev.ktrdr.data.SymbolRegistry}), gap analysis ({@link dev.ktrdr.data.GapAnalyzer}),
 * calendar-aware resampling ({@link dev.ktrdr.data.CalendarResampler}), multi-timeframe loading
 * ({@link dev.ktrdr.data.MultiTimeframeLoader}) and the look-ahead-free aligner
 * ({@link dev.ktrdr.data.LookaheadFreeAligner}). Calendars live in {@code dev.ktrdr.data.calendar},
 * the synthetic market in {@code dev.ktrdr.data.synthetic}.
 *
 * <p>Time rule: every bar carries the instant it became known (its close time); nothing here lets a
 * consumer see a bar before then.
 */
package dev.ktrdr.data;
