package dev.dl4jlab.config;

/** Gradient-descent updater: {@code sgd} (optionally with momentum) or {@code adam}. */
public record OptimizerConfig(OptimizerType type, double learningRate, double momentum) {

    public OptimizerConfig withLearningRate(double newLearningRate) {
        return new OptimizerConfig(type, newLearningRate, momentum);
    }
}
