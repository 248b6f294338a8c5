package dev.ktrdr.training.mlp;

/**
 * What one training epoch did. Losses are the configured loss (class weights and focal term included);
 * accuracies are plain shares of correct argmax predictions. Training figures are measured on the epoch's
 * mini-batches as they were trained (with dropout); validation figures in evaluation mode after the epoch.
 *
 * @param epoch the epoch number, from 0
 * @param trainLoss mean training loss over the epoch's rows
 * @param trainAccuracy training accuracy in [0, 1]
 * @param validationLoss validation loss, NaN when there is no validation set
 * @param validationAccuracy validation accuracy in [0, 1], NaN when there is no validation set
 * @param learningRate the learning rate used
 * @param gradientNorm mean global L2 norm of the batch gradients before clipping
 * @param seconds wall-clock seconds of the epoch, validation included
 */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double learningRate, double gradientNorm, double seconds) {
}
