/**
 * Chronological train / validation / test splits with the same cut instants for every symbol and a purge before each cut, and walk-forward folds.
 */
package dev.ktrdr.training.split;
