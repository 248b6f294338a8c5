/**
 * Walk-forward evaluation: rolling train-then-test windows, out-of-sample segments stitched, and the
 * comparison of per-symbol, universal and universal-with-embedding models ({@link
 * dev.ktrdr.training.walkforward.ModeComparison}).
 */
package dev.ktrdr.training.walkforward;
