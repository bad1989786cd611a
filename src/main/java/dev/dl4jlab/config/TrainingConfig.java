package dev.dl4jlab.config;

/** How long and how to train. */
public record TrainingConfig(int epochs, OptimizerConfig optimizer, double l2) {

    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(newEpochs, optimizer, l2);
    }

    public TrainingConfig withOptimizer(OptimizerConfig newOptimizer) {
        return new TrainingConfig(epochs, newOptimizer, l2);
    }
}
