/** The {@code ktrdr fuzzy} and {@code ktrdr features} commands: fuzzy memberships and multi-timeframe feature frames. */
package dev.ktrdr.examples.cli.fuzzy;
