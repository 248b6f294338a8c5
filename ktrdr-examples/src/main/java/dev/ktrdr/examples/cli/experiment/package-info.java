/** {@code ktrdr experiment}: experiments over strategies, such as {@code compare-modes}. */
package dev.ktrdr.examples.cli.experiment;
