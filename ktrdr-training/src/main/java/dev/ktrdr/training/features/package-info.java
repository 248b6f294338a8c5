/**
 * Per-symbol datasets that keep features and labels paired, stacking of several symbols, past-only context features, and the standard scaler's JSON form.
 */
package dev.ktrdr.training.features;
