/**
 * Evaluation: metrics beside the majority-class baseline (overall and per symbol), the momentum baseline, calibration and temperature scaling, permutation importance, symbol-embedding analysis and the per-epoch analytics CSV.
 */
package dev.ktrdr.training.eval;
