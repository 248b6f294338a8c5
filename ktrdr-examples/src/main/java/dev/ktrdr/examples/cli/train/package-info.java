/** {@code ktrdr train}. */
package dev.ktrdr.examples.cli.train;
