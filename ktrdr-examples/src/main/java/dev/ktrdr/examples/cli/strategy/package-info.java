/** {@code ktrdr strategy validate} and {@code ktrdr strategy migrate}. */
package dev.ktrdr.examples.cli.strategy;
