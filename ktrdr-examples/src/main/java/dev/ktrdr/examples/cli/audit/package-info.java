/** {@code ktrdr audit}: whether a strategy and its data can be trusted, before anyone believes its numbers. */
package dev.ktrdr.examples.cli.audit;
