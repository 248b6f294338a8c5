package dev.ktrdr.training.labels;

import dev.ktrdr.api.Labeler;
import dev.ktrdr.training.strategy.TrainingConfig.LabelConfig;

/** Builds the labeler a strategy's {@code training.labels} section configures. Stateless. */
public final class Labelers {
    private Labelers() {
    }

    /**
     * @param config the label section
     * @return {@link ZigZagSegmentLabeler} (uncapped; {@code label_lookahead} is not used), , {@link ZigZagForwardLabeler} or
     *     {@link TripleBarrierLabeler}
     */
    public static Labeler fromConfig(LabelConfig config) {
        switch (config.source()) {
            case ZIGZAG:
                return new ZigZagSegmentLabeler(config.zigzagThreshold());
            case ZIGZAG_FORWARD:
                return new ZigZagForwardLabeler(config.zigzagThreshold(), config.labelLookahead(), config.minSwingLength());
            default:
                return new TripleBarrierLabeler(config.profitTake(), config.stopLoss(), config.verticalBarrier(),
                        config.volatilityWindow());
        }
    }
}
