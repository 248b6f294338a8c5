/**
 * A deterministic synthetic market ({@link dev.ktrdr.data.synthetic.SyntheticMarket}): correlated,
 * regime-switching, calendar-aware bars for examples, the demo and tests.
 */
package dev.ktrdr.data.synthetic;
