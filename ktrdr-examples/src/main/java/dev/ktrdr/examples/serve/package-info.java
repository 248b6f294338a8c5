/**
 * {@code ktrdr serve}: the HTTP API of the library for hosts in any language, on the JDK's embedded
 * HTTP server. A thin client of {@link dev.ktrdr.sdk.Ktrdr} and the library's typed results: bearer
 * token on every route but {@code /health}, loopback by default, size limits on every input, JSON
 * errors, training and backtest jobs on a bounded queue.
 */
package dev.ktrdr.examples.serve;
