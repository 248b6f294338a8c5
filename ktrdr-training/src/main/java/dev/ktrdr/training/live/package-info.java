/**
 * Live replay: {@link dev.ktrdr.training.live.LivePipeline} turns bars fed one at a time into the
 * decisions the backtest makes on the same bars.
 */
package dev.ktrdr.training.live;
