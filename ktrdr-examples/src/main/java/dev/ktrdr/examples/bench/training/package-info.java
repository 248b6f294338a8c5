/** Benchmarks of the training path: JMH for the preparation steps, a program for a whole universal training run. */
package dev.ktrdr.examples.bench.training;
