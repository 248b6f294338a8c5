/** Commands of the decisions and backtesting part: {@code ktrdr analyze mtf}. */
package dev.ktrdr.examples.cli.backtest;
