/**
 * The LightGBM binding of the tree models: the only package that uses {@code com.microsoft.ml.lightgbm}
 * (an optional dependency). It extracts the platform's native libraries from the LightGBM jar to a private
 * temporary directory, loads them once, and drives LightGBM's C API through its SWIG wrapper.
 */
package dev.ktrdr.training.gbdt.lightgbm;
