/**
 * Evaluation: metrics beside the per-symbol majority baseline and the momentum baseline, the edge over the
 * stronger of them with a block-bootstrap interval ({@link dev.ktrdr.training.eval.BlockBootstrap},
 * {@link dev.ktrdr.training.eval.EdgeReport}), calibration and temperature scaling, permutation importance, symbol-embedding analysis and the per-epoch analytics CSV.
 */
package dev.ktrdr.training.eval;
