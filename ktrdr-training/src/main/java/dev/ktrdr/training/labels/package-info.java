/**
 * Labelers on a symbol's base series: ZigZag segment labels, ZigZag forward-window labels and triple-barrier labels, each with its forward horizon (the purge gap; for segment labels measured on the series and reported in {@link dev.ktrdr.api.Labels#horizon()}), and the class balance.
 */
package dev.ktrdr.training.labels;
