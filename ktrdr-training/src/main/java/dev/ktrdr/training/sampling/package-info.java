/**
 * Mini-batch plans over several symbols' training rows: concatenate, interleave, balanced and weighted.
 */
package dev.ktrdr.training.sampling;
