/** JMH benchmarks of the training path before the network. */
package dev.ktrdr.examples.bench.training;
