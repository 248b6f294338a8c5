/**
 * Allocation-free building blocks for indicator kernels: running sums, monotonic-deque rolling
 * extremes and SMA-seeded exponential averages. Each has O(1) amortized cost per value; custom
 * indicators may use them. None is thread-safe: one instance per series.
 */
package dev.ktrdr.indicators.kernels;
