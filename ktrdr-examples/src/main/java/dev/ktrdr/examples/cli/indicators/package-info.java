/** The {@code ktrdr indicators} command: compute a strategy's indicators over a bar file, list the catalogue. */
package dev.ktrdr.examples.cli.indicators;
