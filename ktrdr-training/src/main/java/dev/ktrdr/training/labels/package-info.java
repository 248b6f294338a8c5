/**
 * Labelers on a symbol's base series: ZigZag segment labels, ZigZag forward-window labels and triple-barrier labels, each with its forward horizon (the purge gap), and the class balance.
 */
package dev.ktrdr.training.labels;
