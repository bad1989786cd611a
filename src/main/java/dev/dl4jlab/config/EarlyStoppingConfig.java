package dev.dl4jlab.config;

/**
 * Stop training when {@code metric} on the evaluation split (valid) has not improved by more than {@code minDelta} for
 * {@code patience} evaluations (one every {@code evaluation.everyEpochs} epochs); with {@code restoreBest}, the model
 * kept is the best evaluation's.
 */
public record EarlyStoppingConfig(Metric metric, int patience, double minDelta, boolean restoreBest) implements java.io.Serializable {
}
