/**
 * The HTML report: {@link dev.ktrdr.report.ReportWriter} turns a {@link dev.ktrdr.report.ReportData}
 * (training curves, accuracy per symbol beside its baselines, importance, confusion, calibration, the
 * symbol-embedding map, equity against buy-and-hold) into a self-contained {@code index.html} with
 * PNG charts drawn by XChart; {@link dev.ktrdr.report.ReportSources} reads a stored model version or a
 * backtest output folder into report data. Part of the library so that a host writes a report without
 * the command line.
 */
package dev.ktrdr.report;
